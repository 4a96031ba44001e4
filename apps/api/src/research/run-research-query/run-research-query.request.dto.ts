import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { MEASURES, RESEARCH_DIMENSIONS, RESEARCH_UNITS, type ResearchUnit } from '@passerelle/projections';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsNumber,
  IsOptional,
  IsPositive,
  IsString,
  Length,
  Matches,
  Max,
  ValidateNested,
} from 'class-validator';

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
  @Length(1, 100)
  region?: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 60) organisationKind?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 60) receiverKind?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 60) service?: string;
  @ApiPropertyOptional({ example: 'gbv+trafficking' }) @IsOptional() @IsString() @Length(1, 100) indicatorSet?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 60) ageBand?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 60) outcome?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 60) delayBand?: string;
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
  @ValidateNested()
  @Type(() => ResearchFiltersRequest)
  filters: ResearchFiltersRequest;

  @ApiPropertyOptional({ example: 0.5, description: 'Ask for discrete Laplace noise at this ε (spent from your budget); counts only' })
  @IsOptional()
  @IsNumber({ maxDecimalPlaces: 3 })
  @IsPositive()
  @Max(100)
  epsilon?: number;
}
