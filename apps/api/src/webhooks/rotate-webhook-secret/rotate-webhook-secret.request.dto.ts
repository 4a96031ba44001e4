import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min, ValidateIf } from 'class-validator';

export class RotateWebhookSecretRequest {
  @ApiPropertyOptional({
    type: 'integer',
    default: 86_400,
    minimum: 0,
    maximum: 604_800,
    description: 'How long the previous secret keeps signing, in seconds',
  })
  // Absent: the default; null is no number of seconds (it was read as 0, ending the old secret at once).
  @ValidateIf((_, value) => value !== undefined)
  @IsInt()
  @Min(0)
  @Max(604_800)
  overlapSeconds?: number;
}
