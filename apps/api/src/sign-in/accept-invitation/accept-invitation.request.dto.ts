import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsObject, IsString, Length, Matches, ValidateIf } from 'class-validator';

export class AcceptInvitationRequest {
  @ApiProperty()
  @IsString()
  @Length(20, 200)
  token: string;

  @ApiProperty({ enum: ['passkey', 'password_totp'] })
  @IsIn(['passkey', 'password_totp'])
  method: 'passkey' | 'password_totp';

  @ApiProperty({ description: 'passkey.challengeId or totp.challengeId from POST /auth/invitations/start' })
  @IsString()
  @Length(10, 100)
  challengeId: string;

  @ApiPropertyOptional({ description: 'The WebAuthn registration response (passkey)' })
  @ValidateIf((body: AcceptInvitationRequest) => body.method === 'passkey')
  @IsObject()
  credential?: Record<string, unknown>;

  @ApiPropertyOptional({ description: 'At least 12 characters (password_totp)' })
  @ValidateIf((body: AcceptInvitationRequest) => body.method === 'password_totp')
  @IsString()
  @Length(1, 200)
  password?: string;

  @ApiPropertyOptional({ pattern: '^\\d{6}$', description: 'The 6-digit code the authenticator app shows for the secret (password_totp)' })
  @ValidateIf((body: AcceptInvitationRequest) => body.method === 'password_totp')
  @Matches(/^\d{6}$/)
  code?: string;
}
