import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class InvitationTokenRequest {
  @ApiProperty({ description: 'The secret after #invitation= in the link' })
  @IsString()
  @Length(20, 200)
  token: string;
}
