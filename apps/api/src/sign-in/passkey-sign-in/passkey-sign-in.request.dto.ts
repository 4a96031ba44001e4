import { ApiProperty } from '@nestjs/swagger';
import { IsObject, IsString, Length } from 'class-validator';

export class PasskeySignInRequest {
  @ApiProperty()
  @IsString()
  @Length(10, 100)
  challengeId: string;

  @ApiProperty({ description: 'The WebAuthn authentication response (from @simplewebauthn/browser)' })
  @IsObject()
  credential: Record<string, unknown>;
}
