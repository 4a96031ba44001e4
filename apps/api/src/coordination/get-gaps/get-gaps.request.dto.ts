import { ApiPropertyOptional } from '@nestjs/swagger';
import { OmitType } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, Max, Min } from 'class-validator';
import { CoordinationFilterRequest } from '../coordination-filter.request.dto';

/** Gaps are about identifications, not services or who identified her: `service` and `kind` do not apply. */
export class GetGapsRequest extends OmitType(CoordinationFilterRequest, ['service', 'kind'] as const) {
  @ApiPropertyOptional({
    type: 'integer',
    default: 30,
    minimum: 1,
    maximum: 365,
    description: 'Days after which a trafficking identification not yet referred counts as a gap',
  })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  afterDays?: number;
}
