import { ApiPropertyOptional } from '@nestjs/swagger';
import {
  INDICATORS,
  ORGANISATION_KINDS,
  SERVICES,
  unprocessable,
  type Indicator,
  type OrganisationKind,
  type Service,
} from '@passerelle/domain';
import { IsDepartment } from '@passerelle/geography';
import type { CoordinationFilter } from '@passerelle/projections';
import { IsIn, IsOptional, Matches } from 'class-validator';

const DATE = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])$/;
const DATE_MESSAGE = 'must be a date as YYYY-MM-DD';

/** Filters every coordination view understands; unknown query parameters are refused (400). */
export class CoordinationPlaceRequest {
  @ApiPropertyOptional({ example: '93' })
  @IsOptional()
  @IsDepartment()
  department?: string;

  @ApiPropertyOptional({ enum: SERVICES })
  @IsOptional()
  @IsIn(SERVICES)
  service?: Service;

  @ApiPropertyOptional({ enum: INDICATORS })
  @IsOptional()
  @IsIn(INDICATORS)
  indicator?: Indicator;

  @ApiPropertyOptional({ enum: ORGANISATION_KINDS })
  @IsOptional()
  @IsIn(ORGANISATION_KINDS)
  kind?: OrganisationKind;
}

/** Plus a period of identification dates (UTC days, both inclusive). */
export class CoordinationFilterRequest extends CoordinationPlaceRequest {
  @ApiPropertyOptional({ example: '2026-01-01', description: 'First day, inclusive' })
  @IsOptional()
  @Matches(DATE, { message: `from ${DATE_MESSAGE}` })
  from?: string;

  @ApiPropertyOptional({ example: '2026-12-31', description: 'Last day, inclusive' })
  @IsOptional()
  @Matches(DATE, { message: `to ${DATE_MESSAGE}` })
  to?: string;
}

/** The last day a four-digit year holds: the period's end is the day after `to`, which would need a fifth digit. */
const LAST_DAY = '9999-12-31';

/**
 * The request as the projections' filter; a period that ends before it starts, or a day that does not
 * exist (year 0000 included: PostgreSQL's calendar has no year zero), is refused. A period ending on
 * 9999-12-31 has no end.
 */
export function coordinationFilter(request: CoordinationFilterRequest): CoordinationFilter {
  for (const field of ['from', 'to'] as const) {
    const value = request[field];
    const day = value === undefined ? null : new Date(`${value}T00:00:00Z`);
    if (day && (Number.isNaN(day.getTime()) || day.toISOString().slice(0, 10) !== value || value.startsWith('0000'))) {
      throw unprocessable('COORDINATION.BAD_PERIOD', `${field} is not a day of the calendar`, { field });
    }
  }
  if (request.from && request.to && request.from > request.to) {
    throw unprocessable('COORDINATION.BAD_PERIOD', 'The period ends before it starts', { field: 'to' });
  }
  const { from, department, service, indicator, kind } = request;
  const to = request.to === LAST_DAY ? undefined : request.to;
  return { from, to, department, service, indicator, kind };
}
