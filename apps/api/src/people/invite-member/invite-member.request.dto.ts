import { ApiProperty } from '@nestjs/swagger';
import { PERSON_ROLES, type PersonRole } from '@passerelle/domain';
import { IsEmail, IsIn, MaxLength } from 'class-validator';

export class InviteMemberRequest {
  @ApiProperty({ example: 'awa.caseworker@asso93.example' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ enum: PERSON_ROLES, description: 'org_admin or caseworker in a partner organisation; network roles in the network’s own' })
  @IsIn(PERSON_ROLES)
  role: PersonRole;
}
