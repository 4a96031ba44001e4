import { randomUUID } from 'node:crypto';
import { ProjectionRunner, readCheckpoint } from '@passerelle/projections';
import type { NewEvent, RecordedEvent } from '@passerelle/event-store';
import { eventually } from '../../../bus/src/testing/eventually';
import { openReadModelFixture, type ReadModelFixture } from '../../../projections/src/testing/read-model.fixture';
import { PLACE_REQUEST_PROCESS_MIGRATIONS } from './place-request-deadlines.migration';
import { PlaceRequestExpiry } from './place-request-expiry';
import { PlaceRequestFollowUp } from './place-request-follow-up';
import { PLACE_REQUEST_PROCESS, placeRequestProcess } from './place-request.process';

const event = (type: string, data: object, occurredAt = new Date().toISOString()): NewEvent => ({
  eventId: randomUUID(),
  type,
  data,
  metadata: {
    schemaVersion: 1,
    occurredAt,
    actor: { organisationId: 'asso-93', role: 'partner', keyId: null },
    correlationId: randomUUID(),
    causationId: null,
    scope: { 'asso-93': [] },
  },
});

/** A place request to three shelters, appended as its command would, but without the follow-up (the process died). */
function aRequest(respondBy: string | null = null) {
  const placeRequestId = randomUUID();
  const caseId = randomUUID();
  const recipients = ['refuge-a', 'refuge-b', 'refuge-c'].map((organisationId) => ({ organisationId, referralId: randomUUID() }));
  const made = event('PlaceRequestMade', {
    placeRequestId,
    caseId,
    from: 'asso-93',
    recipients,
    service: 'specialised_shelter',
    urgency: 'urgent',
    sharedCategories: ['identity'],
    message: 'sealed',
    respondBy,
  });
  return { placeRequestId, caseId, recipients, made, stream: `place-request-${placeRequestId}` };
}

describe('the place-request process manager', () => {
  let fx: ReadModelFixture;
  const runners: ProjectionRunner[] = [];
  const silent = { log: () => undefined, error: () => undefined };
  const run = async () => {
    const runner = new ProjectionRunner({
      projection: placeRequestProcess(fx.store),
      store: fx.store,
      dataSource: fx.dataSource,
      logger: silent,
    });
    runners.push(runner);
    await runner.start();
    return runner;
  };
  const caughtUp = () =>
    eventually(async () => expect(await readCheckpoint(fx.dataSource.manager, PLACE_REQUEST_PROCESS)).toBe(await fx.store.headPosition()));
  const referralEvents = async (referralIds: string[]): Promise<RecordedEvent[]> =>
    (await Promise.all(referralIds.map((id) => fx.store.readStream(`referral-${id}`)))).flat();
  const deadlines = async () =>
    (await fx.dataSource.query<{ place_request_id: string }[]>('SELECT place_request_id FROM place_request_deadlines')).map(
      (r) => r.place_request_id,
    );

  beforeEach(async () => (fx = await openReadModelFixture('place_request_process', [], [PLACE_REQUEST_PROCESS_MIGRATIONS])));
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((runner) => runner.stop()));
    await fx.close();
  });

  it('makes the referrals, then completes a placement the command could not follow up: the winner accepted, the others withdrawn (placed_elsewhere), once', async () => {
    const request = aRequest(new Date(Date.now() + 3_600_000).toISOString());
    await fx.store.appendToStream(request.stream, [request.made], { expectedRevision: 'no_stream' });
    const runner = await run();
    await caughtUp();
    const referralIds = request.recipients.map((r) => r.referralId);
    expect((await referralEvents(referralIds)).map((e) => e.type)).toEqual(['ReferralMade', 'ReferralMade', 'ReferralMade']);
    expect(await deadlines()).toEqual([request.placeRequestId]);

    const [winner] = referralIds;
    await fx.store.appendToStream(
      request.stream,
      [event('PlaceRequestPlaced', { placeRequestId: request.placeRequestId, referralId: winner, by: 'refuge-a', note: null })],
      { expectedRevision: 0n },
    );
    await caughtUp();

    const moves = (await referralEvents(referralIds)).filter((e) => e.type !== 'ReferralMade');
    expect(moves.map((e) => [e.streamName, e.type, (e.data as { reason?: string }).reason])).toEqual([
      [`referral-${winner}`, 'ReferralAccepted', undefined],
      [`referral-${referralIds[1]}`, 'ReferralWithdrawn', 'placed_elsewhere'],
      [`referral-${referralIds[2]}`, 'ReferralWithdrawn', 'placed_elsewhere'],
    ]);
    expect(await deadlines()).toEqual([]);

    // A replay (a crash after the appends, before the checkpoint) appends nothing more: the same ids are retries.
    await runner.stop();
    await fx.dataSource.query('UPDATE projection_checkpoints SET position = -1 WHERE name = $1', [PLACE_REQUEST_PROCESS]);
    const head = await fx.store.headPosition();
    await run();
    await caughtUp();
    expect(await fx.store.headPosition()).toBe(head);
  });

  it('writes each follow-up once when the command and the process manager both run it', async () => {
    const request = aRequest();
    const { position } = await fx.store.appendToStream(request.stream, [request.made], { expectedRevision: 'no_stream' });
    const [recorded] = await fx.store.readStream(request.stream);
    const followUp = new PlaceRequestFollowUp(fx.store);
    await Promise.all([followUp.apply(recorded!), followUp.apply(recorded!), run()]);
    await caughtUp();
    expect(await referralEvents(request.recipients.map((r) => r.referralId))).toHaveLength(3);
    expect(await fx.store.headPosition()).toBe(position + 3n);
  });

  it('expires a request at its respondBy once the sweep notices, withdraws its referrals (expired), and does it once', async () => {
    const respondBy = new Date(Date.now() - 60_000).toISOString();
    const request = aRequest(respondBy);
    await fx.store.appendToStream(request.stream, [request.made], { expectedRevision: 'no_stream' });
    await run();
    await caughtUp();
    const expiry = new PlaceRequestExpiry(fx.store, fx.dataSource);

    expect(await expiry.sweep(new Date(Date.parse(respondBy) - 1000))).toBe(0);
    expect(await expiry.sweep(new Date())).toBe(1);
    expect(await expiry.sweep(new Date())).toBe(0);
    await caughtUp();

    const [, expired] = await fx.store.readStream(request.stream);
    expect(expired).toMatchObject({ type: 'PlaceRequestExpired', metadata: { occurredAt: respondBy, actor: { role: 'system' } } });
    const withdrawn = (await referralEvents(request.recipients.map((r) => r.referralId))).filter((e) => e.type === 'ReferralWithdrawn');
    expect(withdrawn.map((e) => (e.data as { reason: string }).reason)).toEqual(['expired', 'expired', 'expired']);
    expect(await deadlines()).toEqual([]);
  });
});
