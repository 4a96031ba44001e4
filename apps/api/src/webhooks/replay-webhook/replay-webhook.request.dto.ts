import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional, Matches } from 'class-validator';

/** Exactly one of the two. */
export class ReplayWebhookRequest {
  @ApiPropertyOptional({ example: '0', description: 'Re-send every event from this global position (inclusive)' })
  @IsOptional() @Matches(/^\d{1,19}$/, { message: 'fromPosition must be a global position, e.g. "0"' })
  fromPosition?: string;

  @ApiPropertyOptional({ example: '2026-11-01T00:00:00Z', description: 'Re-send every event that occurred at or after this instant' })
  @IsOptional() @IsISO8601({ strict: true })
  since?: string;
}
