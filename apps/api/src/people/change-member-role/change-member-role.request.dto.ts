import { ApiProperty } from '@nestjs/swagger';
import { PERSON_ROLES, type PersonRole } from '@passerelle/domain';
import { IsIn } from 'class-validator';

export class ChangeMemberRoleRequest {
  @ApiProperty({ enum: PERSON_ROLES })
  @IsIn(PERSON_ROLES)
  role: PersonRole;
}
