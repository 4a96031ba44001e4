import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional } from 'class-validator';
import { IsPosition } from '@passerelle/http';

export class GetCaseRequest {
  @ApiPropertyOptional({
    pattern: '^[0-9]{1,19}$',
    description:
      'Read-your-writes: wait (briefly) until referrals up to this position (from a command response or a webhook) count for access',
  })
  @IsOptional()
  @IsPosition({ message: 'minPosition must be a position returned by a command' })
  minPosition?: string;
}
