import { parseTaskSearch } from './task/search-tasks.request.dto';

const at = (iso: string, inclusive: boolean) => ({ at: new Date(iso), inclusive });
const codeOf = (call: () => unknown): unknown => {
  try {
    call();
  } catch (error) {
    return (error as { body?: { code?: string; status?: number } }).body;
  }
  return 'no error';
};

describe('FHIR Task search parameters', () => {
  it('reads owner and requester references, bare or as Organization/{id}', () => {
    expect(parseTaskSearch({ owner: 'Organization/health-93', requester: 'asso-93' })).toMatchObject({
      owner: 'health-93',
      requester: 'asso-93',
    });
    expect(parseTaskSearch({ owner: 'https://elsewhere.example/fhir/Organization/health-93' })).toMatchObject({ owner: 'health-93' });
    expect(codeOf(() => parseTaskSearch({ owner: 'Patient/x' }))).toMatchObject({ status: 400, code: 'FHIR.BAD_SEARCH_PARAMETER' });
  });

  it('maps Task statuses to referral statuses; a status no referral has finds nothing', () => {
    expect(parseTaskSearch({ status: 'requested,rejected' }).statuses).toEqual(['referred', 'declined']);
    expect(parseTaskSearch({ status: 'http://hl7.org/fhir/task-status|completed' }).statuses).toEqual(['closed']);
    expect(parseTaskSearch({ status: 'in-progress' }).statuses).toEqual([]);
    expect(codeOf(() => parseTaskSearch({ status: 'done' }))).toMatchObject({ status: 400 });
  });

  it('reads _lastUpdated as the interval of its precision, with every prefix', () => {
    const bounds = (value: string | string[]) => parseTaskSearch({ _lastUpdated: value }).lastUpdated;
    expect(bounds('gt2026-11-01')).toEqual({ after: at('2026-11-02T00:00:00.000Z', true) });
    expect(bounds('ge2026-11-01')).toEqual({ after: at('2026-11-01T00:00:00.000Z', true) });
    expect(bounds('lt2026-11-01T10:00:00Z')).toEqual({ before: at('2026-11-01T10:00:00.000Z', false) });
    expect(bounds('le2026-11-01T10:00:00Z')).toEqual({ before: at('2026-11-01T10:00:01.000Z', false) });
    expect(bounds('gt2026-11-01T10:00:00.123+01:00')).toEqual({ after: at('2026-11-01T09:00:00.124Z', true) });
    expect(bounds('2026-11-01')).toEqual({ after: at('2026-11-01T00:00:00.000Z', true), before: at('2026-11-02T00:00:00.000Z', false) });
    expect(bounds(['ge2026-11-01', 'lt2026-12-01'])).toEqual({
      after: at('2026-11-01T00:00:00.000Z', true),
      before: at('2026-12-01T00:00:00.000Z', false),
    });
    for (const bad of ['gt2026-02-30', 'gt2026-11-01T10:00', 'yesterday', 'gt']) {
      expect(codeOf(() => bounds(bad))).toMatchObject({ status: 400, code: 'FHIR.BAD_SEARCH_PARAMETER' });
    }
  });

  it('pages 20 by default, at most 100, and refuses a count below 1', () => {
    expect(parseTaskSearch({}).count).toBe(20);
    expect(parseTaskSearch({ _count: '500' }).count).toBe(100);
    expect(codeOf(() => parseTaskSearch({ _count: '0' }))).toMatchObject({ status: 400 });
  });

  it('refuses a parameter it does not support rather than ignoring it', () => {
    expect(codeOf(() => parseTaskSearch({ patient: 'Patient/x' }))).toMatchObject({ status: 400, code: 'FHIR.UNKNOWN_SEARCH_PARAMETER' });
    expect(codeOf(() => parseTaskSearch({ owner: ['a', 'b'] }))).toMatchObject({ status: 400 });
    expect(codeOf(() => parseTaskSearch({ _format: 'xml' }))).toMatchObject({ status: 400 });
    expect(parseTaskSearch({ _format: 'application/fhir+json' })).toEqual({ lastUpdated: {}, count: 20 });
  });
});
