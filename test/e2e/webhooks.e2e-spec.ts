import { Webhook } from 'standardwebhooks';
import { eventually } from '../../libs/bus/src/testing/eventually';
import { TestReceiver } from '../../libs/webhooks/src/testing';
import { auth, AWA, identifyBody, onboard, type Partner } from './support/fixtures';
import { startTestNetwork, type TestNetwork } from './support/test-network';

describe('webhooks: endpoints, signed thin deliveries, the delivery log and replay', () => {
  let network: TestNetwork;
  let ngo: Partner;
  let refuge: Partner;
  let stranger: Partner;
  const receivers: TestReceiver[] = [];

  const register = async (partner: Partner, receiver: TestReceiver, events: string[] = ['*'], headers: Record<string, string> = {}) => {
    const response = await network.http().post('/v1/webhooks').set(auth(partner)).set(headers).send({ url: receiver.url(), events });
    if (response.status !== 201) throw new Error(`register webhook: ${response.status} ${response.text}`);
    receiver.secrets = [response.body.secret];
    return response.body as { id: string; secret: string };
  };
  const receiver = async () => {
    const started = await TestReceiver.start();
    receivers.push(started);
    return started;
  };
  const deliveries = async (partner: Partner, id: string, query = '') =>
    (await network.http().get(`/v1/webhooks/${id}/deliveries${query}`).set(auth(partner))).body.items as Record<string, unknown>[];
  const referToRefuge = async () => {
    const {
      body: { caseId },
    } = await network
      .http()
      .post('/v1/cases')
      .set(auth(ngo))
      .send(identifyBody(['refuge-75']));
    const referral = await network
      .http()
      .post('/v1/referrals')
      .set(auth(ngo))
      .send({
        caseId,
        to: 'refuge-75',
        service: 'shelter',
        urgency: 'urgent',
        sharedCategories: ['identity', 'contact'],
        message: 'Needs a place tonight',
      });
    return { caseId: caseId as string, referralId: referral.body.referralId as string };
  };
  const declareCapacity = async (partner: Partner, available: number) => {
    const service = partner === refuge ? 'shelter' : 'legal';
    const response = await network
      .http()
      .put(`/v1/organisations/${partner.id}/capacity`)
      .set(auth(partner))
      .send({ service, total: 10, available });
    if (response.status !== 200) throw new Error(`capacity: ${response.status} ${response.text}`);
  };

  beforeAll(async () => {
    network = await startTestNetwork({ webhooks: { retryScheduleMs: [0, 200, 400], allowLoopback: true } });
    ngo = await onboard(network, { id: 'asso-93', kind: 'ngo', department: '93', services: ['legal'] });
    refuge = await onboard(network, { id: 'refuge-75', kind: 'refuge', department: '75', services: ['shelter'] });
    stranger = await onboard(network, { id: 'health-93', kind: 'health', department: '93', services: ['medical'] });
  });
  afterAll(async () => {
    await network.close();
    await Promise.all(receivers.map((r) => r.down()));
  });

  it('shows the whsec_ secret once: not in listings, not in an Idempotency-Key replay', async () => {
    const target = await receiver();
    const first = await network
      .http()
      .post('/v1/webhooks')
      .set(auth(ngo))
      .set('Idempotency-Key', 'webhook-once-1')
      .send({ url: target.url(), events: ['*'] });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ url: target.url(), events: ['*'], status: 'active' });
    expect(first.body.secret).toMatch(/^whsec_[A-Za-z0-9+/=]{40,}$/);
    const replayed = await network
      .http()
      .post('/v1/webhooks')
      .set(auth(ngo))
      .set('Idempotency-Key', 'webhook-once-1')
      .send({ url: target.url(), events: ['*'] });
    expect(replayed.body).toMatchObject({ id: first.body.id, secret: null });
    const listed = await network.http().get('/v1/webhooks').set(auth(ngo));
    expect(listed.body.items.map((w: { id: string }) => w.id)).toContain(first.body.id);
    expect(JSON.stringify(listed.body)).not.toContain('whsec_');
    expect((await network.http().delete(`/v1/webhooks/${first.body.id}`).set(auth(ngo))).status).toBe(204);
  });

  it('sends each partner only the events it may see, thin and signed, never a personal value', async () => {
    const [ngoHook, refugeHook, strangerHook] = [await receiver(), await receiver(), await receiver()];
    await register(ngo, ngoHook);
    await register(refuge, refugeHook);
    await register(stranger, strangerHook);
    const { caseId, referralId } = await referToRefuge();
    await network.http().post(`/v1/referrals/${referralId}/acceptance`).set(auth(refuge)).send({ note: 'Room 4' });
    await declareCapacity(refuge, 3);

    // In the order a receiver is told to put them (docs/webhooks.md): two deliveries in flight may arrive either way.
    const inOrder = (r: TestReceiver) =>
      [...r.processed.values()].sort((a, b) => Number(BigInt(String(a.globalPosition)) - BigInt(String(b.globalPosition))));
    const types = (r: TestReceiver) => inOrder(r).map((p) => p.type);
    await eventually(() => {
      expect(types(ngoHook)).toEqual([
        'case.identified.v1',
        'case.consent_granted.v1',
        'referral.made.v1',
        'referral.accepted.v1',
        'organisation.capacity_declared.v1',
      ]);
      // Her consent names the refuge from its own event on: the identification itself stays with the holder.
      expect(types(refugeHook)).toEqual(types(ngoHook).slice(1));
      expect(types(strangerHook)).toEqual(['organisation.capacity_declared.v1']);
    });
    const made = [...refugeHook.processed.values()].find((p) => p.type === 'referral.made.v1')!;
    expect(Object.keys(made)).toEqual(['type', 'eventId', 'referralId', 'streamRevision', 'globalPosition', 'occurredAt']);
    expect(made).toMatchObject({ referralId, streamRevision: '0' });
    expect(inOrder(ngoHook)[0]).toMatchObject({ type: 'case.identified.v1', caseId });
    const everything = [ngoHook, refugeHook, strangerHook].flatMap((r) => r.requests.map((q) => q.body)).join('\n');
    for (const value of [AWA.givenName, AWA.familyName, AWA.phone, AWA.birthDate, 'Needs a place tonight', 'Room 4', 'trafficking']) {
      expect(everything).not.toContain(value);
    }
    for (const r of [ngoHook, refugeHook, strangerHook]) {
      expect(r.invalid).toEqual([]);
      expect(r.requests.every((q) => q.id === JSON.parse(q.body).eventId)).toBe(true);
    }
  });

  it('logs each delivery: delivered with its attempts and response code', async () => {
    const target = await receiver();
    const { id } = await register(ngo, target, ['organisation.capacity_declared.v1']);
    await declareCapacity(ngo, 1);
    await eventually(async () => expect(target.processed.size).toBe(1));
    await eventually(async () =>
      expect(await deliveries(ngo, id)).toEqual([
        expect.objectContaining({
          type: 'organisation.capacity_declared.v1',
          status: 'delivered',
          attempts: 1,
          lastResponseCode: 204,
          nextAttemptAt: null,
        }),
      ]),
    );
  });

  it('retries on the schedule, then dead-letters and shows it in the log', async () => {
    const target = await receiver();
    target.behave = () => ({ status: 500 });
    const { id } = await register(ngo, target, ['organisation.capacity_declared.v1']);
    await declareCapacity(ngo, 2);
    await eventually(async () =>
      expect(await deliveries(ngo, id, '?status=dead_lettered')).toEqual([
        expect.objectContaining({ status: 'dead_lettered', attempts: 3, lastResponseCode: 500, nextAttemptAt: null }),
      ]),
    );
    expect(target.requests).toHaveLength(3);
    expect(new Set(target.requests.map((r) => r.id)).size).toBe(1);
  });

  it('shows the owner every attempt of a delivery: time, status or network error, duration, never the body', async () => {
    const target = await receiver();
    target.behave = (_, attempt) => (attempt < 3 ? { status: 503 } : { status: 204 });
    const { id } = await register(ngo, target, ['organisation.capacity_declared.v1']);
    await declareCapacity(ngo, 4);
    await eventually(async () =>
      expect(await deliveries(ngo, id)).toEqual([expect.objectContaining({ status: 'delivered', attempts: 3 })]),
    );
    const [delivery] = await deliveries(ngo, id);
    const attemptsOf = (partner: Partner, webhookId = id, eventId = String(delivery?.eventId)) =>
      network.http().get(`/v1/webhooks/${webhookId}/deliveries/${eventId}/attempts`).set(auth(partner));

    const answer = await attemptsOf(ngo);
    expect(answer.status).toBe(200);
    const items = answer.body.items as { at: string; status?: number; error?: string; durationMs: number }[];
    expect(items.map(({ status, error }) => ({ status, error }))).toEqual([
      { status: 503, error: undefined },
      { status: 503, error: undefined },
      { status: 204, error: undefined },
    ]);
    for (const item of items) {
      expect(Object.keys(item).sort()).toEqual(['at', 'durationMs', 'status']);
      expect(item.durationMs).toBeGreaterThanOrEqual(0);
    }
    const times = items.map((item) => Date.parse(item.at));
    expect([...times].sort((a, b) => a - b)).toEqual(times);

    // Only the endpoint's owner: another partner, or an unknown delivery, gets a 404 problem.
    expect(await attemptsOf(refuge)).toMatchObject({ status: 404, body: { code: 'WEBHOOK.NOT_FOUND' } });
    expect(await attemptsOf(ngo, id, '00000000-0000-4000-8000-000000000000')).toMatchObject({
      status: 404,
      body: { code: 'WEBHOOK.DELIVERY_NOT_FOUND' },
    });
    expect((await attemptsOf(ngo, id, 'not-an-id')).status).toBe(400);
  });

  it('records an attempt that got no answer with its network error', async () => {
    const target = await receiver();
    const { id } = await register(ngo, target, ['organisation.capacity_declared.v1']);
    await target.down();
    await declareCapacity(ngo, 5);
    await eventually(async () => expect(await deliveries(ngo, id, '?status=dead_lettered')).toHaveLength(1));
    const [delivery] = await deliveries(ngo, id);
    const { body } = await network
      .http()
      .get(`/v1/webhooks/${id}/deliveries/${String(delivery?.eventId)}/attempts`)
      .set(auth(ngo));
    expect(body.items).toEqual(
      Array.from({ length: 3 }, () => ({
        at: expect.any(String) as string,
        error: 'ECONNREFUSED',
        durationMs: expect.any(Number) as number,
      })),
    );
  });

  it('waits as long as Retry-After asks before the next attempt', async () => {
    const target = await receiver();
    target.behave = (_, attempt) => (attempt === 1 ? { status: 503, headers: { 'retry-after': '2' } } : { status: 204 });
    const { id } = await register(ngo, target, ['organisation.capacity_declared.v1']);
    await declareCapacity(ngo, 3);
    let pending: Record<string, unknown> | undefined;
    await eventually(async () => {
      [pending] = await deliveries(ngo, id, '?status=pending');
      expect(pending).toMatchObject({ attempts: 1, lastResponseCode: 503 });
    });
    const waitMs = Date.parse(String(pending!.nextAttemptAt)) - Date.parse(String(pending!.lastAttemptAt));
    expect(waitMs).toBeGreaterThanOrEqual(1_900);
    await eventually(async () =>
      expect(await deliveries(ngo, id)).toEqual([expect.objectContaining({ status: 'delivered', attempts: 2 })]),
    );
  });

  it('disables an endpoint that answers 410 Gone', async () => {
    const target = await receiver();
    target.behave = () => ({ status: 410 });
    const { id } = await register(ngo, target, ['organisation.capacity_declared.v1']);
    await declareCapacity(ngo, 4);
    await eventually(async () => {
      const { body } = await network.http().get(`/v1/webhooks/${id}`).set(auth(ngo));
      expect(body).toMatchObject({ status: 'disabled', disabledReason: 'gone' });
    });
    await declareCapacity(ngo, 5);
    expect(await deliveries(ngo, id)).toEqual([expect.objectContaining({ status: 'dead_lettered', attempts: 1, lastResponseCode: 410 })]);
    expect(target.requests).toHaveLength(1);
  });

  it('replays from a position or a time, including events older than the endpoint, with the same webhook-id', async () => {
    const before = await receiver();
    await register(refuge, before, ['referral.made.v1']);
    const { referralId } = await referToRefuge();
    await eventually(() => expect([...before.processed.values()].map((p) => p.referralId)).toContain(referralId));
    const original = before.requests.find((r) => JSON.parse(r.body).referralId === referralId)!;

    const late = await receiver();
    const { id } = await register(refuge, late, ['referral.made.v1']);
    const position = JSON.parse(original.body).globalPosition as string;
    const replay = await network.http().post(`/v1/webhooks/${id}/replay`).set(auth(refuge)).send({ fromPosition: position });
    expect(replay.status).toBe(202);
    expect(replay.body.queued).toBeGreaterThanOrEqual(1);
    await eventually(() => expect(late.processed.get(original.id)).toEqual(JSON.parse(original.body)));

    const since = await network
      .http()
      .post(`/v1/webhooks/${id}/replay`)
      .set(auth(refuge))
      .send({ since: new Date(Date.now() - 3_600_000).toISOString() });
    expect(since.body.queued).toBeGreaterThanOrEqual(2);
    await eventually(() => expect(late.attemptsOf(original.id)).toBe(2));
    expect((await network.http().post(`/v1/webhooks/${id}/replay`).set(auth(refuge)).send({})).status).toBe(400);
  });

  it('refuses null for a replay’s start or a rotation’s overlap rather than reading it as the epoch or as no overlap', async () => {
    const target = await receiver();
    const { id } = await register(ngo, target, ['organisation.capacity_declared.v1']);
    const post = (path: string, body: object) => network.http().post(`/v1/webhooks/${id}/${path}`).set(auth(ngo)).send(body);
    const refused = async (path: string, body: object, field: string) => {
      const response = await post(path, body);
      expect({ status: response.status, type: response.headers['content-type'] }).toEqual({
        status: 400,
        type: expect.stringMatching(/problem\+json/),
      });
      expect((response.body.errors as { field: string }[]).map((error) => error.field)).toContain(field);
    };
    // { since: null } queued every event since 1970; { overlapSeconds: null } ended the old secret at once.
    await refused('replay', { since: null }, 'since');
    await refused('replay', { fromPosition: '0', since: null }, 'since');
    await refused('secret-rotation', { overlapSeconds: null }, 'overlapSeconds');
    const log = await network.http().get(`/v1/webhooks/${id}/deliveries`).set(auth(ngo));
    expect((log.body.actions as { action: string }[]).map((action) => action.action)).toEqual(['registered']);
  });

  it('signs with both secrets while a rotation overlaps, so the old and the new one verify', async () => {
    const target = await receiver();
    const { id, secret: old } = await register(ngo, target, ['organisation.capacity_declared.v1']);
    const rotated = await network.http().post(`/v1/webhooks/${id}/secret-rotation`).set(auth(ngo)).send({ overlapSeconds: 3600 });
    expect(rotated.status).toBe(201);
    expect(rotated.body.secret).toMatch(/^whsec_/);
    expect(rotated.body.secret).not.toBe(old);
    target.secrets = [rotated.body.secret];
    await declareCapacity(ngo, 6);
    await eventually(() => expect(target.processed.size).toBe(1));
    const [request] = target.requests;
    expect(request!.signature.split(' ')).toHaveLength(2);
    const headers = { 'webhook-id': request!.id, 'webhook-timestamp': request!.timestamp, 'webhook-signature': request!.signature };
    for (const secret of [old, rotated.body.secret]) expect(() => new Webhook(secret).verify(request!.body, headers)).not.toThrow();
  });

  it('stops sending once an endpoint is deleted, keeps its log for its owner, and hides it from other partners as if absent', async () => {
    const target = await receiver();
    const { id } = await register(ngo, target, ['organisation.capacity_declared.v1']);
    expect((await network.http().get(`/v1/webhooks/${id}`).set(auth(refuge))).status).toBe(404);
    expect((await network.http().delete(`/v1/webhooks/${id}`).set(auth(refuge))).status).toBe(404);
    expect((await network.http().get(`/v1/webhooks/${id}/deliveries`).set(auth(refuge))).status).toBe(404);
    expect((await network.http().delete(`/v1/webhooks/${id}`).set(auth(ngo))).status).toBe(204);
    expect((await network.http().get(`/v1/webhooks/${id}`).set(auth(ngo))).status).toBe(404);
    // Its delivery log outlives it, for its owner only.
    expect((await network.http().get(`/v1/webhooks/${id}/deliveries`).set(auth(ngo))).status).toBe(200);
    expect((await network.http().get(`/v1/webhooks/${id}/deliveries`).set(auth(refuge))).status).toBe(404);
    const marker = await receiver();
    await register(ngo, marker, ['organisation.capacity_declared.v1']);
    await declareCapacity(ngo, 7);
    await eventually(() => expect(marker.processed.size).toBe(1));
    expect(target.requests).toEqual([]);
  });

  it('refuses endpoint URLs that could reach private networks or are not http(s)', async () => {
    const refused = [
      'https://10.0.0.8/hook',
      'https://192.168.1.1/hook',
      'https://172.20.0.1/',
      'https://169.254.169.254/latest/meta-data/',
      'https://[fd00::1]/hook',
      'https://[fe80::1]/hook',
      'https://[::ffff:10.0.0.1]/',
      'http://0.0.0.0:8080/',
      'ftp://partner.example/hook',
      'file:///etc/passwd',
      'https://user:secret@partner.example/hook',
      'javascript:alert(1)',
    ];
    for (const url of refused) {
      const response = await network
        .http()
        .post('/v1/webhooks')
        .set(auth(ngo))
        .send({ url, events: ['*'] });
      expect({ url, status: response.status, type: response.headers['content-type'] }).toEqual({
        url,
        status: 422,
        type: expect.stringMatching(/problem\+json/),
      });
      expect(response.body.code).toMatch(/^WEBHOOK\.URL_/);
    }
    const listed = await network.http().get('/v1/webhooks').set(auth(ngo));
    expect(listed.body.items.map((w: { url: string }) => w.url).filter((u: string) => !u.startsWith('http://127.0.0.1'))).toEqual([]);
  });
});
