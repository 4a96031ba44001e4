import { randomUUID } from 'node:crypto';
import type { RecordedEvent } from '@passerelle/event-store';
import { openReadModelFixture, type ReadModelFixture } from '../testing/read-model.fixture';
import { consentGranted, personIdentified, recorded, referralAccepted, referralMade } from '../testing/inbox-events.fixtures';
import { INBOX_ENTITIES, INBOX_MIGRATIONS, inboxCasesTable, inboxReferralsTable } from '../inbox/inbox.projection';
import { applyToTable, type ApplyOptions } from './read-model-table';

describe('folding batches into a read-model table', () => {
  let fx: ReadModelFixture;
  const [first, second] = [randomUUID(), randomUUID()];
  const referral = randomUUID();
  let position = 0n;
  const at = (event: Parameters<typeof recorded>[0]): RecordedEvent => recorded(event, position++);
  /** Three batches: her case and referral start in the first, change in the second and third, a second case starts in the third. */
  const batches = () => {
    position = 0n;
    return [
      [at(personIdentified(first)), at(referralMade(referral, first))],
      [at(consentGranted(first, 'consent-1')), at(referralAccepted(referral))],
      [at(personIdentified(second)), at(consentGranted(first, 'consent-2')), at(consentGranted(second, 'consent-3'))],
    ];
  };
  const fold = async (events: RecordedEvent[], options: ApplyOptions) =>
    fx.dataSource.transaction(async (manager) => {
      await applyToTable(manager, inboxCasesTable, events, options);
      await applyToTable(manager, inboxReferralsTable, events, options);
    });
  const rows = async () => ({
    cases: await fx.dataSource.query('SELECT row_to_json(c)::text AS row FROM inbox_cases c ORDER BY case_id'),
    referrals: await fx.dataSource.query('SELECT row_to_json(r)::text AS row FROM inbox_referrals r ORDER BY referral_id'),
  });

  beforeEach(async () => {
    fx = await openReadModelFixture('projections_read_model_table', INBOX_ENTITIES, INBOX_MIGRATIONS);
  });
  afterEach(() => fx.close());

  it('builds the same rows replaying into empty tables (inserts, no look-up of the rows a batch starts) as upserting', async () => {
    for (const batch of batches()) await fold(batch, {});
    const upserted = await rows();
    await fx.dataSource.query('TRUNCATE inbox_cases, inbox_referrals');

    for (const batch of batches()) await fold(batch, { intoEmpty: true });

    expect(await rows()).toEqual(upserted);
    expect(upserted.cases).toHaveLength(2);
    expect(upserted.referrals[0].row).toContain('"status":"accepted"');
  });

  it('fails a replay into empty tables that meets a row started twice, and writes nothing of that batch', async () => {
    const [started] = batches();
    await fold(started!, { intoEmpty: true });
    const before = await rows();

    await expect(fold([recorded(personIdentified(first), 10n)], { intoEmpty: true })).rejects.toThrow(/duplicate key/);

    expect(await rows()).toEqual(before);
    // Upserting, as the live runner does, keeps the first row: the evolver ignores a second start.
    await fold([recorded(personIdentified(first), 11n)], {});
    expect(await rows()).toEqual(before);
  });
});
