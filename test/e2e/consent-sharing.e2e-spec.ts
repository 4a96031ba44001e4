import { linkageKey, parseLinkageSecret } from '@passerelle/privacy';
import { ageBandOf, auth, eventCount } from './support/fixtures';
import {
  CATEGORIES,
  consent,
  FATOU,
  grant,
  identify,
  inbox,
  itemFor,
  onboardKeyed,
  personWith,
  refer,
  sql,
  type KeyedPartner,
} from './support/consent-fixtures';
import { startTestNetwork, type TestNetwork } from './support/test-network';

/** Consent decides, category by category and purpose by purpose, what a receiver sees (issue 3). */
describe('consent-scoped sharing', () => {
  let network: TestNetwork;
  let ngo: KeyedPartner;
  let refuge: KeyedPartner;
  let clinic: KeyedPartner;
  let stranger: KeyedPartner;

  beforeAll(async () => {
    network = await startTestNetwork();
    ngo = await onboardKeyed(network, { id: 'asso-93', kind: 'ngo', department: '93', services: ['legal'] });
    refuge = await onboardKeyed(network, {
      id: 'refuge-75',
      kind: 'refuge',
      department: '75',
      services: ['shelter', 'specialised_shelter'],
    });
    clinic = await onboardKeyed(network, { id: 'health-93', kind: 'health', department: '93', services: ['medical', 'psychological'] });
    stranger = await onboardKeyed(network, { id: 'legal-69', kind: 'ngo', department: '69', services: ['legal'] });
  });
  afterAll(() => network.close());

  /** The person as the receiver sees her through GET referral, GET case and its inbox. */
  async function receiverViews(receiver: KeyedPartner, caseId: string, referralId: string, position: string) {
    const referral = await network.http().get(`/v1/referrals/${referralId}`).set(auth(receiver));
    const kase = await network.http().get(`/v1/cases/${caseId}?minPosition=${position}`).set(auth(receiver));
    const row = itemFor(await inbox(network, receiver, 'received', position), referralId);
    expect([referral.status, kase.status]).toEqual([200, 200]);
    return { referral: referral.body, kase: kase.body, row: row! };
  }

  it.each(CATEGORIES.map((category) => [category]))(
    'a referral consent for %s alone shows exactly that category to the receiver',
    async (category) => {
      const { caseId } = await identify(network, ngo, consent(['refuge-75'], [category]));
      const { referralId, position } = await refer(network, ngo, {
        caseId,
        to: 'refuge-75',
        service: 'shelter',
        sharedCategories: [category],
      });

      const views = await receiverViews(refuge, caseId, referralId, position);
      for (const view of [views.referral, views.kase, views.row]) {
        expect(view.person).toEqual(personWith([category]));
        expect(view.visibleCategories ?? view.categories).toEqual([category]);
      }
    },
  );

  it('shows several consented categories together, and only those the referral shares', async () => {
    const { caseId } = await identify(network, ngo, consent(['refuge-75'], ['identity', 'contact', 'health', 'children']));
    const both = await refer(network, ngo, { caseId, to: 'refuge-75', service: 'shelter', sharedCategories: ['identity', 'health'] });
    expect((await receiverViews(refuge, caseId, both.referralId, both.position)).referral.person).toEqual(
      personWith(['identity', 'health']),
    );

    // The holder still sees everything it recorded.
    const holder = await network.http().get(`/v1/cases/${caseId}`).set(auth(ngo));
    expect(holder.body.person).toEqual(personWith([...CATEGORIES]));
  });

  it.each([[['coordination']], [['research']], [['coordination', 'research']]])(
    'a consent for %j only does not allow a referral, says what is missing and writes nothing',
    async (purposes) => {
      const { caseId } = await identify(network, ngo, consent(['refuge-75'], ['identity', 'contact'], purposes));
      const before = await eventCount(network);
      const refused = await network
        .http()
        .post('/v1/referrals')
        .set(auth(ngo))
        .send({ caseId, to: 'refuge-75', service: 'shelter', urgency: 'soon', sharedCategories: ['identity'] });
      expect(refused.status).toBe(422);
      expect(refused.body).toMatchObject({
        code: 'REFERRAL.CONSENT_MISSING',
        details: { recipientCovered: false, missingCategories: ['identity'] },
      });
      expect(refused.body.detail).toMatch(/no active referral consent names the receiver/);
      expect(await eventCount(network)).toBe(before);
      // Nor does it open her file to the named organisation through the partner API.
      expect((await network.http().get(`/v1/cases/${caseId}`).set(auth(refuge))).status).toBe(404);

      // The same terms with purpose `referral` added are enough.
      await grant(network, ngo, caseId, consent(['refuge-75'], ['identity'], ['referral']));
      await refer(network, ngo, { caseId, to: 'refuge-75', service: 'shelter', sharedCategories: ['identity'] });
    },
  );

  it('refuses to share a category the consent does not cover, naming it', async () => {
    const { caseId } = await identify(network, ngo, consent(['refuge-75'], ['identity']));
    const refused = await network
      .http()
      .post('/v1/referrals')
      .set(auth(ngo))
      .send({ caseId, to: 'refuge-75', service: 'shelter', urgency: 'soon', sharedCategories: ['identity', 'legal', 'children'] });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({
      code: 'REFERRAL.CONSENT_MISSING',
      details: { recipientCovered: true, missingCategories: ['legal', 'children'] },
    });
  });

  describe('a consent for one recipient never shows anything to another', () => {
    let caseId: string;
    let toRefuge: { referralId: string; position: string };
    let toClinic: { referralId: string; position: string };

    beforeAll(async () => {
      ({ caseId } = await identify(network, ngo, consent(['refuge-75'], ['identity', 'contact'])));
      await grant(network, ngo, caseId, consent(['health-93'], ['health']));
      toRefuge = await refer(network, ngo, {
        caseId,
        to: 'refuge-75',
        service: 'shelter',
        sharedCategories: ['identity', 'contact'],
        message: 'For the refuge',
      });
      toClinic = await refer(network, ngo, { caseId, to: 'health-93', service: 'medical', sharedCategories: ['health'] });
    });

    it('each receiver sees its own categories and not the other’s', async () => {
      const refugeViews = await receiverViews(refuge, caseId, toRefuge.referralId, toClinic.position);
      const clinicViews = await receiverViews(clinic, caseId, toClinic.referralId, toClinic.position);
      for (const view of [refugeViews.referral, refugeViews.kase, refugeViews.row])
        expect(view.person).toEqual(personWith(['identity', 'contact']));
      for (const view of [clinicViews.referral, clinicViews.kase, clinicViews.row]) expect(view.person).toEqual(personWith(['health']));
    });

    it('the clinic cannot be given her identity, nor read the refuge’s referral', async () => {
      const refused = await network
        .http()
        .post('/v1/referrals')
        .set(auth(ngo))
        .send({ caseId, to: 'health-93', service: 'psychological', urgency: 'soon', sharedCategories: ['identity'] });
      expect(refused.status).toBe(422);
      expect((await network.http().get(`/v1/referrals/${toRefuge.referralId}`).set(auth(clinic))).status).toBe(404);
    });

    it('an organisation she named nowhere sees neither her case, nor the referrals, nor an inbox row', async () => {
      expect((await network.http().get(`/v1/cases/${caseId}`).set(auth(stranger))).status).toBe(404);
      for (const { referralId } of [toRefuge, toClinic]) {
        expect((await network.http().get(`/v1/referrals/${referralId}`).set(auth(stranger))).status).toBe(404);
      }
      for (const direction of ['received', 'sent'] as const)
        expect(await inbox(network, stranger, direction, toClinic.position)).toEqual([]);
    });

    it('writes on every event a scope that names only the organisations entitled to it', async () => {
      const events = await sql<{ stream_name: string; type: string; scope: Record<string, string[]> }>(
        network,
        `SELECT stream_name, type, metadata->'scope' AS scope FROM es_events WHERE stream_name = ANY($1) ORDER BY global_position`,
        [[`case-${caseId}`, `referral-${toRefuge.referralId}`, `referral-${toClinic.referralId}`]],
      );
      expect(events.map((e) => e.type)).toEqual(['PersonIdentified', 'ConsentGranted', 'ConsentGranted', 'ReferralMade', 'ReferralMade']);
      const scopes = Object.fromEntries(events.map((e, i) => [`${i}:${e.type}`, e.scope]));
      // Scope is consent at write time: her first consent is the event after the identification.
      expect(scopes).toEqual({
        '0:PersonIdentified': { 'asso-93': [...CATEGORIES] },
        '1:ConsentGranted': { 'asso-93': [...CATEGORIES], 'refuge-75': ['identity', 'contact'] },
        '2:ConsentGranted': { 'asso-93': [...CATEGORIES], 'refuge-75': ['identity', 'contact'], 'health-93': ['health'] },
        '3:ReferralMade': { 'asso-93': [...CATEGORIES], 'refuge-75': ['identity', 'contact'] },
        '4:ReferralMade': { 'asso-93': [...CATEGORIES], 'health-93': ['health'] },
      });
    });
  });

  it('"any referral recipient" opens her file only to an organisation she is actually referred to', async () => {
    const { caseId } = await identify(network, ngo, consent(['any_referral_recipient'], ['vulnerability']));
    expect((await network.http().get(`/v1/cases/${caseId}`).set(auth(clinic))).status).toBe(404);
    const { referralId, position } = await refer(network, ngo, {
      caseId,
      to: 'health-93',
      service: 'medical',
      sharedCategories: ['vulnerability'],
    });
    expect((await receiverViews(clinic, caseId, referralId, position)).kase.person).toEqual(personWith(['vulnerability']));
    expect((await network.http().get(`/v1/cases/${caseId}`).set(auth(refuge))).status).toBe(404);
  });

  it('never shows the linkage key to a partner, in any answer', async () => {
    const key = linkageKey(parseLinkageSecret(network.settings.linkageKey), {
      familyName: FATOU.familyName,
      givenNames: FATOU.givenName,
      birthDate: FATOU.birthDate,
    });
    const identified = await network
      .http()
      .post('/v1/cases')
      .set(auth(ngo))
      .send({
        person: FATOU,
        level: 'presumed',
        indicators: ['isolated'],
        department: '93',
        ageBand: ageBandOf(FATOU),
        safety: { doNotContact: false, safeChannel: 'phone' },
        consent: consent(['refuge-75'], [...CATEGORIES]),
      });
    const { caseId } = identified.body;
    // It is there to be leaked: beside her data key, for coordination's linking (never in the event).
    expect(await sql(network, 'SELECT linkage_key AS key FROM privacy_linkage_keys WHERE case_id = $1', [caseId])).toEqual([{ key }]);
    const referred = await network
      .http()
      .post('/v1/referrals')
      .set(auth(ngo))
      .send({ caseId, to: 'refuge-75', service: 'shelter', urgency: 'soon', sharedCategories: [...CATEGORIES] });
    const { referralId, position } = referred.body;
    const answers = [identified, referred];
    for (const partner of [ngo, refuge]) {
      answers.push(await network.http().get(`/v1/cases/${caseId}?minPosition=${position}`).set(auth(partner)));
      answers.push(await network.http().get(`/v1/referrals/${referralId}`).set(auth(partner)));
      answers.push(
        await network
          .http()
          .get(`/v1/inbox?direction=${partner === ngo ? 'sent' : 'received'}&minPosition=${position}`)
          .set(auth(partner)),
      );
    }
    answers.push(await network.http().get(`/v1/cases/${caseId}/access-log`).set(auth(ngo)));
    answers.push(await network.http().get('/v1/organisations').set(auth(refuge)));
    expect(answers.map((a) => a.status)).toEqual([201, 201, 200, 200, 200, 200, 200, 200, 200, 200]);
    expect(answers.find((a) => a.text.includes(FATOU.familyName))).toBeDefined();
    for (const answer of answers) {
      expect(answer.text).not.toContain(key);
      expect(answer.text).not.toMatch(/linkage/i);
    }
  });

  it('gives coordinator, researcher and admin keys no way to open a case, a referral, an inbox or an access log', async () => {
    const { caseId } = await identify(network, ngo, consent(['refuge-75'], ['identity']));
    const { referralId } = await refer(network, ngo, { caseId, to: 'refuge-75', service: 'shelter', sharedCategories: ['identity'] });
    const coordinator = await onboardKeyed(network, { id: 'asso-93', kind: 'ngo', department: '93', services: ['legal'] }, 'coordinator');
    const researcher = await onboardKeyed(network, { id: 'asso-93', kind: 'ngo', department: '93', services: ['legal'] }, 'researcher');
    for (const key of [coordinator.key, researcher.key, network.adminKey]) {
      for (const path of [
        `/v1/cases/${caseId}`,
        `/v1/referrals/${referralId}`,
        '/v1/inbox?direction=sent',
        `/v1/cases/${caseId}/access-log`,
      ]) {
        const response = await network.http().get(path).set(auth(key));
        // The network admin gets the 404 of a route that does not exist; the others a 403 for their role.
        expect([path, response.status]).toEqual([path, key === network.adminKey ? 404 : 403]);
        expect(response.text).not.toContain('Fatou');
      }
    }
  });
});
