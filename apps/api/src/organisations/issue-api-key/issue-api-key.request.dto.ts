import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '@passerelle/domain';
import { IsIn } from 'class-validator';

export class IssueApiKeyRequest {
  @ApiProperty({ enum: ROLES, description: 'Only a partner key acts as the organisation; other roles are its staff with network views' })
  @IsIn(ROLES)
  role: Role;
}
