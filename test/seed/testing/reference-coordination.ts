import { daysBetween, spread, type RawCase, type RawNetwork, type RawReferral } from './raw-network';

/**
 * The coordination figures computed the plain way, over the raw events, by a different route than
 * the projections (loops over memory, no SQL): the correctness-by-comparison oracle of the e2e tests.
 */
export interface Filter {
  from?: string;
  to?: string;
  department?: string;
  service?: string;
  indicator?: string;
  kind?: string;
}

const DAY = 86_400_000;
const inPeriod = (at: number, filter: Filter) =>
  (!filter.from || at >= Date.parse(`${filter.from}T00:00:00Z`)) && (!filter.to || at < Date.parse(`${filter.to}T00:00:00Z`) + DAY);
const selectedCase = (c: RawCase, filter: Filter, withKind: boolean) =>
  inPeriod(c.identifiedAt, filter) &&
  (!filter.department || c.department === filter.department) &&
  (!filter.indicator || c.indicators.includes(filter.indicator)) &&
  (!withKind || !filter.kind || c.kind === filter.kind);
const count = <T>(items: T[], keep: (item: T) => boolean) => items.filter(keep).length;

export function referenceFunnel(network: RawNetwork, filter: Filter, now: Date) {
  const cases = network.cases.filter((c) => selectedCase(c, filter, true));
  const ids = new Set(cases.map((c) => c.caseId));
  const referrals = network.referrals.filter((r) => ids.has(r.caseId) && (!filter.service || r.service === filter.service));
  const of = (c: RawCase) => referrals.filter((r) => r.caseId === c.caseId);
  const referred = cases.filter((c) => of(c).length > 0);
  const accepted = cases.filter((c) => of(c).some((r) => r.acceptedAt !== null));
  const served = cases.filter((c) => of(c).some((r) => r.outcome === 'service_provided'));
  const counts = [cases.length, referred.length, accepted.length, served.length];
  const overdue = (r: RawReferral) => r.status === 'referred' && r.respondBy !== null && r.respondBy < now.getTime();
  const organisation = (id: string) => network.organisations.find((o) => o.id === id);
  const parties = [...new Set([...cases.map((c) => c.identifiedBy), ...referrals.map((r) => r.to)])].sort();
  const declineReasons: Record<string, number> = {};
  for (const { status, declineReason } of referrals) {
    if (status === 'declined' && declineReason !== null) declineReasons[declineReason] = (declineReasons[declineReason] ?? 0) + 1;
  }
  return {
    stages: ['identified', 'referred', 'accepted', 'closed_service_provided'].map((stage, i) => {
      const [reached = 0, before = 0] = [counts[i], counts[i - 1]];
      return { stage, count: counts[i], conversion: i === 0 || before === 0 ? null : Math.round((reached / before) * 1000) / 1000 };
    }),
    declineReasons,
    overdue: count(referrals, overdue),
    delaysDays: {
      identifiedToReferred: spread(referred.map((c) => daysBetween(Math.min(...of(c).map((r) => r.madeAt)), c.identifiedAt))),
      referredToAccepted: spread(referrals.flatMap((r) => (r.acceptedAt === null ? [] : [daysBetween(r.acceptedAt, r.madeAt)]))),
      // Only an accepted referral can be closed (referral.decider.ts), so a closed one has both times.
      acceptedToClosed: spread(
        referrals.flatMap((r) => (r.closedAt === null || r.acceptedAt === null ? [] : [daysBetween(r.closedAt, r.acceptedAt)])),
      ),
    },
    byOrganisation: parties.map((id) => {
      const own = cases.filter((c) => c.identifiedBy === id);
      const received = referrals.filter((r) => r.to === id);
      return {
        organisationId: id,
        kind: organisation(id)?.kind ?? null,
        department: organisation(id)?.department ?? null,
        identified: own.length,
        referred: count(own, (c) => referred.includes(c)),
        accepted: count(own, (c) => accepted.includes(c)),
        closedServiceProvided: count(own, (c) => served.includes(c)),
        received: received.length,
        receivedAccepted: count(received, (r) => r.acceptedAt !== null),
        receivedDeclined: count(received, (r) => r.status === 'declined'),
        pending: count(received, (r) => r.status === 'referred'),
        overdue: count(received, overdue),
      };
    }),
  };
}

const coordinationActive = (c: RawCase, now: Date): c is RawCase & { linkageKey: string } =>
  c.linkageKey !== null &&
  !c.erased &&
  c.consents.some(
    (k) => !k.withdrawn && k.purposes.includes('coordination') && (k.expiresAt === null || Date.parse(k.expiresAt) > now.getTime()),
  );

export function referenceGaps(network: RawNetwork, filter: Filter, now: Date, afterDays: number) {
  const byKey = new Map<string, RawCase[]>();
  for (const c of network.cases.filter((c) => coordinationActive(c, now))) byKey.set(c.linkageKey, [...(byKey.get(c.linkageKey) ?? []), c]);
  const persons = [...byKey.values()]
    .map((linked) => {
      const first = [...linked].sort((a, b) => a.identifiedAt - b.identifiedAt || (a.caseId < b.caseId ? -1 : 1))[0];
      if (first === undefined) throw new Error('a linkage group always holds the case that created it');
      const ngo = linked.filter((c) => c.kind !== 'authority').map((c) => c.identifiedAt);
      const authority = linked.filter((c) => c.kind === 'authority').map((c) => c.identifiedAt);
      const side = authority.length === 0 ? 'ngoOnly' : ngo.length === 0 ? 'authorityOnly' : 'both';
      return {
        firstAt: first.identifiedAt,
        department: first.department,
        month: new Date(first.identifiedAt).toISOString().slice(0, 7),
        indicators: [...new Set(linked.flatMap((c) => c.indicators))],
        side,
        lag: side === 'both' ? Math.abs(daysBetween(Math.min(...authority), Math.min(...ngo))) : null,
      };
    })
    .filter(
      (p) =>
        inPeriod(p.firstAt, filter) &&
        (!filter.department || p.department === filter.department) &&
        (!filter.indicator || p.indicators.includes(filter.indicator)),
    );
  const counts = (group: typeof persons) => ({
    ngoOnly: count(group, (p) => p.side === 'ngoOnly'),
    authorityOnly: count(group, (p) => p.side === 'authorityOnly'),
    both: count(group, (p) => p.side === 'both'),
    lagDays: spread(group.flatMap((p) => (p.lag === null ? [] : [p.lag]))),
  });
  const cells = new Map<string, typeof persons>();
  for (const p of persons) {
    for (const indicator of p.indicators.filter((i) => !filter.indicator || i === filter.indicator)) {
      const key = `${p.department}|${indicator}|${p.month}`;
      cells.set(key, [...(cells.get(key) ?? []), p]);
    }
  }
  const trafficking = network.cases.filter(
    (c) =>
      selectedCase(c, filter, false) &&
      c.kind !== 'authority' &&
      c.indicators.some((i) => i.startsWith('trafficking')) &&
      c.identifiedAt <= now.getTime() - afterDays * DAY &&
      !network.referrals.some(
        (r) =>
          r.caseId === c.caseId &&
          (r.service === 'specialised_shelter' || network.organisations.find((o) => o.id === r.to)?.kind === 'authority'),
      ),
  );
  const tally = (keys: string[]) => [...new Set(keys)].sort().map((key) => [key, count(keys, (k) => k === key)] as const);
  return {
    rows: [...cells.entries()]
      .sort(([a], [b]) => (a < b ? -1 : 1))
      .map(([key, group]) => {
        const [department, indicator, month] = key.split('|');
        return { department, indicator, month, ...counts(group) };
      }),
    totals: { ...counts(persons), notLinkable: count(network.cases, (c) => selectedCase(c, filter, false) && !coordinationActive(c, now)) },
    unreferredTrafficking: {
      afterDays,
      count: trafficking.length,
      byDepartment: tally(trafficking.map((c) => c.department)).map(([department, n]) => ({ department, count: n })),
      byOrganisation: tally(trafficking.map((c) => c.identifiedBy)).map(([organisationId, n]) => ({ organisationId, count: n })),
    },
  };
}

export function referenceCapacity(network: RawNetwork, filter: Filter, now: Date) {
  const rows = [];
  for (const o of [...network.organisations].sort((a, b) => (a.id < b.id ? -1 : 1))) {
    if ((filter.department && o.department !== filter.department) || (filter.kind && o.kind !== filter.kind)) continue;
    const load = network.referrals.filter(
      (r) =>
        r.to === o.id &&
        ['accepted', 'referred'].includes(r.status) &&
        (!filter.indicator || network.cases.find((c) => c.caseId === r.caseId)?.indicators.includes(filter.indicator)),
    );
    const services = [...new Set([...o.services, ...Object.keys(o.capacity), ...load.map((r) => r.service)])].sort();
    for (const service of services.filter((s) => !filter.service || s === filter.service)) {
      const mine = load.filter((r) => r.service === service);
      rows.push({
        organisationId: o.id,
        kind: o.kind,
        department: o.department,
        service,
        declared: o.capacity[service] ?? null,
        occupied: count(mine, (r) => r.status === 'accepted'),
        waiting: count(mine, (r) => r.status === 'referred'),
        overdue: count(mine, (r) => r.status === 'referred' && r.respondBy !== null && r.respondBy < now.getTime()),
      });
    }
  }
  return rows;
}

const DECLINES = ['no_capacity', 'not_eligible', 'safety', 'unreachable', 'other'];
const hoursBetween = (later: number, earlier: number) => (later - earlier) / 3_600_000;
const twoDecimals = (value: number) => Math.round(value * 100) / 100;

/** The place-request figures, over the raw events: per request, her case's département and her round (1, 2…, in the order made). */
export function referencePlaceRequests(network: RawNetwork, filter: Filter) {
  const department = new Map(network.cases.map((c) => [c.caseId, c.department]));
  const rounds = new Map<string, number>();
  const seen = new Map<string, number>();
  for (const p of network.placeRequests) {
    const round = (seen.get(p.caseId) ?? 0) + 1;
    seen.set(p.caseId, round);
    rounds.set(p.placeRequestId, round);
  }
  const requests = network.placeRequests
    .map((p) => ({ ...p, department: department.get(p.caseId) ?? '', round: rounds.get(p.placeRequestId) ?? 0 }))
    .filter(
      (p) =>
        inPeriod(p.madeAt, filter) &&
        (!filter.department || p.department === filter.department) &&
        (!filter.service || p.service === filter.service),
    );
  const figures = (of: typeof requests) => {
    const ids = new Set(of.map((p) => p.placeRequestId));
    const declines: Record<string, number> = {};
    for (const r of network.referrals) {
      if (r.placeRequestId !== null && ids.has(r.placeRequestId) && r.status === 'declined' && r.declineReason !== null) {
        declines[r.declineReason] = (declines[r.declineReason] ?? 0) + 1;
      }
    }
    const ordered = Object.fromEntries(DECLINES.filter((reason) => declines[reason]).map((reason) => [reason, declines[reason] ?? 0]));
    return {
      requests: of.length,
      placed: count(of, (p) => p.status === 'placed'),
      expired: count(of, (p) => p.status === 'expired'),
      cancelled: count(of, (p) => p.status === 'cancelled'),
      open: count(of, (p) => p.status === 'open'),
      recipients: of.reduce((sum, p) => sum + p.recipients, 0),
      declines: ordered,
      rounds: { first: count(of, (p) => p.round === 1), second: count(of, (p) => p.round === 2), later: count(of, (p) => p.round >= 2) },
      timeToPlaceHours: spread(of.flatMap((p) => (p.placedAt === null ? [] : [hoursBetween(p.placedAt, p.madeAt)]))),
      declinesPerRequest: Object.fromEntries(
        Object.entries(ordered).map(([reason, n]) => [reason, of.length > 0 ? twoDecimals(n / of.length) : 0]),
      ),
    };
  };
  const groups = new Map<string, typeof requests>();
  for (const p of requests) groups.set(`${p.department}|${p.service}`, [...(groups.get(`${p.department}|${p.service}`) ?? []), p]);
  return {
    totals: figures(requests),
    rows: [...groups.entries()]
      .map(([key, of]) => {
        const [dept = '', service = ''] = key.split('|');
        return { department: dept, service, ...figures(of) };
      })
      .sort((a, b) => a.department.localeCompare(b.department) || a.service.localeCompare(b.service)),
  };
}
