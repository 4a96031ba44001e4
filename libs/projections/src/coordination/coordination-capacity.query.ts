import type { OrganisationKind, Service } from '@passerelle/domain';
import type { DataSource } from 'typeorm';
import type { DeclaredCapacity } from './coordination-organisation.entity';
import { SqlParams, whereClause, type CoordinationFilter } from './coordination-filter';

export interface CapacityRow {
  organisationId: string;
  kind: OrganisationKind;
  department: string;
  service: Service;
  /** What the organisation last declared, or null if it never declared places for this service. */
  declared: DeclaredCapacity | null;
  /** Accepted referrals not yet closed: women it is serving now. */
  occupied: number;
  /** Referrals made to it and not answered yet: its waiting list. */
  waiting: number;
  /** Of those, the ones past their `respondBy`. */
  overdue: number;
}

export interface CapacityView {
  rows: CapacityRow[];
  byService: { service: Service; declaredTotal: number; declaredAvailable: number; occupied: number; waiting: number; overdue: number }[];
}

type Row = Record<string, unknown>;

/**
 * Declared places per organisation and service against occupied places and the waiting list, now.
 * `department` and `kind` select organisations, `service` the services, `indicator` which women
 * count in `occupied` and `waiting` (those whose identification carries it).
 */
export class CoordinationCapacityQuery {
  constructor(private readonly dataSource: DataSource) {}

  async capacity(filter: Omit<CoordinationFilter, 'from' | 'to'>, now: Date): Promise<CapacityView> {
    const params = new SqlParams();
    const organisations: string[] = [];
    if (filter.department) organisations.push(`o.department = ${params.add(filter.department)}`);
    if (filter.kind) organisations.push(`o.kind = ${params.add(filter.kind)}`);
    const found: Row[] = await this.dataSource.query(
      `SELECT organisation_id, kind, department, services, capacity FROM coordination_organisations o ${whereClause(organisations)} ORDER BY organisation_id`,
      params.values,
    );
    const loads = await this.loads(filter, now);
    const rows: CapacityRow[] = [];
    for (const organisation of found) {
      const id = organisation.organisation_id as string;
      const capacity = organisation.capacity as Partial<Record<Service, DeclaredCapacity>>;
      const load = loads.get(id) ?? new Map<string, Row>();
      const services = new Set<string>([...(organisation.services as string[]), ...Object.keys(capacity), ...load.keys()]);
      for (const service of [...services].sort()) {
        if (filter.service && service !== filter.service) continue;
        const counts = load.get(service);
        rows.push({
          organisationId: id,
          kind: organisation.kind as OrganisationKind,
          department: organisation.department as string,
          service: service as Service,
          declared: capacity[service as Service] ?? null,
          occupied: Number(counts?.occupied ?? 0),
          waiting: Number(counts?.waiting ?? 0),
          overdue: Number(counts?.overdue ?? 0),
        });
      }
    }
    return { rows, byService: byService(rows) };
  }

  /** organisation → service → counts of accepted-not-closed and not-yet-answered referrals. */
  private async loads(filter: Pick<CoordinationFilter, 'indicator' | 'service'>, now: Date): Promise<Map<string, Map<string, Row>>> {
    const params = new SqlParams();
    const conditions = ["r.status IN ('accepted', 'referred')"];
    if (filter.service) conditions.push(`r.service = ${params.add(filter.service)}`);
    const join = filter.indicator
      ? `JOIN coordination_cases c ON c.case_id = r.case_id AND ${params.add(filter.indicator)} = ANY (c.indicators)`
      : '';
    const rows: Row[] = await this.dataSource.query(
      `
      SELECT r.to_org, r.service, count(*) FILTER (WHERE r.status = 'accepted') AS occupied, count(*) FILTER (WHERE r.status = 'referred') AS waiting,
             count(*) FILTER (WHERE r.status = 'referred' AND r.respond_by < ${params.add(now.toISOString())}::timestamptz) AS overdue
      FROM coordination_referrals r ${join} ${whereClause(conditions)} GROUP BY r.to_org, r.service`,
      params.values,
    );
    const loads = new Map<string, Map<string, Row>>();
    for (const row of rows) {
      const organisation = row.to_org as string;
      const services = loads.get(organisation) ?? new Map<string, Row>();
      loads.set(organisation, services);
      services.set(row.service as string, row);
    }
    return loads;
  }
}

function byService(rows: CapacityRow[]): CapacityView['byService'] {
  const totals = new Map<Service, CapacityView['byService'][number]>();
  for (const row of rows) {
    const total = totals.get(row.service) ?? {
      service: row.service,
      declaredTotal: 0,
      declaredAvailable: 0,
      occupied: 0,
      waiting: 0,
      overdue: 0,
    };
    total.declaredTotal += row.declared?.total ?? 0;
    total.declaredAvailable += row.declared?.available ?? 0;
    total.occupied += row.occupied;
    total.waiting += row.waiting;
    total.overdue += row.overdue;
    totals.set(row.service, total);
  }
  return [...totals.values()].sort((a, b) => a.service.localeCompare(b.service));
}
