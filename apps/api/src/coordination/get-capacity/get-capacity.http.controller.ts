import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles } from '@passerelle/platform';
import { CoordinationCapacityQuery } from '@passerelle/projections';
import { Context, type CommandContext } from '../../shared/command-context';
import { CoordinationPlaceRequest } from '../coordination-filter.request.dto';

@ApiTags('coordination') @ApiBearerAuth()
@Controller('v1/coordination')
export class GetCapacityController {
  constructor(private readonly query: CoordinationCapacityQuery) {}

  /** Capacity is a picture of now: there is no period to choose. */
  @Get('capacity') @Roles('coordinator')
  @ApiOperation({ summary: 'Declared places per organisation and service against occupied places (accepted, not closed) and the waiting list' })
  async capacity(@Query() request: CoordinationPlaceRequest, @Context() context: CommandContext) {
    const { department, service, indicator, kind } = request;
    return { asOf: context.now.toISOString(), ...(await this.query.capacity({ department, service, indicator, kind }, context.now)) };
  }
}
