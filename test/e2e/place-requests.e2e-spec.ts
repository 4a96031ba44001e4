import { eventually } from '../../libs/bus/src/testing/eventually';
import { TestReceiver } from '../../libs/webhooks/src/testing';
import { auth, AWA, eventCount, identifyBody, onboard, type Partner } from './support/fixtures';
import { startTestNetwork, type TestNetwork } from './support/test-network';

const SHELTERS = ['refuge-59a', 'refuge-59b', 'refuge-62'];

describe('a place tonight: one request to several shelters, the first acceptance wins', () => {
  let network: TestNetwork;
  let ngo: Partner;
  let shelters: Partner[];
  let clinic: Partner;
  const receivers: TestReceiver[] = [];

  const post = (partner: Partner, path: string, body: unknown = {}) =>
    network
      .http()
      .post(path)
      .set(auth(partner))
      .send(body as object);
  const get = (partner: Partner, path: string) => network.http().get(path).set(auth(partner));
  const identify = async (recipients: string[], categories = ['identity', 'contact', 'vulnerability']) => {
    const base = identifyBody(recipients);
    const response = await post(ngo, '/v1/cases', { ...base, consent: { ...base.consent, categories } });
    if (response.status !== 201) throw new Error(`identify: ${response.status} ${response.text}`);
    return response.body.caseId as string;
  };
  const placeRequest = (caseId: string, overrides: Record<string, unknown> = {}) => ({
    caseId,
    to: SHELTERS,
    service: 'specialised_shelter',
    urgency: 'urgent',
    sharedCategories: ['identity', 'contact'],
    message: 'Needs a safe place tonight',
    respondBy: new Date(Date.now() + 6 * 3_600_000).toISOString(),
    ...overrides,
  });
  const request = async (caseId: string, overrides: Record<string, unknown> = {}) => {
    const response = await post(ngo, '/v1/place-requests', placeRequest(caseId, overrides));
    if (response.status !== 201) throw new Error(`place request: ${response.status} ${response.text}`);
    return response.body as { placeRequestId: string; referralIds: string[]; position: string };
  };
  const webhookFor = async (partner: Partner) => {
    const receiver = await TestReceiver.start();
    receivers.push(receiver);
    const response = await post(partner, '/v1/webhooks', { url: receiver.url(), events: ['*'] });
    receiver.secrets = [response.body.secret];
    return receiver;
  };
  const received = (receiver: TestReceiver) => [...receiver.processed.values()];

  beforeAll(async () => {
    network = await startTestNetwork({ placeRequests: { expiryIntervalMs: 100 } });
    ngo = await onboard(network, { id: 'asso-59', kind: 'ngo', department: '59', services: ['legal'] });
    shelters = [];
    for (const id of SHELTERS) {
      shelters.push(
        await onboard(network, { id, kind: 'refuge', department: id.slice(7, 9), services: ['shelter', 'specialised_shelter'] }),
      );
    }
    clinic = await onboard(network, { id: 'health-59', kind: 'health', department: '59', services: ['medical'] });
  });
  afterAll(async () => {
    await network.close();
    await Promise.all(receivers.map((r) => r.down()));
  });

  describe('sending one request', () => {
    it('refuses a request her consent does not fully cover, naming each gap, and writes nothing', async () => {
      const caseId = await identify(['refuge-59a'], ['identity']);
      const before = await eventCount(network);

      const response = await post(ngo, '/v1/place-requests', placeRequest(caseId));

      expect(response.status).toBe(422);
      expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
      expect(response.body).toMatchObject({ code: 'REFERRAL.CONSENT_MISSING', status: 422 });
      expect(response.body.details.gaps).toEqual([
        { recipient: 'refuge-59a', recipientCovered: true, missingCategories: ['contact'] },
        { recipient: 'refuge-59b', recipientCovered: false, missingCategories: ['identity', 'contact'] },
        { recipient: 'refuge-62', recipientCovered: false, missingCategories: ['identity', 'contact'] },
      ]);
      expect(await eventCount(network)).toBe(before);
    });

    it('refuses one shelter alone, a shelter twice, and an organisation that does not offer the service', async () => {
      const caseId = await identify(['any_referral_recipient']);
      for (const to of [['refuge-59a'], ['refuge-59a', 'refuge-59a']]) {
        expect((await post(ngo, '/v1/place-requests', placeRequest(caseId, { to }))).status).toBe(400);
      }
      const notOffered = await post(ngo, '/v1/place-requests', placeRequest(caseId, { to: ['refuge-59a', 'health-59'] }));
      expect(notOffered.body).toMatchObject({ status: 422, code: 'REFERRAL.SERVICE_NOT_OFFERED', details: { field: 'to[1]' } });
    });

    it('makes one referral per shelter; an Idempotency-Key retry answers the same and writes nothing', async () => {
      const body = placeRequest(await identify(['any_referral_recipient']));
      const first = await post(ngo, '/v1/place-requests', body).set('Idempotency-Key', 'place-request-once-1');
      expect(first.status).toBe(201);
      expect(first.body).toMatchObject({ placeRequestId: expect.any(String), position: expect.stringMatching(/^\d+$/) });
      expect(first.body.referralIds).toHaveLength(3);
      const count = await eventCount(network);

      const retry = await post(ngo, '/v1/place-requests', body).set('Idempotency-Key', 'place-request-once-1');

      expect(retry.status).toBe(201);
      expect(retry.body).toEqual(first.body);
      expect(await eventCount(network)).toBe(count);
      const sent = await get(ngo, `/v1/place-requests/${first.body.placeRequestId}`);
      expect(sent.body).toMatchObject({ status: 'open', placed: null });
      expect(sent.body.recipients.map((r: { organisationId: string }) => r.organisationId)).toEqual(SHELTERS);
    });
  });

  describe('privately', () => {
    it('tells each shelter how many others were asked, never who; only the sender reads the request', async () => {
      const caseId = await identify(['any_referral_recipient']);
      const { placeRequestId, position } = await request(caseId);

      const inbox = await get(shelters[1]!, `/v1/inbox?direction=received&minPosition=${position}`);
      const row = inbox.body.items.find((item: { placeRequestId: string }) => item.placeRequestId === placeRequestId);
      expect(row).toMatchObject({ placeRequestId, otherRecipients: 2, status: 'referred', to: 'refuge-59b', placeRequest: null });
      expect(row.person).toMatchObject({ givenName: AWA.givenName });
      const referral = await get(shelters[1]!, `/v1/referrals/${row.referralId}`);
      expect(referral.body).toMatchObject({ placeRequestId, otherRecipients: 2, message: 'Needs a safe place tonight' });
      const everything = JSON.stringify([inbox.body, referral.body]);
      for (const other of ['refuge-59a', 'refuge-62']) expect(everything).not.toContain(other);
      for (const outsider of [shelters[1]!, clinic]) {
        expect((await get(outsider, `/v1/place-requests/${placeRequestId}`)).body).toMatchObject({
          status: 404,
          code: 'PLACE_REQUEST.NOT_FOUND',
        });
      }
    });
  });

  describe('the first acceptance', () => {
    it('places her; the other shelters are withdrawn (placed_elsewhere), lose her data at once, and a later acceptance is 409', async () => {
      const senderHooks = await webhookFor(ngo);
      const loserHooks = await webhookFor(shelters[2]!);
      const caseId = await identify(['any_referral_recipient']);
      const { placeRequestId, referralIds } = await request(caseId);
      const [winner, , late] = referralIds as [string, string, string];

      const accepted = await post(shelters[0]!, `/v1/referrals/${winner}/acceptance`, { note: 'A room from tonight' });
      expect(accepted.status).toBe(200);
      expect(accepted.body).toMatchObject({ referralId: winner, status: 'accepted', placeRequestId });

      const again = await post(shelters[2]!, `/v1/referrals/${late}/acceptance`);
      expect(again.status).toBe(409);
      expect(again.body).toMatchObject({ code: 'PLACE_REQUEST.ALREADY_PLACED' });

      // No waiting: the withdrawals are written with the acceptance.
      const lost = await get(shelters[2]!, `/v1/referrals/${late}`);
      expect(lost.body).toMatchObject({
        status: 'withdrawn',
        withdrawalReason: 'placed_elsewhere',
        person: null,
        message: null,
        visibleCategories: [],
      });
      const theCase = await get(shelters[2]!, `/v1/cases/${caseId}`);
      expect(theCase.body).toMatchObject({ status: 'open', person: null, categories: [] });
      const kept = await get(shelters[0]!, `/v1/referrals/${winner}`);
      expect(kept.body).toMatchObject({ status: 'accepted', person: { givenName: AWA.givenName } });

      const sent = await get(ngo, `/v1/place-requests/${placeRequestId}`);
      expect(sent.body).toMatchObject({ status: 'placed', placed: { organisationId: 'refuge-59a', referralId: winner } });
      expect(sent.body.recipients).toEqual([
        expect.objectContaining({ organisationId: 'refuge-59a', status: 'accepted', respondedAt: expect.any(String) }),
        expect.objectContaining({ organisationId: 'refuge-59b', status: 'withdrawn', withdrawalReason: 'placed_elsewhere' }),
        expect.objectContaining({ organisationId: 'refuge-62', status: 'withdrawn', withdrawalReason: 'placed_elsewhere' }),
      ]);

      await eventually(() => {
        const types = received(senderHooks)
          .filter((e) => e.placeRequestId === placeRequestId)
          .map((e) => e.type);
        expect(types).toEqual(expect.arrayContaining(['place_request.made.v1', 'place_request.placed.v1']));
        expect(received(loserHooks)).toContainEqual(
          expect.objectContaining({ type: 'referral.withdrawn.v1', referralId: late, reason: 'placed_elsewhere' }),
        );
      });
      // A shelter never hears of the request itself, only of its own referral.
      expect(received(loserHooks).some((e) => String(e.type).startsWith('place_request.'))).toBe(false);
      const inbox = await get(ngo, `/v1/inbox?direction=sent&minPosition=${accepted.body.position}`);
      const rows = inbox.body.items.filter((item: { placeRequestId: string }) => item.placeRequestId === placeRequestId);
      expect(rows).toHaveLength(3);
      expect(rows[0].placeRequest).toEqual({ status: 'placed', placedBy: 'refuge-59a' });
    });

    it('ends the others’ view of her even when her consent names them: it was given for this request', async () => {
      const caseId = await identify(SHELTERS);
      const { referralIds } = await request(caseId);
      const before = await get(shelters[2]!, `/v1/cases/${caseId}`);
      expect(before.body.person).toMatchObject({ givenName: AWA.givenName });

      await post(shelters[0]!, `/v1/referrals/${referralIds[0]}/acceptance`).expect(200);

      const after = await get(shelters[2]!, `/v1/cases/${caseId}`);
      expect(after.body).toMatchObject({ person: null, categories: [] });
      expect((await get(shelters[2]!, `/v1/referrals/${referralIds[2]}`)).body).toMatchObject({ person: null, message: null });
    });

    it('cannot be taken back by a decline or a withdrawal of the winning referral', async () => {
      const caseId = await identify(['any_referral_recipient']);
      const { referralIds } = await request(caseId);
      await post(shelters[1]!, `/v1/referrals/${referralIds[1]}/acceptance`).expect(200);
      expect((await post(shelters[1]!, `/v1/referrals/${referralIds[1]}/decline`, { reason: 'no_capacity' })).status).toBe(409);
      expect((await post(ngo, `/v1/referrals/${referralIds[1]}/withdrawal`, { reason: 'other' })).status).toBe(409);
      expect((await post(shelters[0]!, `/v1/referrals/${referralIds[0]}/decline`, { reason: 'no_capacity' })).status).toBe(409);
    });
  });

  describe('cancellation and expiry', () => {
    it('lets the sender cancel: every shelter still waiting is withdrawn (cancelled); a shelter may not cancel', async () => {
      const caseId = await identify(['any_referral_recipient']);
      const { placeRequestId, referralIds } = await request(caseId);
      await post(shelters[0]!, `/v1/referrals/${referralIds[0]}/decline`, { reason: 'no_capacity' }).expect(200);
      expect((await post(shelters[1]!, `/v1/place-requests/${placeRequestId}/cancellation`)).body).toMatchObject({
        status: 403,
        code: 'PLACE_REQUEST.NOT_SENDER',
      });

      const cancelled = await post(ngo, `/v1/place-requests/${placeRequestId}/cancellation`);

      expect(cancelled.status).toBe(200);
      const sent = await get(ngo, `/v1/place-requests/${placeRequestId}`);
      expect(sent.body.status).toBe('cancelled');
      expect(sent.body.recipients.map((r: { status: string; withdrawalReason: string | null }) => [r.status, r.withdrawalReason])).toEqual([
        ['declined', null],
        ['withdrawn', 'cancelled'],
        ['withdrawn', 'cancelled'],
      ]);
      expect((await post(shelters[1]!, `/v1/referrals/${referralIds[1]}/acceptance`)).body.code).toBe('PLACE_REQUEST.CANCELLED');
      expect((await post(ngo, `/v1/place-requests/${placeRequestId}/cancellation`)).status).toBe(409);
    });

    it('expires when respondBy passes with nobody accepting: the referrals are withdrawn (expired) and the sender is told', async () => {
      const senderHooks = await webhookFor(ngo);
      const caseId = await identify(['any_referral_recipient']);
      const respondBy = new Date(Date.now() + 1500).toISOString();
      const { placeRequestId, referralIds } = await request(caseId, { respondBy });

      await eventually(async () => {
        expect((await get(ngo, `/v1/place-requests/${placeRequestId}`)).body.recipients.map((r: { status: string }) => r.status)).toEqual([
          'withdrawn',
          'withdrawn',
          'withdrawn',
        ]);
      }, 20_000);
      const sent = await get(ngo, `/v1/place-requests/${placeRequestId}`);
      expect(sent.body).toMatchObject({ status: 'expired', placed: null });
      expect(sent.body.recipients.every((r: { withdrawalReason: string }) => r.withdrawalReason === 'expired')).toBe(true);
      expect((await post(shelters[0]!, `/v1/referrals/${referralIds[0]}/acceptance`)).body.code).toBe('PLACE_REQUEST.EXPIRED');
      await eventually(() =>
        expect(received(senderHooks)).toContainEqual(expect.objectContaining({ type: 'place_request.expired.v1', placeRequestId })),
      );
      await eventually(async () => {
        const inbox = await get(ngo, '/v1/inbox?direction=sent');
        const row = inbox.body.items.find((item: { placeRequestId: string }) => item.placeRequestId === placeRequestId);
        expect(row).toMatchObject({
          status: 'withdrawn',
          withdrawalReason: 'expired',
          placeRequest: { status: 'expired', placedBy: null },
        });
      });
    });
  });
});
