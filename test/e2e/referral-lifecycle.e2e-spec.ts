import { auth, AWA, dumpEvents, identifyBody, onboard, type Partner } from './support/fixtures';
import { startTestNetwork, type TestNetwork } from './support/test-network';

describe('a referral from identification to closure', () => {
  let network: TestNetwork;
  let ngo: Partner;
  let refuge: Partner;
  let stranger: Partner;

  beforeAll(async () => {
    network = await startTestNetwork();
    ngo = await onboard(network, { id: 'asso-93', kind: 'ngo', department: '93', services: ['legal', 'psychological'] });
    refuge = await onboard(network, { id: 'refuge-75', kind: 'refuge', department: '75', services: ['shelter', 'specialised_shelter'] });
    stranger = await onboard(network, { id: 'health-93', kind: 'health', department: '93', services: ['medical'] });
  });
  afterAll(() => network.close());

  it('identifies, refers, accepts and closes, showing the receiver only what she consented to', async () => {
    const identified = await network
      .http()
      .post('/v1/cases')
      .set(auth(ngo))
      .send(identifyBody(['refuge-75']));
    expect(identified.status).toBe(201);
    const { caseId } = identified.body;

    const referred = await network
      .http()
      .post('/v1/referrals')
      .set(auth(ngo))
      .send({
        caseId,
        to: 'refuge-75',
        service: 'specialised_shelter',
        urgency: 'urgent',
        sharedCategories: ['identity', 'contact'],
        message: 'Needs a place tonight',
        respondBy: new Date(Date.now() + 86_400_000).toISOString(),
      });
    expect(referred.status).toBe(201);
    const { referralId, position } = referred.body;

    const inbox = await network.http().get(`/v1/inbox?direction=received&minPosition=${position}`).set(auth(refuge));
    expect(inbox.status).toBe(200);
    expect(inbox.body.caughtUp).toBe(true);
    expect(inbox.body.items).toHaveLength(1);
    expect(inbox.body.items[0]).toMatchObject({
      referralId,
      caseId,
      from: 'asso-93',
      to: 'refuge-75',
      status: 'referred',
      urgency: 'urgent',
    });
    expect(inbox.body.items[0].person).toMatchObject({ givenName: 'Awa', familyName: 'Diallo', phone: AWA.phone });
    expect(inbox.body.items[0].visibleCategories).toEqual(['identity', 'contact']);

    const detail = await network.http().get(`/v1/referrals/${referralId}`).set(auth(refuge));
    expect(detail.status).toBe(200);
    expect(detail.body.message).toBe('Needs a place tonight');

    expect((await network.http().post(`/v1/referrals/${referralId}/acceptance`).set(auth(ngo)).send({})).status).toBe(403);
    const accepted = await network.http().post(`/v1/referrals/${referralId}/acceptance`).set(auth(refuge)).send({ note: 'Room 4' });
    expect(accepted.status).toBe(200);
    expect(accepted.body.status).toBe('accepted');

    const closed = await network.http().post(`/v1/referrals/${referralId}/closure`).set(auth(refuge)).send({ outcome: 'service_provided' });
    expect(closed.body).toMatchObject({ status: 'closed' });
    const sent = await network.http().get(`/v1/inbox?direction=sent&status=closed&minPosition=${closed.body.position}`).set(auth(ngo));
    expect(sent.body.items.map((i: { referralId: string }) => i.referralId)).toEqual([referralId]);
    // Empty parameters, as forms write them (`status=&cursor=`), mean "not given".
    const unfiltered = await network.http().get('/v1/inbox?direction=sent&status=&cursor=').set(auth(ngo));
    expect(unfiltered.status).toBe(200);
    expect(unfiltered.body.items.map((i: { referralId: string }) => i.referralId)).toContain(referralId);
  });

  it('answers another partner exactly as if the referral and the case did not exist', async () => {
    const { body } = await network
      .http()
      .post('/v1/cases')
      .set(auth(ngo))
      .send(identifyBody(['refuge-75']));
    const referral = await network
      .http()
      .post('/v1/referrals')
      .set(auth(ngo))
      .send({ caseId: body.caseId, to: 'refuge-75', service: 'shelter', urgency: 'soon', sharedCategories: ['identity'] });
    const missing = '00000000-0000-4000-8000-000000000000';
    const foreign = await network.http().get(`/v1/referrals/${referral.body.referralId}`).set(auth(stranger));
    const absent = await network.http().get(`/v1/referrals/${missing}`).set(auth(stranger));
    expect(foreign.status).toBe(404);
    expect(absent.status).toBe(404);
    expect(foreign.body.code).toBe(absent.body.code);
    expect((await network.http().get(`/v1/cases/${body.caseId}`).set(auth(stranger))).status).toBe(404);
    const strangerInbox = await network.http().get('/v1/inbox?direction=received').set(auth(stranger));
    expect(strangerInbox.body.items).toEqual([]);
  });

  it('refuses a referral her consent does not cover, saying what is missing, and writes nothing', async () => {
    const { body } = await network
      .http()
      .post('/v1/cases')
      .set(auth(ngo))
      .send(identifyBody(['refuge-75']));
    const refused = await network
      .http()
      .post('/v1/referrals')
      .set(auth(ngo))
      .send({ caseId: body.caseId, to: 'refuge-75', service: 'shelter', urgency: 'soon', sharedCategories: ['identity', 'health'] });
    expect(refused.status).toBe(422);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(refused.body).toMatchObject({ status: 422, code: 'REFERRAL.CONSENT_MISSING' });
    expect(refused.body.detail).toMatch(/health/);
  });

  it('lets only an authority record a formal identification', async () => {
    const refusedFormal = await network
      .http()
      .post('/v1/cases')
      .set(auth(ngo))
      .send(identifyBody(['refuge-75'], { level: 'formal' }));
    expect(refusedFormal.status).toBe(403);
    const authority = await onboard(network, { id: 'ofii-93', kind: 'authority', department: '93', services: ['specialised_shelter'] });
    const formal = await network
      .http()
      .post('/v1/cases')
      .set(auth(authority))
      .send(identifyBody(['refuge-75'], { level: 'formal' }));
    expect(formal.status).toBe(201);
  });

  it('never writes her name, phone or birth date in clear into the event store', async () => {
    const dump = await dumpEvents(network);
    expect(dump.length).toBeGreaterThan(0);
    for (const value of ['Awa', 'Diallo', AWA.phone, AWA.birthDate, 'Needs a place tonight', 'Room 4']) expect(dump).not.toContain(value);
  });
});
