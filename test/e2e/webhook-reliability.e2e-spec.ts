import { eventually } from '../../libs/bus/src/testing/eventually';
import { TestReceiver } from '../../libs/webhooks/src/testing';
import { auth, onboard, type Partner } from './support/fixtures';
import { startTestNetwork, type TestNetwork } from './support/test-network';

/** Real HTTP receivers on 127.0.0.1, a compressed schedule (12.6 s in all) and the default 15 s timeout. */
describe('webhook delivery under failure', () => {
  let network: TestNetwork;
  let refuge: Partner;
  let available = 0;
  const receivers: TestReceiver[] = [];

  const receiver = async () => {
    const started = await TestReceiver.start();
    receivers.push(started);
    return started;
  };
  const register = async (partner: Partner, target: TestReceiver) => {
    const response = await network
      .http()
      .post('/v1/webhooks')
      .set(auth(partner))
      .send({ url: target.url(), events: ['organisation.capacity_declared.v1'] });
    if (response.status !== 201) throw new Error(`register: ${response.status} ${response.text}`);
    target.secrets = [response.body.secret];
    return response.body.id as string;
  };
  /** Appends `count` network-wide events, one command each; returns their event count. */
  const declareCapacity = async (count: number) => {
    for (let i = 0; i < count; i++) {
      const response = await network
        .http()
        .put(`/v1/organisations/${refuge.id}/capacity`)
        .set(auth(refuge))
        .send({ service: 'shelter', total: 100, available: ++available % 100 });
      if (response.status !== 200) throw new Error(`capacity: ${response.status} ${response.text}`);
    }
  };
  const log = async (id: string) => {
    const { body } = await network.http().get(`/v1/webhooks/${id}/deliveries?limit=500`).set(auth(refuge));
    return body.items as { eventId: string; status: string; attempts: number; lastError: string | null; lastResponseCode: number | null }[];
  };

  beforeAll(async () => {
    network = await startTestNetwork({ webhooks: { retryScheduleMs: [0, 200, 400, 800, 1600, 3200, 6400], allowLoopback: true } });
    refuge = await onboard(network, { id: 'refuge-75', kind: 'refuge', department: '75', services: ['shelter'] });
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.down()));
    await network.close();
  });

  it('delivers every event once per webhook-id after the receiver was down for a while', async () => {
    const target = await receiver();
    const id = await register(refuge, target);
    await target.down();
    await declareCapacity(30);
    // Down long enough that every delivery failed at least twice (connection refused) before it comes back.
    await eventually(async () => {
      const entries = await log(id);
      expect(entries).toHaveLength(30);
      expect(entries.filter((e) => e.attempts < 2 || e.status === 'delivered')).toEqual([]);
    });
    expect((await log(id)).every((e) => e.lastError === 'ECONNREFUSED')).toBe(true);
    await target.up();

    await eventually(async () => expect((await log(id)).filter((e) => e.status !== 'delivered')).toEqual([]), 30_000);
    const logged = (await log(id)).map((e) => e.eventId).sort();
    expect([...target.processed.keys()].sort()).toEqual(logged);
    expect(target.invalid).toEqual([]);
    // At-least-once may repeat a webhook-id; the idempotent receiver acted on each exactly once.
    expect(new Set(target.requests.map((r) => r.id)).size).toBe(30);
  });

  it('keeps delivering to a healthy endpoint while another one hangs for 30 s', async () => {
    const hanging = await receiver();
    hanging.behave = () => 'hang';
    const healthy = await receiver();
    const hangingId = await register(refuge, hanging);
    await register(refuge, healthy);
    await declareCapacity(40);

    await eventually(() => expect(healthy.processed.size).toBe(40));
    // Progress, not time: all 40 reached the healthy partner before a single attempt to the hanging
    // one ended, and the hanging one only ever held its own few slots.
    const stuck = await log(hangingId);
    expect(stuck.filter((e) => e.lastError !== null || e.lastResponseCode !== null)).toEqual([]);
    expect(hanging.requests.length).toBeGreaterThan(0);
    expect(hanging.requests.length).toBeLessThanOrEqual(8);
    expect(stuck.filter((e) => e.status === 'delivering').length).toBeLessThanOrEqual(16); // 8 in flight, 8 queued behind them
    expect(stuck.filter((e) => e.status === 'pending').length).toBeGreaterThanOrEqual(40 - 16);
  });
});
