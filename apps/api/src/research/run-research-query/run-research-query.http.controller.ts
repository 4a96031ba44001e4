import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@passerelle/platform';
import { Context, type CommandContext } from '../../shared/command-context';
import { RunResearchQueryHandler } from './run-research-query.handler';
import { RunResearchQueryRequest } from './run-research-query.request.dto';

@ApiTags('research') @ApiBearerAuth()
@Controller('v1/research')
export class RunResearchQueryController {
  constructor(private readonly handler: RunResearchQueryHandler) {}

  @Post('queries') @HttpCode(200) @Roles('researcher')
  @ApiOperation({
    summary: 'Aggregate query over generalised rows, with disclosure control',
    description: 'Only cases with an active research consent count. Counts under k are suppressed, with complementary suppression; '
      + 'values seen fewer than k times in the year are shown inside "other". With epsilon, counts get discrete Laplace noise '
      + 'and ε is spent from your budget (403 RESEARCH.EPSILON_BUDGET_SPENT once it is used up).',
  })
  run(@Body() request: RunResearchQueryRequest, @Context() context: CommandContext) {
    return this.handler.execute(request, context.actor, context.now);
  }
}
