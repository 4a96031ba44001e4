import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MEASURES, RESEARCH_DIMENSIONS, RESEARCH_UNITS, type ResearchUnit } from '@passerelle/projections';
import { SingleLine, Nested } from '@passerelle/http';
import { ArrayMaxSize, IsArray, IsIn, IsNumber, IsOptional, IsString, Length, Matches, Max, Min } from 'class-validator';

/**
 * ε per query. Below 0.01 the noise (scale 1/ε) drowns every count and spends the budget for
 * nothing; above 10 it protects no one. class-validator's own decimal check cannot read 1e-7 (a 500
 * once): the three decimals are checked by the research rules (RESEARCH.BAD_EPSILON).
 */
export const EPSILON_RANGE = { min: 0.01, max: 10 } as const;

const DIMENSIONS = [...Object.keys(RESEARCH_DIMENSIONS), 'month'];
const MONTH = /^\d{4}-(0[1-9]|1[0-2])$/;

/** The period and equality filters; any other field is refused (400). Values are checked against each vocabulary (422). */
export class ResearchFiltersRequest {
  @ApiProperty({ example: '2026-01', description: 'First month; with `to`, a calendar year or one month' })
  @Matches(MONTH, { message: 'from must be a month as YYYY-MM' })
  from: string;

  @ApiProperty({ example: '2026-12' })
  @Matches(MONTH, { message: 'to must be a month as YYYY-MM' })
  to: string;

  @ApiPropertyOptional({ example: 'Île-de-France', description: 'Région name or INSEE code' })
  @IsOptional()
  @IsString()
  @SingleLine()
  @Length(1, 100)
  region?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @SingleLine() @Length(1, 60) organisationKind?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @SingleLine() @Length(1, 60) receiverKind?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @SingleLine() @Length(1, 60) service?: string;
  @ApiPropertyOptional({ example: 'gbv+trafficking' }) @IsOptional() @IsString() @SingleLine() @Length(1, 100) indicatorSet?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @SingleLine() @Length(1, 60) ageBand?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @SingleLine() @Length(1, 60) outcome?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @SingleLine() @Length(1, 60) delayBand?: string;
}

export class RunResearchQueryRequest {
  @ApiPropertyOptional({ enum: RESEARCH_UNITS, default: 'referrals' })
  @IsOptional()
  @IsIn(RESEARCH_UNITS)
  unit?: ResearchUnit;

  @ApiProperty({
    example: ['region', 'service'],
    enum: DIMENSIONS,
    isArray: true,
    description: 'At most two dimensions, filtered ones included',
  })
  @IsArray()
  @ArrayMaxSize(2)
  @IsIn(DIMENSIONS, { each: true })
  groupBy: string[];

  @ApiPropertyOptional({ enum: MEASURES, isArray: true, default: ['count'] })
  @IsOptional()
  @IsArray()
  @IsIn(MEASURES, { each: true })
  measures?: string[];

  @ApiProperty({ type: ResearchFiltersRequest })
  @Nested(() => ResearchFiltersRequest)
  filters: ResearchFiltersRequest;

  @ApiPropertyOptional({
    example: 0.5,
    minimum: EPSILON_RANGE.min,
    maximum: EPSILON_RANGE.max,
    description: `Ask for discrete Laplace noise at this ε (spent from your budget), from ${EPSILON_RANGE.min} to ${EPSILON_RANGE.max} with at most three decimals; counts only`,
  })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(EPSILON_RANGE.min)
  @Max(EPSILON_RANGE.max)
  epsilon?: number;
}
