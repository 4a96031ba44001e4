import { auth } from './support/fixtures';
import {
  consent,
  grant,
  identify,
  inbox,
  itemFor,
  onboardKeyed,
  personWith,
  refer,
  waitUntilPast,
  type KeyedPartner,
} from './support/consent-fixtures';
import { startTestNetwork, type TestNetwork } from './support/test-network';

/**
 * Expiry takes effect by itself: nobody writes an event when it passes, every read compares it
 * with the clock. The test never asserts on timing: it waits until the instant has passed, then
 * asserts what a partner sees.
 */
describe('a consent that expires', () => {
  let network: TestNetwork;
  let ngo: KeyedPartner;
  let refuge: KeyedPartner;

  beforeAll(async () => {
    network = await startTestNetwork();
    ngo = await onboardKeyed(network, { id: 'asso-93', kind: 'ngo', department: '93', services: ['legal'] });
    refuge = await onboardKeyed(network, { id: 'refuge-75', kind: 'refuge', department: '75', services: ['shelter'] });
  });
  afterAll(() => network.close());

  it('stops showing her data to the receiver once its time has passed, while the referral stays', async () => {
    // A lasting consent for one category and a short one for another: only the short one lapses.
    const { caseId } = await identify(network, ngo, consent(['refuge-75'], ['contact']));
    const expiresAt = new Date(Date.now() + 4000);
    await grant(network, ngo, caseId, consent(['refuge-75'], ['identity', 'health'], ['referral'], { expiresAt: expiresAt.toISOString() }));
    const { referralId, position } = await refer(network, ngo, {
      caseId,
      to: 'refuge-75',
      service: 'shelter',
      sharedCategories: ['identity', 'contact', 'health'],
    });
    expect((await network.http().get(`/v1/referrals/${referralId}`).set(auth(refuge))).body.person).toEqual(
      personWith(['identity', 'contact', 'health']),
    );

    await waitUntilPast(expiresAt);

    const referral = await network.http().get(`/v1/referrals/${referralId}`).set(auth(refuge));
    expect(referral.body).toMatchObject({ status: 'referred', person: personWith(['contact']), visibleCategories: ['contact'] });
    expect(itemFor(await inbox(network, refuge, 'received', position), referralId)).toMatchObject({
      status: 'referred',
      person: personWith(['contact']),
    });
    expect((await network.http().get(`/v1/cases/${caseId}`).set(auth(refuge))).body).toMatchObject({
      person: personWith(['contact']),
      categories: ['contact'],
    });

    // Nor may the expired consent carry a new referral of those categories.
    const refused = await network
      .http()
      .post('/v1/referrals')
      .set(auth(ngo))
      .send({ caseId, to: 'refuge-75', service: 'shelter', urgency: 'soon', sharedCategories: ['identity'] });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: 'REFERRAL.CONSENT_MISSING',
      details: { recipientCovered: true, missingCategories: ['identity'] },
    });
  });

  it('closes her file to a named recipient once her only consent has lapsed', async () => {
    const expiresAt = new Date(Date.now() + 3000);
    const { caseId } = await identify(
      network,
      ngo,
      consent(['refuge-75'], ['identity'], ['referral'], { expiresAt: expiresAt.toISOString() }),
    );
    expect((await network.http().get(`/v1/cases/${caseId}`).set(auth(refuge))).body.person).toEqual(personWith(['identity']));

    await waitUntilPast(expiresAt);

    expect((await network.http().get(`/v1/cases/${caseId}`).set(auth(refuge))).status).toBe(404);
    const holder = await network.http().get(`/v1/cases/${caseId}`).set(auth(ngo));
    expect(holder.body.consents).toEqual([expect.objectContaining({ expiresAt: expiresAt.toISOString(), withdrawn: false })]);
    expect(holder.body.person.givenName).toBe('Fatou');
  });
});
