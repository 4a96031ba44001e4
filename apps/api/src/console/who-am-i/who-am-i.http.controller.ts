import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ROLES, type Actor } from '@passerelle/domain';
import { CurrentActor, Roles } from '@passerelle/platform';

/**
 * Which role and organisation a key stands for, so that a client (the console) can offer only what
 * the key allows. It names nothing else: the key id stays out, since a page may display the answer.
 */
@ApiTags('keys') @ApiBearerAuth()
@Controller('v1/me')
export class WhoAmIController {
  @Get() @Roles(...ROLES)
  @ApiOperation({ summary: 'The role and organisation of the calling key' })
  whoAmI(@CurrentActor() actor: Actor) {
    return { role: actor.role, organisationId: actor.organisationId, organisationKind: actor.organisationKind };
  }
}
