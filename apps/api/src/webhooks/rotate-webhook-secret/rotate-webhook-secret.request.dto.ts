import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, Max, Min } from 'class-validator';

export class RotateWebhookSecretRequest {
  @ApiPropertyOptional({
    type: 'integer',
    default: 86_400,
    minimum: 0,
    maximum: 604_800,
    description: 'How long the previous secret keeps signing, in seconds',
  })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(604_800)
  overlapSeconds?: number;
}
