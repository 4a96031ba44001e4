import { referralStream } from '@passerelle/domain';
import { LinkageKeyStore } from '@passerelle/privacy';
import { CoordinationGapsQuery, type CoordinationFilter } from '@passerelle/projections';
import { randomUUID } from 'node:crypto';
import { COORDINATION_READ_MODEL, identifiedCase, JUNE_1, on, organisation } from '../../testing/network.fixtures';
import { openProjectionSide, timeline, type ProjectionSide } from '../../testing/read-side.fixtures';
import { ASSO, POLICE, REFUGE, coordinator, referralMade } from '../../testing/use-case.fixtures';
import { GetGapsHandler } from './get-gaps.handler';
import { GetGapsQuery } from './get-gaps.query';

/** Her linkage key per identification: the NGO and the authority met the same woman twice over. */
const KEYS = {
  ngoSide: 'same-woman',
  authoritySide: 'same-woman',
  expiring: 'second-woman',
  unconsented: 'third-woman',
  authorityOnly: 'fourth-woman',
};
const ids = Object.fromEntries(Object.keys(KEYS).map((name) => [name, randomUUID()])) as Record<keyof typeof KEYS, string>;
const coordination = { purposes: ['coordination' as const] };
const byAuthority = { identifiedBy: POLICE, identifierKind: 'authority' as const, level: 'formal' as const };

describe('get gaps', () => {
  let side: ProjectionSide;
  const gaps = (filter: CoordinationFilter = {}, { afterDays = 30, now = JUNE_1 } = {}) =>
    new GetGapsHandler(new CoordinationGapsQuery(side.fx.dataSource)).execute(new GetGapsQuery(filter, afterDays, coordinator, now));

  /**
   * In Seine-Saint-Denis the NGO met a woman on 1 March and referred her to a specialised shelter;
   * the authority met her on 11 March; both under her coordination consent. The NGO met a second
   * woman on 5 March, whose consent ran to 1 May, and referred her to an ordinary shelter only; a
   * third on 1 April (labour trafficking), without that consent. In Paris the authority met a
   * fourth on 20 April, with it. Every identification here carries a trafficking indicator.
   */
  beforeAll(async () => {
    side = await openProjectionSide('get_gaps', COORDINATION_READ_MODEL);
    // As IdentifyPerson does: her key into privacy_linkage_keys before her identification is appended.
    const linkageKeys = new LinkageKeyStore(side.pool);
    for (const [name, key] of Object.entries(KEYS)) await linkageKeys.record(ids[name as keyof typeof KEYS], key);
    const [toSpecialised, toShelter] = [randomUUID(), randomUUID()];
    await side.given(
      organisation(ASSO, 'ngo', '93', ['legal']),
      organisation(POLICE, 'authority', '93', ['asylum_procedure']),
      organisation(REFUGE, 'refuge', '75', ['shelter', 'specialised_shelter']),
      identifiedCase(ids.ngoSide, on('2026-03-01'), {}, coordination),
      identifiedCase(ids.authoritySide, on('2026-03-11'), byAuthority, coordination),
      identifiedCase(ids.expiring, on('2026-03-05'), {}, { ...coordination, expiresAt: '2026-05-01T00:00:00.000Z' }),
      identifiedCase(ids.unconsented, on('2026-04-01'), { indicators: ['trafficking_labour'] }),
      identifiedCase(ids.authorityOnly, on('2026-04-20'), { ...byAuthority, department: '75' }, coordination),
      timeline(referralStream(toSpecialised), [on('2026-03-02'), referralMade({ referralId: toSpecialised, caseId: ids.ngoSide })]),
      timeline(referralStream(toShelter), [
        on('2026-03-06'),
        referralMade({ referralId: toShelter, caseId: ids.expiring, service: 'shelter' }),
      ]),
    );
  });
  afterAll(() => side.close());

  it('links the woman both sides met, only through identifications whose coordination consent is active', async () => {
    const view = await gaps();

    expect(view.asOf).toBe(JUNE_1.toISOString());
    expect(view.totals).toEqual({ ngoOnly: 0, authorityOnly: 1, both: 1, lagDays: { median: 10, p90: 10 }, notLinkable: 2 });
    expect([...view.rows].sort((a, b) => a.month.localeCompare(b.month))).toEqual([
      {
        department: '93',
        indicator: 'trafficking_sexual',
        month: '2026-03',
        ngoOnly: 0,
        authorityOnly: 0,
        both: 1,
        lagDays: { median: 10, p90: 10 },
      },
      {
        department: '75',
        indicator: 'trafficking_sexual',
        month: '2026-04',
        ngoOnly: 0,
        authorityOnly: 1,
        both: 0,
        lagDays: { median: null, p90: null },
      },
    ]);
  });

  it('reads her consent as of the question: before it expired, the second woman counted on the NGO side', async () => {
    const view = await gaps({}, { now: new Date('2026-04-25T00:00:00.000Z') });

    expect(view.totals).toMatchObject({ ngoOnly: 1, authorityOnly: 1, both: 1, notLinkable: 1 });
  });

  it('counts the NGO side’s trafficking identifications referred neither to a specialised shelter nor to the authority after `afterDays`', async () => {
    expect((await gaps()).unreferredTrafficking).toEqual({
      afterDays: 30,
      count: 2,
      byDepartment: [{ department: '93', count: 2 }],
      byOrganisation: [{ organisationId: ASSO, count: 2 }],
    });
    // Seventy days before 1 June is 23 March: only the second woman had waited that long.
    expect((await gaps({}, { afterDays: 70 })).unreferredTrafficking).toMatchObject({ count: 1 });
  });

  it('selects by département and indicator, and never returns a linkage key or a case id', async () => {
    expect((await gaps({ department: '75' })).totals).toMatchObject({ ngoOnly: 0, authorityOnly: 1, both: 0, notLinkable: 0 });
    expect((await gaps({ indicator: 'trafficking_labour' })).totals).toMatchObject({ both: 0, authorityOnly: 0, notLinkable: 1 });
    const answer = JSON.stringify(await gaps());
    expect([...Object.values(KEYS), ...Object.values(ids)].filter((secret) => answer.includes(secret))).toEqual([]);
  });
});
