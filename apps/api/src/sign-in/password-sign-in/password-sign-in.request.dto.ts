import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length, MaxLength } from 'class-validator';

/** Loosely checked on purpose: a malformed e-mail or code must get the same answer as a wrong one. */
export class PasswordSignInRequest {
  @ApiProperty()
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @Length(1, 200)
  password: string;

  @ApiProperty({ description: 'The 6-digit code of her authenticator app' })
  @IsString()
  @MaxLength(10)
  code: string;
}
