import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { randomUUID } from 'node:crypto';
import { Webhook } from 'standardwebhooks';
import { eventually } from '../../libs/bus/src/testing/eventually';
import { exampleReceiver } from '../../libs/webhooks/src/testing';
import { auth, onboard } from './support/fixtures';
import { startTestNetwork, type TestNetwork } from './support/test-network';

/** The short receiver of docs/webhooks.md, attacked over real HTTP, then fed by the real dispatcher. */
describe('the example receiver of docs/webhooks.md', () => {
  const secret = `whsec_${Buffer.from(randomUUID() + randomUUID()).toString('base64')}`;
  const handled: unknown[] = [];
  let server: Server;
  let url: string;

  const body = JSON.stringify({
    type: 'referral.made.v1',
    eventId: randomUUID(),
    referralId: randomUUID(),
    streamRevision: '0',
    globalPosition: '12',
    occurredAt: new Date().toISOString(),
  });
  const signed = (payload: string, options: { id?: string; at?: Date; key?: string } = {}) => {
    const id = options.id ?? JSON.parse(payload).eventId;
    const at = options.at ?? new Date();
    return {
      'content-type': 'application/json',
      'webhook-id': id,
      'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
      'webhook-signature': new Webhook(options.key ?? secret).sign(id, at, payload),
    };
  };
  const send = async (payload: string, headers: Record<string, string>) =>
    (await fetch(url, { method: 'POST', body: payload, headers })).status;

  beforeAll(async () => {
    server = exampleReceiver(secret, (event) => handled.push(event));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/passerelle`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));
  beforeEach(() => {
    handled.length = 0;
  });

  it('accepts a genuine message and acts on it', async () => {
    expect(await send(body, signed(body))).toBe(204);
    expect(handled).toEqual([JSON.parse(body)]);
  });

  it('rejects a forged signature: the right shape, another secret', async () => {
    const forged = `whsec_${Buffer.from(randomUUID() + randomUUID()).toString('base64')}`;
    const payload = body.replace('"12"', '"13"');
    expect(await send(payload, signed(payload, { key: forged }))).toBe(400);
    expect(await send(payload, { ...signed(payload), 'webhook-signature': 'v1,' + Buffer.alloc(32).toString('base64') })).toBe(400);
    expect(handled).toEqual([]);
  });

  it('rejects a tampered body or id under a genuine signature', async () => {
    const original = body.replace('"12"', '"14"');
    const headers = signed(original);
    expect(await send(original.replace('referral.made.v1', 'referral.closed.v1'), headers)).toBe(400);
    expect(await send(original, { ...headers, 'webhook-id': randomUUID() })).toBe(400);
    expect(handled).toEqual([]);
  });

  it('rejects a message signed more than 5 minutes ago, genuine as it is', async () => {
    const payload = body.replace('"12"', '"15"');
    expect(await send(payload, signed(payload, { at: new Date(Date.now() - 6 * 60_000) }))).toBe(400);
    expect(handled).toEqual([]);
  });

  it('acts on a replayed message only once: the captured request sent again changes nothing', async () => {
    const payload = JSON.stringify({ ...JSON.parse(body), eventId: randomUUID() });
    const captured = signed(payload);
    expect(await send(payload, captured)).toBe(204);
    expect(await send(payload, captured)).toBe(204);
    expect(await send(payload, signed(payload))).toBe(204); // a retry by the dispatcher, signed anew
    expect(handled).toHaveLength(1);
  });

  describe('fed by the dispatcher', () => {
    let network: TestNetwork;
    let live: Server | undefined;
    afterAll(async () => {
      if (live) await new Promise((resolve) => live!.close(resolve));
      await network.close();
    });

    it('verifies what the dispatcher signs with the secret POST /v1/webhooks returned', async () => {
      network = await startTestNetwork();
      const partner = await onboard(network, { id: 'refuge-75', kind: 'refuge', department: '75', services: ['shelter'] });
      // The URL comes before the secret: take a free port, register it, then listen there with the secret.
      const port = await freePort();
      const registered = await network
        .http()
        .post('/v1/webhooks')
        .set(auth(partner))
        .send({ url: `http://127.0.0.1:${port}/hook`, events: ['*'] });
      expect(registered.status).toBe(201);
      const received: unknown[] = [];
      live = exampleReceiver(registered.body.secret, (event) => received.push(event));
      await new Promise<void>((resolve) => live!.listen(port, '127.0.0.1', resolve));
      await network
        .http()
        .put(`/v1/organisations/${partner.id}/capacity`)
        .set(auth(partner))
        .send({ service: 'shelter', total: 5, available: 1 });
      await eventually(() =>
        expect(received).toEqual([expect.objectContaining({ type: 'organisation.capacity_declared.v1', organisationId: 'refuge-75' })]),
      );
    });
  });
});

async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise((resolve) => probe.close(resolve));
  return port;
}
