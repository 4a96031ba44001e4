import { referralStream, type Actor } from '@passerelle/domain';
import type { Bundle, Task } from 'fhir/r4';
import { randomUUID } from 'node:crypto';
import { HER, MESSAGE, NOTE, openReadSide, timeline, type ReadSide } from '../../testing/read-side.fixtures';
import { ASSO, CLINIC, REFERRAL_ID, REFUGE, asso, clinic, police, referralMade, refuge } from '../../testing/use-case.fixtures';
import type { RawQuery } from '../fhir-search';
import { SearchFhirTasksHandler } from './search-tasks.handler';
import { SearchFhirTasksQuery } from './search-tasks.query';
import { parseTaskSearch } from './search-tasks.request.dto';

/**
 * Three referrals, made in this order: REFERRAL_ID (asso → refuge, accepted, with text), TO_CLINIC
 * (asso → clinic, waiting), FROM_CLINIC (clinic → refuge, declined days later).
 */
const TO_CLINIC = randomUUID();
const FROM_CLINIC = randomUUID();
const BASE = 'https://passerelle.test/fhir/r4';

describe('search FHIR Tasks', () => {
  let side: ReadSide;
  /** The search a partner's system asks (`GET /fhir/r4/Task?…`), read as the controller reads it. */
  const search = (who: Actor, query: RawQuery = {}): Promise<Bundle<Task>> => {
    const self = new URL(`${BASE}/Task?${new URLSearchParams(query as Record<string, string>).toString()}`);
    return new SearchFhirTasksHandler(side.inbox).execute(new SearchFhirTasksQuery(who, parseTaskSearch(query), { base: BASE, self }));
  };
  const idsOf = async (who: Actor, query: RawQuery = {}) => (await search(who, query)).entry?.map((entry) => entry.resource?.id);

  beforeAll(async () => {
    side = await openReadSide('fhir_task_search');
    await side.given(
      ...(await side.referredWithText()),
      timeline(referralStream(TO_CLINIC), ['2026-11-23T10:00:00.000Z', referralMade({ referralId: TO_CLINIC, to: CLINIC })]),
      timeline(
        referralStream(FROM_CLINIC),
        ['2026-11-23T11:00:00.000Z', referralMade({ referralId: FROM_CLINIC, from: CLINIC })],
        [
          '2026-11-25T09:00:00.000Z',
          { type: 'ReferralDeclined', data: { referralId: FROM_CLINIC, by: REFUGE, reason: 'no_capacity', note: null } },
        ],
      ),
    );
  });
  afterAll(() => side.close());

  it('lists the Tasks a partner sent or received, newest made first, each with its status, and never another’s', async () => {
    const bundle = await search(refuge);

    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset', link: [{ relation: 'self' }] });
    expect(bundle.entry?.map(({ fullUrl, resource }) => [fullUrl, resource?.status, resource?.meta?.versionId])).toEqual([
      [`${BASE}/Task/${FROM_CLINIC}`, 'rejected', '1'],
      [`${BASE}/Task/${REFERRAL_ID}`, 'accepted', '1'],
    ]);
    expect(await idsOf(asso)).toEqual([TO_CLINIC, REFERRAL_ID]);
    expect(await idsOf(asso, { requester: `Organization/${CLINIC}` })).toEqual([]);
    expect(await idsOf(police)).toEqual([]);
  });

  it('filters by owner, requester, status and _lastUpdated', async () => {
    expect(await idsOf(clinic, { owner: `Organization/${CLINIC}` })).toEqual([TO_CLINIC]);
    expect(await idsOf(refuge, { requester: `Organization/${ASSO}` })).toEqual([REFERRAL_ID]);
    expect(await idsOf(refuge, { status: 'requested,rejected' })).toEqual([FROM_CLINIC]);
    expect(await idsOf(refuge, { status: 'in-progress' })).toEqual([]);
    expect(await idsOf(refuge, { _lastUpdated: 'gt2026-11-24T00:00:00Z' })).toEqual([FROM_CLINIC]);
    expect(await idsOf(clinic, { _lastUpdated: ['ge2026-11-23T10:00:00Z', 'lt2026-11-24'] })).toEqual([TO_CLINIC]);
  });

  it('pages with a next link carrying _cursor, which gives the following Tasks, and none on the last page', async () => {
    const first = await search(asso, { _count: '1' });
    const next = new URL(first.link?.find((link) => link.relation === 'next')?.url ?? BASE);
    const second = await search(asso, Object.fromEntries(next.searchParams));

    expect([first, second].map((page) => page.entry?.map((entry) => entry.resource?.id))).toEqual([[TO_CLINIC], [REFERRAL_ID]]);
    expect(next.searchParams.get('_count')).toBe('1');
    expect(second.link?.map((link) => link.relation)).toEqual(['self']);
  });

  it('refuses a _cursor no next link gave as a bad search parameter (400), as every other', () => {
    expect(() => parseTaskSearch({ _cursor: 'not-a-cursor!' })).toThrow(expect.objectContaining({ status: 400 }) as Error);
  });

  it('gives no personal data in a Task: neither her fields nor the referral’s text, not even sealed', async () => {
    const bundle = JSON.stringify([await search(asso), await search(refuge)]);

    for (const text of [MESSAGE, NOTE, HER.identity.givenName, HER.identity.familyName, HER.contact.phone]) {
      expect(bundle).not.toContain(text);
    }
    // A sealed text is a string of the keyring’s format, `v1.<iv>.<tag>.<ciphertext>` (libs/privacy/src/keyring.ts).
    expect(bundle).not.toMatch(/"v1\./);
  });
});
