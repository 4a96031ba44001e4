import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { WITHDRAWAL_REASONS, type WithdrawalReason } from '@passerelle/domain';

export class WithdrawReferralRequest {
  @ApiProperty({ enum: WITHDRAWAL_REASONS })
  @IsIn(WITHDRAWAL_REASONS)
  reason: WithdrawalReason;

  @ApiPropertyOptional({ description: 'Encrypted with her data key; visible to the two parties' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  note?: string;
}
