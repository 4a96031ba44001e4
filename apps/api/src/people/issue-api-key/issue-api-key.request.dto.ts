import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInstant } from '@passerelle/http';
import { KEY_ROLES, type KeyRole } from '@passerelle/domain';
import { IsIn, IsOptional, IsString, Length, ValidateIf } from 'class-validator';

export class IssueApiKeyRequest {
  @ApiProperty({
    enum: KEY_ROLES,
    description: 'partner: the organisation’s own system; network roles are issued by the network admin only',
  })
  @IsIn(KEY_ROLES)
  role: KeyRole;

  @ApiPropertyOptional({ example: 'case system', description: 'What the key is for, shown to the organisation’s org_admins' })
  @IsOptional()
  @IsString()
  @Length(0, 100)
  label?: string;

  @ApiPropertyOptional({
    type: String,
    format: 'date-time',
    example: '2027-12-01T00:00:00Z',
    nullable: true,
    description: 'When the key stops working; one year from now when absent or null',
  })
  @IsOptional()
  @ValidateIf((_, value) => value !== null)
  @IsInstant()
  expiresAt?: string | null;
}
