import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';

export class GetCaseRequest {
  @ApiPropertyOptional({
    description:
      'Read-your-writes: wait (briefly) until referrals up to this position (from a command response or a webhook) count for access',
  })
  @IsOptional()
  @Matches(/^\d{1,19}$/, { message: 'minPosition must be a position returned by a command' })
  minPosition?: string;
}
