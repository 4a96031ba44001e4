import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { IsPosition } from '@passerelle/http';

export class GetAccessLogRequest {
  @ApiPropertyOptional({ pattern: '^[0-9]{1,19}$', description: 'nextCursor from the previous page (older reads)' })
  @IsOptional()
  @IsPosition({ message: 'cursor must be a nextCursor returned by this endpoint' })
  cursor?: string;

  @ApiPropertyOptional({ type: 'integer', default: 100, minimum: 1, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;
}
