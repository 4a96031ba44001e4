import { auth } from './support/fixtures';
import {
  CATEGORIES,
  consent,
  grant,
  identify,
  inbox,
  itemFor,
  onboardKeyed,
  personWith,
  refer,
  type KeyedPartner,
} from './support/consent-fixtures';
import { startTestNetwork, type TestNetwork } from './support/test-network';

/** A withdrawal hides, at once, what was shared before it; the referral itself stays (issue 3). */
describe('withdrawing consent after a referral was accepted', () => {
  let network: TestNetwork;
  let ngo: KeyedPartner;
  let refuge: KeyedPartner;
  let caseId: string;
  let consentId: string;
  let referralId: string;
  let accepted: string;

  beforeAll(async () => {
    network = await startTestNetwork();
    ngo = await onboardKeyed(network, { id: 'asso-93', kind: 'ngo', department: '93', services: ['legal'] });
    refuge = await onboardKeyed(network, { id: 'refuge-75', kind: 'refuge', department: '75', services: ['shelter'] });
    const identified = await identify(network, ngo, consent(['refuge-75'], ['identity', 'contact']));
    caseId = identified.caseId;
    consentId = identified.consentId ?? '';
    ({ referralId } = await refer(network, ngo, {
      caseId,
      to: 'refuge-75',
      service: 'shelter',
      sharedCategories: ['identity', 'contact'],
      message: 'Needs a place tonight',
    }));
    const acceptance = await network
      .http()
      .post(`/v1/referrals/${referralId}/acceptance`)
      .set(auth(refuge))
      .send({ note: 'Room 4 is hers' });
    expect(acceptance.status).toBe(200);
    accepted = acceptance.body.position as string;
  });
  afterAll(() => network.close());

  const get = (partner: KeyedPartner, path: string) => network.http().get(path).set(auth(partner));

  it('shows her fields, the message and the note to the receiver while she consents', async () => {
    const referral = await get(refuge, `/v1/referrals/${referralId}`);
    expect(referral.body).toMatchObject({
      status: 'accepted',
      person: personWith(['identity', 'contact']),
      message: 'Needs a place tonight',
    });
    expect(referral.body.notes).toEqual([{ by: 'refuge-75', event: 'ReferralAccepted', note: 'Room 4 is hers' }]);
    expect(itemFor(await inbox(network, refuge, 'received', accepted), referralId)?.person).toEqual(personWith(['identity', 'contact']));
    expect((await get(refuge, `/v1/cases/${caseId}`)).body.person).toEqual(personWith(['identity', 'contact']));
  });

  it('removes every personal field from the receiver’s views at once, keeping the referral and its status', async () => {
    const withdrawal = await network
      .http()
      .post(`/v1/cases/${caseId}/consents/${consentId}/withdrawal`)
      .set(auth(ngo))
      .send({ reason: 'She asked to stop sharing' });
    expect(withdrawal.status).toBe(200);
    expect(withdrawal.body).toMatchObject({ caseId, consentId, withdrawn: true });

    const referral = await get(refuge, `/v1/referrals/${referralId}`);
    expect(referral.status).toBe(200);
    expect(referral.body).toMatchObject({
      referralId,
      caseId,
      from: 'asso-93',
      to: 'refuge-75',
      status: 'accepted',
      person: null,
      visibleCategories: [],
      message: null,
    });
    expect(referral.body.notes).toEqual([{ by: 'refuge-75', event: 'ReferralAccepted', note: null }]);

    const row = itemFor(await inbox(network, refuge, 'received', withdrawal.body.position), referralId);
    expect(row).toMatchObject({ referralId, status: 'accepted', person: null, visibleCategories: [] });

    const kase = await get(refuge, `/v1/cases/${caseId}`);
    expect(kase.status).toBe(200);
    expect(kase.body).toMatchObject({ caseId, person: null, categories: [] });

    // Nothing of her text or fields anywhere in what the receiver gets.
    for (const body of [referral.text, JSON.stringify(row), kase.text]) {
      for (const value of ['Fatou', 'Camara', '+33611223344', '1991-07-14', 'Needs a place tonight', 'Room 4'])
        expect(body).not.toContain(value);
    }
  });

  it('leaves the referral and her full file to the holder, which also sees the consent as withdrawn', async () => {
    const referral = await get(ngo, `/v1/referrals/${referralId}`);
    expect(referral.body).toMatchObject({ status: 'accepted', person: personWith([...CATEGORIES]), message: 'Needs a place tonight' });
    const sent = await inbox(network, ngo, 'sent', accepted);
    expect(itemFor(sent, referralId)).toMatchObject({ status: 'accepted', to: 'refuge-75' });
    const kase = await get(ngo, `/v1/cases/${caseId}`);
    expect(kase.body.consents).toEqual([expect.objectContaining({ consentId, withdrawn: true })]);
  });

  it('lets the two parties still move the referral on, without her data', async () => {
    const closed = await network.http().post(`/v1/referrals/${referralId}/closure`).set(auth(refuge)).send({ outcome: 'person_declined' });
    expect(closed.status).toBe(200);
    expect(itemFor(await inbox(network, refuge, 'received', closed.body.position), referralId)).toMatchObject({
      status: 'closed',
      person: null,
    });
  });

  it('refuses a new referral to the same receiver until she consents again', async () => {
    const refused = await network
      .http()
      .post('/v1/referrals')
      .set(auth(ngo))
      .send({ caseId, to: 'refuge-75', service: 'shelter', urgency: 'soon', sharedCategories: ['identity'] });
    expect(refused.status).toBe(422);
    expect(refused.body.code).toBe('REFERRAL.CONSENT_MISSING');
  });

  it('withdrawing one of two consents hides only the categories that consent alone covered', async () => {
    const { caseId: other, consentId: identityConsent } = await identify(network, ngo, consent(['refuge-75'], ['identity']));
    await grant(network, ngo, other, consent(['refuge-75'], ['contact', 'health']));
    const made = await refer(network, ngo, {
      caseId: other,
      to: 'refuge-75',
      service: 'shelter',
      sharedCategories: ['identity', 'contact', 'health'],
    });
    expect((await get(refuge, `/v1/referrals/${made.referralId}`)).body.person).toEqual(personWith(['identity', 'contact', 'health']));

    const withdrawal = await network.http().post(`/v1/cases/${other}/consents/${identityConsent}/withdrawal`).set(auth(ngo)).send({});
    expect((await get(refuge, `/v1/referrals/${made.referralId}`)).body.person).toEqual(personWith(['contact', 'health']));
    expect(itemFor(await inbox(network, refuge, 'received', withdrawal.body.position), made.referralId)?.person).toEqual(
      personWith(['contact', 'health']),
    );
  });
});
