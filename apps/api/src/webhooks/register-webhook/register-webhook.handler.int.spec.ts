import { commandId } from '@passerelle/command-handling';
import type { ReferralEvent } from '@passerelle/domain';
import type { EventStore } from '@passerelle/event-store';
import { CommandHandlerSpecification, existingStream } from '@passerelle/testing';
import { webhookSettings } from '@passerelle/webhooks';
import { ASSO, asso, contextOf, referralMade } from '../../testing/use-case.fixtures';
import { webhookTablesOnTestDatabase } from '../../testing/webhook-tables.fixture';
import { RegisterWebhookCommand } from './register-webhook.command';
import { RegisterWebhookHandler } from './register-webhook.handler';

const given = CommandHandlerSpecification.for<ReferralEvent>();
const URL = 'http://127.0.0.1:8080/hooks/passerelle';

describe('register webhook', () => {
  let tables: Awaited<ReturnType<typeof webhookTablesOnTestDatabase>>;
  const handler = (store: EventStore, settings = tables.settings) =>
    new RegisterWebhookHandler(tables.endpoints, store, settings, tables.log);
  const register = (idSeed: string, url = URL, events: string[] = ['referral.made.v1']) =>
    new RegisterWebhookCommand(contextOf(asso, { idSeed }), url, events);
  const afterPosition = async (id: string) =>
    (await tables.pool.query<{ after_position: string }>('SELECT after_position FROM webhook_endpoints WHERE id = $1', [id])).rows[0]
      ?.after_position;

  beforeAll(async () => (tables = await webhookTablesOnTestDatabase('register_webhook')));
  afterAll(() => tables.close());

  it('registers the endpoint under an id made from the idSeed, writes no event, and shows its secret once', () =>
    given(existingStream('referral-1', [referralMade()]))
      .when(async (store) => {
        const registered = await handler(store).execute(register('webhook-1'));
        expect(registered).toMatchObject({
          id: commandId({ idSeed: 'webhook-1' }, 'webhook'),
          url: URL,
          events: ['referral.made.v1'],
          status: 'active',
        });
        expect(registered.secret).toMatch(/^whsec_/);
        expect(await tables.endpoints.get(ASSO, registered.id)).toMatchObject({ url: URL });
      })
      .thenNothingHappened());

  it('starts delivery at the head of the store: history comes only by replay', () =>
    given(existingStream('referral-1', [referralMade()]))
      .when(async (store) => {
        const { id } = await handler(store).execute(register('webhook-head'));
        expect(await afterPosition(id)).toBe((await store.headPosition()).toString());
      })
      .thenNothingHappened());

  it('subscribes to every event when the list holds "*"', () =>
    given()
      .when(async (store) =>
        expect(await handler(store).execute(register('webhook-star', URL, ['referral.made.v1', '*']))).toMatchObject({ events: ['*'] }),
      )
      .thenNothingHappened());

  it('answers a retried request (same idSeed) with the same endpoint and secret', () =>
    given()
      .when(async (store) => {
        const first = await handler(store).execute(register('webhook-retry'));
        expect(await handler(store).execute(register('webhook-retry'))).toEqual(first);
        expect(await tables.endpoints.list(ASSO)).toContainEqual(expect.objectContaining({ id: first.id }));
      })
      .thenNothingHappened());

  it('refuses a loopback address unless the settings allow it (development only)', () =>
    given()
      .when((store) => handler(store, webhookSettings({}, { allowLoopback: false })).execute(register('webhook-loopback')))
      .thenThrows('WEBHOOK.URL_PRIVATE_ADDRESS', (error) => expect(error.details).toEqual({ field: 'url' })));

  it('refuses a URL carrying credentials', () =>
    given()
      .when((store) => handler(store).execute(register('webhook-credentials', 'http://user:pw@127.0.0.1:8080/hook')))
      .thenThrows('WEBHOOK.URL_CREDENTIALS'));
});
