import type { CaseEvent, ReferralEvent } from '@passerelle/domain';
import type { EventStore } from '@passerelle/event-store';
import { CommandHandlerSpecification, existingStream } from '@passerelle/testing';
import { ReplayQueue, type ReplayStart } from '@passerelle/webhooks';
import { randomUUID } from 'node:crypto';
import { ASSO, REFERRAL_ID, REFUGE, asso, identified, referralMade, refuge } from '../../testing/use-case.fixtures';
import { webhookTablesOnTestDatabase } from '../../testing/webhook-tables.fixture';
import { ReplayWebhookCommand } from './replay-webhook.command';
import { ReplayWebhookHandler } from './replay-webhook.handler';

const given = CommandHandlerSpecification.for<CaseEvent | ReferralEvent>();
const parties = { scope: { [ASSO]: ['identity'], [REFUGE]: ['identity'] } };
const accepted: ReferralEvent = { type: 'ReferralAccepted', data: { referralId: REFERRAL_ID, by: REFUGE, note: null } };
/** Her case, seen by the holder only, then a referral both parties see: REFUGE may be sent the last two. */
const history = [
  existingStream('case-1', [{ ...identified(), metadata: { scope: { [ASSO]: ['identity'] } } }]),
  existingStream(`referral-${REFERRAL_ID}`, [
    { ...referralMade(), metadata: parties },
    { ...accepted, metadata: parties },
  ]),
];
const fromTheStart: ReplayStart = { since: new Date(0) };

describe('replay webhook', () => {
  let tables: Awaited<ReturnType<typeof webhookTablesOnTestDatabase>>;
  const handler = (store: EventStore) => new ReplayWebhookHandler(tables.endpoints, new ReplayQueue(tables.pool, store), tables.log);
  const queuedTypes = async (endpointId: string) =>
    (
      await tables.pool.query<{ event_type: string }>(
        `SELECT event_type FROM webhook_deliveries WHERE endpoint_id = $1 AND status = 'pending' ORDER BY global_position`,
        [endpointId],
      )
    ).rows.map((r) => r.event_type);

  beforeAll(async () => (tables = await webhookTablesOnTestDatabase('replay_webhook')));
  afterAll(() => tables.close());

  it('queues again, from the start, what its organisation may see and it subscribes to, older than the endpoint too', async () => {
    const { endpoint } = await tables.anEndpoint(REFUGE);
    await given(...history)
      .when(async (store) =>
        expect(await handler(store).execute(new ReplayWebhookCommand(refuge, endpoint.id, fromTheStart))).toMatchObject({ queued: 2 }),
      )
      .thenNothingHappened();
    expect(await queuedTypes(endpoint.id)).toEqual(['referral.made.v1', 'referral.accepted.v1']);
    expect(await tables.actionsOn(endpoint.id)).toEqual([{ action: 'replayed', actor: `key:${refuge.keyId}` }]);
  });

  it('queues only the types the endpoint subscribes to, from the position asked', async () => {
    const { endpoint } = await tables.anEndpoint(REFUGE, { events: ['referral.made.v1'] });
    await given(...history)
      .when(async (store) => {
        const [, made] = await store.readAll();
        const start = { fromPosition: made!.globalPosition };
        expect(await handler(store).execute(new ReplayWebhookCommand(refuge, endpoint.id, start))).toMatchObject({
          queued: 1,
          fromPosition: made!.globalPosition.toString(),
        });
      })
      .thenNothingHappened();
    expect(await queuedTypes(endpoint.id)).toEqual(['referral.made.v1']);
  });

  it('queues each event once when replayed twice, and re-enables a disabled endpoint', async () => {
    const { endpoint } = await tables.anEndpoint(REFUGE);
    await tables.pool.query(`UPDATE webhook_endpoints SET status = 'disabled', disabled_reason = 'gone' WHERE id = $1`, [endpoint.id]);
    await given(...history)
      .when(async (store) => {
        await handler(store).execute(new ReplayWebhookCommand(refuge, endpoint.id, fromTheStart));
        await handler(store).execute(new ReplayWebhookCommand(refuge, endpoint.id, fromTheStart));
      })
      .thenNothingHappened();
    expect(await queuedTypes(endpoint.id)).toEqual(['referral.made.v1', 'referral.accepted.v1']);
    expect(await tables.endpoints.get(REFUGE, endpoint.id)).toMatchObject({ status: 'active', disabledReason: null });
  });

  it("answers another partner's endpoint exactly like one that does not exist, and queues nothing", async () => {
    const { endpoint } = await tables.anEndpoint(REFUGE);
    await given(...history)
      .when((store) => handler(store).execute(new ReplayWebhookCommand(asso, endpoint.id, fromTheStart)))
      .thenThrows('WEBHOOK.NOT_FOUND');
    await given(...history)
      .when((store) => handler(store).execute(new ReplayWebhookCommand(refuge, randomUUID(), fromTheStart)))
      .thenThrows('WEBHOOK.NOT_FOUND');
    expect(await queuedTypes(endpoint.id)).toEqual([]);
  });
});
