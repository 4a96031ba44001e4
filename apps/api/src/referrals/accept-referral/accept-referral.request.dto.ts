import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Length } from 'class-validator';

export class AcceptReferralRequest {
  @ApiPropertyOptional({ description: 'Encrypted with her data key; visible to the two parties' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  note?: string;
}
