import { DECLINE_REASONS, ORGANISATION_KINDS, SERVICES } from '@passerelle/domain';
import { arrayOf, count, INSTANT, named, number, object, oneOfValues, orNull, ORGANISATION_ID_SCHEMA, text } from '@passerelle/http';

const SPREAD = named(
  'Spread',
  object({ median: orNull(number()), p90: orNull(number()) }, [], { description: 'Median and 90th percentile; null without data' }),
);
const SERVICE = oneOfValues(SERVICES);
const DEPARTMENT = text({ example: '93' });
const PER_DECLINE_REASON = { type: 'object', propertyNames: { enum: [...DECLINE_REASONS] }, additionalProperties: number() };
const AS_OF = { asOf: INSTANT };

export const FUNNEL = named(
  'CoordinationFunnel',
  object({
    ...AS_OF,
    stages: arrayOf(
      object({
        stage: oneOfValues(['identified', 'referred', 'accepted', 'closed_service_provided']),
        count: count(),
        conversion: orNull(number({ minimum: 0, maximum: 1, description: 'Of the stage before' })),
      }),
    ),
    declineReasons: PER_DECLINE_REASON,
    overdue: count(),
    delaysDays: object({ identifiedToReferred: SPREAD, referredToAccepted: SPREAD, acceptedToClosed: SPREAD }),
    byOrganisation: arrayOf(
      object({
        organisationId: ORGANISATION_ID_SCHEMA,
        kind: orNull(oneOfValues(ORGANISATION_KINDS)),
        department: orNull(DEPARTMENT),
        identified: count(),
        referred: count(),
        accepted: count(),
        closedServiceProvided: count(),
        received: count(),
        receivedAccepted: count(),
        receivedDeclined: count(),
        pending: count(),
        overdue: count(),
      }),
    ),
  }),
);
export const FUNNEL_EXAMPLE = {
  asOf: '2026-12-03T10:00:00.000Z',
  stages: [
    { stage: 'identified', count: 12, conversion: null },
    { stage: 'referred', count: 10, conversion: 0.83 },
    { stage: 'accepted', count: 7, conversion: 0.7 },
    { stage: 'closed_service_provided', count: 3, conversion: 0.43 },
  ],
  declineReasons: { no_capacity: 2 },
  overdue: 1,
  delaysDays: {
    identifiedToReferred: { median: 1, p90: 3 },
    referredToAccepted: { median: 2, p90: 5 },
    acceptedToClosed: { median: null, p90: null },
  },
  byOrganisation: [],
};

const GAP_COUNTS = { ngoOnly: count(), authorityOnly: count(), both: count(), lagDays: SPREAD };
export const GAPS = named(
  'CoordinationGaps',
  object({
    ...AS_OF,
    rows: arrayOf(object({ department: DEPARTMENT, indicator: text(), month: text({ example: '2026-11' }), ...GAP_COUNTS })),
    totals: object({ ...GAP_COUNTS, notLinkable: count() }),
    unreferredTrafficking: object({
      afterDays: count(),
      count: count(),
      byDepartment: arrayOf(object({ department: DEPARTMENT, count: count() })),
      byOrganisation: arrayOf(object({ organisationId: ORGANISATION_ID_SCHEMA, count: count() })),
    }),
  }),
);
export const GAPS_EXAMPLE = {
  asOf: '2026-12-03T10:00:00.000Z',
  rows: [],
  totals: { ngoOnly: 0, authorityOnly: 0, both: 0, lagDays: { median: null, p90: null }, notLinkable: 0 },
  unreferredTrafficking: { afterDays: 30, count: 0, byDepartment: [], byOrganisation: [] },
};

export const CAPACITY = named(
  'CoordinationCapacity',
  object({
    ...AS_OF,
    rows: arrayOf(
      object({
        organisationId: ORGANISATION_ID_SCHEMA,
        kind: oneOfValues(ORGANISATION_KINDS),
        department: DEPARTMENT,
        service: SERVICE,
        declared: orNull(object({ total: count(), available: count(), declaredAt: INSTANT })),
        occupied: count(),
        waiting: count(),
        overdue: count(),
      }),
    ),
    byService: arrayOf(
      object({
        service: SERVICE,
        declaredTotal: count(),
        declaredAvailable: count(),
        occupied: count(),
        waiting: count(),
        overdue: count(),
      }),
    ),
  }),
);
export const CAPACITY_EXAMPLE = {
  asOf: '2026-12-03T10:00:00.000Z',
  rows: [
    {
      organisationId: 'refuge-93',
      kind: 'refuge',
      department: '93',
      service: 'shelter',
      declared: { total: 12, available: 3, declaredAt: '2026-12-01T09:00:00.000Z' },
      occupied: 9,
      waiting: 2,
      overdue: 0,
    },
  ],
  byService: [{ service: 'shelter', declaredTotal: 12, declaredAvailable: 3, occupied: 9, waiting: 2, overdue: 0 }],
};

const FIGURES = {
  requests: count(),
  placed: count(),
  expired: count(),
  cancelled: count(),
  open: count(),
  recipients: count(),
  timeToPlaceHours: SPREAD,
  declines: PER_DECLINE_REASON,
  declinesPerRequest: PER_DECLINE_REASON,
  rounds: object({ first: count(), second: count(), later: count() }),
};
export const PLACE_REQUESTS = named(
  'CoordinationPlaceRequests',
  object({ ...AS_OF, totals: object(FIGURES), rows: arrayOf(object({ department: DEPARTMENT, service: SERVICE, ...FIGURES })) }),
);
const FIGURES_EXAMPLE = {
  requests: 2,
  placed: 1,
  expired: 0,
  cancelled: 0,
  open: 1,
  recipients: 5,
  timeToPlaceHours: { median: 2.5, p90: 2.5 },
  declines: { no_capacity: 1 },
  declinesPerRequest: { no_capacity: 0.5 },
  rounds: { first: 1, second: 0, later: 0 },
};
export const PLACE_REQUESTS_EXAMPLE = {
  asOf: '2026-12-03T10:00:00.000Z',
  totals: FIGURES_EXAMPLE,
  rows: [{ department: '93', service: 'specialised_shelter', ...FIGURES_EXAMPLE }],
};
