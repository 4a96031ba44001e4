import { randomUUID } from 'node:crypto';
import { InProcessBus, type BusMessage, type MessageBus } from '@passerelle/bus';
import { INTEGRATION_EVENTS_TOPIC, type IntegrationMessage } from '@passerelle/contracts';
import type { NewEvent } from '@passerelle/event-store';
import { ProjectionRunner, readCheckpoint } from '@passerelle/projections';
import { eventually } from '../../bus/src/testing/eventually';
import { openReadModelFixture, type ReadModelFixture } from '../../projections/src/testing/read-model.fixture';
import { RELAY_CHECKPOINT, relayProjection } from './relay.projection';
import { newEvent, referralMade } from './testing/relay-events.fixtures';

const made = referralMade;
const moved = (type: string, referralId: string) =>
  newEvent(type, { referralId, by: 'refuge-75', note: 'sealed', outcome: 'service_provided' });

describe('relay: checkpointed publication of integration events to the bus', () => {
  let fx: ReadModelFixture;
  let bus: InProcessBus;
  const received: BusMessage[] = [];
  const runners: ProjectionRunner[] = [];
  const silent = { log: () => undefined, error: () => undefined };
  const startRelay = async (through: MessageBus = bus) => {
    const runner = new ProjectionRunner({
      projection: relayProjection(through),
      store: fx.store,
      dataSource: fx.dataSource,
      logger: silent,
      backoff: { initialMs: 10, maxMs: 40 },
    });
    runners.push(runner);
    await runner.start();
    return runner;
  };
  const append = (referralId: string, events: NewEvent[]) =>
    fx.store.appendToStream(`referral-${referralId}`, events, { expectedRevision: 'any' });
  const revisionsByKey = () => {
    const byKey = new Map<string, string[]>();
    for (const m of received) byKey.set(m.key, [...(byKey.get(m.key) ?? []), (m.value as IntegrationMessage).event.streamRevision]);
    return Object.fromEntries(byKey);
  };

  beforeEach(async () => {
    fx = await openReadModelFixture('relay');
    bus = new InProcessBus();
    received.length = 0;
    await bus.subscribe({
      topic: INTEGRATION_EVENTS_TOPIC,
      group: 'spec',
      fromBeginning: true,
      handler: async (m) => void received.push(m),
    });
  });
  afterEach(async () => {
    await Promise.all(runners.splice(0).map((r) => r.stop()));
    await bus.close();
    await fx.close();
  });

  it('publishes each integration event once, keyed by referral, in stream order per key, with its audience', async () => {
    await startRelay();
    const [a, b] = [randomUUID(), randomUUID()];
    await append(a, [made(a)]);
    await append(b, [made(b)]);
    await fx.store.appendToStream('internal-1', [newEvent('SomethingInternal', { secret: 'x' })], { expectedRevision: 'any' });
    await append(a, [moved('ReferralAccepted', a)]);
    await append(b, [moved('ReferralDeclined', b)]);
    await append(a, [moved('ReferralClosed', a)]);

    await eventually(() => expect(revisionsByKey()).toEqual({ [a]: ['0', '1', '2'], [b]: ['0', '1'] }));
    const first = received.find((m) => m.key === a)!;
    expect(first.value).toEqual({
      event: expect.objectContaining({ type: 'referral.made.v1', referralId: a, from: 'asso-93', to: 'refuge-75' }),
      audience: { kind: 'organisations', organisationIds: ['asso-93', 'refuge-75'] },
    });
    expect(first.id).toBe((first.value as IntegrationMessage).event.eventId);
    expect(JSON.stringify(received)).not.toContain('sealed');
  });

  it('resumes from its checkpoint after a stop: what was appended meanwhile is published, nothing before it again', async () => {
    const relay = await startRelay();
    const a = randomUUID();
    await append(a, [made(a)]);
    await eventually(() => expect(received).toHaveLength(1));
    await relay.stop();
    const checkpoint = await readCheckpoint(fx.dataSource, RELAY_CHECKPOINT);
    await append(a, [moved('ReferralAccepted', a)]);

    const raw: BusMessage[] = [];
    await bus.subscribe({
      topic: INTEGRATION_EVENTS_TOPIC,
      group: 'late-raw',
      fromBeginning: false,
      handler: async (m) => void raw.push(m),
    });
    await startRelay();
    await eventually(() => expect(revisionsByKey()).toEqual({ [a]: ['0', '1'] }));
    expect(raw.map((m) => (m.value as IntegrationMessage).event.streamRevision)).toEqual(['1']);
    expect(await readCheckpoint(fx.dataSource, RELAY_CHECKPOINT)).toBeGreaterThan(checkpoint);
  });

  it('keeps the checkpoint while the bus refuses, and publishes once it accepts again', async () => {
    let refusals = 3;
    const flaky: MessageBus = {
      publish: (topic, messages) => (refusals-- > 0 ? Promise.reject(new Error('broker unavailable')) : bus.publish(topic, messages)),
      subscribe: (options) => bus.subscribe(options),
      close: async () => undefined,
    };
    await startRelay(flaky);
    const a = randomUUID();
    await append(a, [made(a), moved('ReferralAccepted', a)]);
    await eventually(() => expect(revisionsByKey()).toEqual({ [a]: ['0', '1'] }));
    expect(refusals).toBeLessThan(0);
  });
});
