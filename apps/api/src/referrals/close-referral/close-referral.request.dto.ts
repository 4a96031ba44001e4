import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length } from 'class-validator';
import { CLOSURE_OUTCOMES, type ClosureOutcome } from '@passerelle/domain';

export class CloseReferralRequest {
  @ApiProperty({ enum: CLOSURE_OUTCOMES })
  @IsIn(CLOSURE_OUTCOMES)
  outcome: ClosureOutcome;

  @ApiPropertyOptional({ description: 'Encrypted with her data key; visible to the two parties' })
  @IsOptional()
  @IsString()
  @Length(1, 4000)
  note?: string;
}
