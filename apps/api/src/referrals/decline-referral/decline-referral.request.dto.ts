import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { DECLINE_REASONS, type DeclineReason } from '@passerelle/domain';

export class DeclineReferralRequest {
  @ApiProperty({ enum: DECLINE_REASONS })
  @IsIn(DECLINE_REASONS)
  reason: DeclineReason;

  @ApiPropertyOptional({ description: 'Encrypted with her data key; visible to the two parties' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  note?: string;
}
