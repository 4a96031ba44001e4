import { READ_MODEL } from '@passerelle/database';
import { waitForCheckpoint } from '@passerelle/projections';
import type { DataSource } from 'typeorm';
import { entries, expectValidFhir, fhirClientFor, listening, outcomeCode, type Resource } from './support/fhir';
import { auth, AWA, identifyBody, onboard, type Partner } from './support/fixtures';
import { startTestNetwork, type TestNetwork } from './support/test-network';

/** Every key anywhere in a JSON value. */
const keysOf = (value: unknown): string[] =>
  Array.isArray(value)
    ? value.flatMap(keysOf)
    : typeof value === 'object' && value !== null
      ? Object.entries(value).flatMap(([key, inner]) => [key, ...keysOf(inner)])
      : [];

/**
 * The FHIR R4 facade over HTTP, read back through a real FHIR client (fhir-kit-client), every
 * resource checked against the FHIR R4 JSON schema. The tests build on each other's data.
 */
describe('the FHIR R4 facade (/fhir/r4)', () => {
  let network: TestNetwork;
  let base: string;
  let asso: Partner;
  let hospital: Partner;
  let refuge: Partner;
  let clinic: Partner;
  let caseId: string;
  let consentId: string;
  const referrals: string[] = [];

  const refer = async (message: string) => {
    const response = await network
      .http()
      .post('/v1/referrals')
      .set(auth(asso))
      .send({ caseId, to: 'health-93', service: 'medical', urgency: 'urgent', sharedCategories: ['identity', 'contact'], message });
    expect(response.status).toBe(201);
    referrals.push(response.body.referralId as string);
    return { referralId: response.body.referralId as string, position: BigInt(response.body.position as string) };
  };
  const caughtUp = async (projection: string, position: bigint) =>
    expect(await waitForCheckpoint(network.app.get<DataSource>(READ_MODEL), projection, position, 10_000)).toBe(true);
  const referralAs = async (partner: Partner, referralId: string) =>
    (await network.http().get(`/v1/referrals/${referralId}`).set(auth(partner))).body as Record<string, unknown>;

  beforeAll(async () => {
    network = await startTestNetwork();
    base = await listening(network);
    asso = await onboard(network, { id: 'asso-93', name: 'Association 93', kind: 'ngo', department: '93', services: ['legal'] });
    hospital = await onboard(network, {
      id: 'health-93',
      name: 'Hôpital Avicenne',
      kind: 'health',
      department: '93',
      services: ['medical'],
    });
    refuge = await onboard(network, {
      id: 'refuge-75',
      name: 'Refuge des Lilas',
      kind: 'refuge',
      department: '75',
      services: ['specialised_shelter'],
      contact: { phone: '+33 1 48 00 00 00', email: 'accueil@lilas.example' },
    });
    clinic = await onboard(network, { id: 'clinic-13', kind: 'health', department: '13', services: ['medical'] });
    const declared = await network
      .http()
      .put('/v1/organisations/refuge-75/capacity')
      .set(auth(refuge))
      .send({ service: 'specialised_shelter', total: 12, available: 3 });
    const identified = await network
      .http()
      .post('/v1/cases')
      .set(auth(asso))
      .send(identifyBody(['health-93'], { person: { ...AWA, vulnerability: { notes: 'Threatened by her former employer' } } }));
    expect(identified.status).toBe(201);
    caseId = identified.body.caseId as string;
    await refer('Needs an appointment this week');
    const { position } = await refer('A second need: follow-up');
    await caughtUp('directory', BigInt(declared.body.position as string));
    await caughtUp('inbox', position);
    const consents = await network.http().get(`/v1/cases/${caseId}`).set(auth(asso));
    consentId = (consents.body.consents as { consentId: string }[])[0]!.consentId;
  });
  // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- undefined when beforeAll failed
  afterAll(() => network?.close());

  it('describes itself in a public CapabilityStatement', async () => {
    const statement = await fhirClientFor(base).metadata();
    expect(statement).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.0', kind: 'instance' });
    const served = (statement.rest as { resource: { type: string; interaction: { code: string }[] }[] }[])[0]!.resource;
    expect(served.map((r) => r.type)).toEqual(['Task', 'ServiceRequest', 'Patient', 'Consent', 'Organization', 'HealthcareService']);
    expect(served[0]!.interaction.map((i) => i.code)).toEqual(['read', 'search-type', 'update']);
  });

  it('shows each party a referral as an SDOH referral Task: requested, owned by the receiver, focused on its ServiceRequest', async () => {
    const [referralId] = referrals;
    for (const party of [hospital, asso]) {
      const fhir = fhirClientFor(base, party);
      const task = await fhir.read('Task', referralId!);
      expect(task).toMatchObject({
        resourceType: 'Task',
        id: referralId,
        meta: { versionId: '0' },
        status: 'requested',
        intent: 'order',
        priority: 'asap',
        businessStatus: { coding: [{ code: 'referred' }] },
        code: { coding: [{ system: 'http://hl7.org/fhir/CodeSystem/task-code', code: 'fulfill' }] },
        focus: { reference: `ServiceRequest/${referralId}` },
        for: { reference: `Patient/${caseId}` },
        requester: { reference: 'Organization/asso-93' },
        owner: { reference: 'Organization/health-93' },
      });
      expect(fhir.etag(task)).toBe('W/"0"');
      // A Task holds ids and codes only: nothing about her, no free text.
      expect(JSON.stringify(task)).not.toMatch(/Awa|Diallo|appointment/);
    }
  });

  it('answers anyone else with the 404 OperationOutcome of a referral that does not exist', async () => {
    const stranger = fhirClientFor(base, clinic);
    for (const id of [referrals[0]!, '6b0d5a86-35d7-4b5e-9d0e-3f1e1c9f7a11']) {
      const failure = await stranger.failing(stranger.client.read({ resourceType: 'Task', id }));
      expect(failure.status).toBe(404);
      expect(outcomeCode(failure.outcome)).toBe('REFERRAL.NOT_FOUND');
      expect(failure.outcome).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'not-found' }] });
    }
  });

  it('gives the receiver the ServiceRequest with its message and her safety instructions', async () => {
    const request = await fhirClientFor(base, hospital).read('ServiceRequest', referrals[0]!);
    expect(request).toMatchObject({
      resourceType: 'ServiceRequest',
      status: 'active',
      intent: 'order',
      code: { coding: [{ code: 'medical', display: 'Medical care' }] },
      subject: { reference: `Patient/${caseId}` },
      performer: [{ reference: 'Organization/health-93' }],
      note: [{ text: 'Needs an appointment this week', authorReference: { reference: 'Organization/asso-93' } }],
    });
    expect(request.orderDetail).toEqual([{ text: 'Safe channel: phone' }]);
  });

  it('shows the receiver a Patient with only the categories her consent and the referral share', async () => {
    const patient = await fhirClientFor(base, hospital).read('Patient', caseId);
    expect(patient).toMatchObject({
      id: caseId,
      name: [{ family: 'Diallo', given: ['Awa'] }],
      birthDate: '1994-03-02',
      telecom: [{ system: 'phone', value: '+33600000000' }],
      communication: [{ language: { coding: [{ code: 'fr' }] } }, { language: { coding: [{ code: 'dyu' }] } }],
    });
    expect((patient.meta as { tag: { code: string }[] }).tag.map((t) => t.code)).toEqual(['identity', 'contact']);
    // Vulnerability is in her consent but was not shared with this referral.
    expect(JSON.stringify(patient)).not.toContain('Threatened');
    // The holder sees everything it recorded, its notes as an extension.
    const held = await fhirClientFor(base, asso).read('Patient', caseId);
    expect(JSON.stringify(held.extension)).toContain('Threatened by her former employer');
    // Another partner sees nothing, not even that she exists.
    const stranger = fhirClientFor(base, clinic);
    expect((await stranger.failing(stranger.client.read({ resourceType: 'Patient', id: caseId }))).status).toBe(404);
    // The read is in her access log, as a read of her case through the JSON API would be.
    const log = await network.http().get(`/v1/cases/${caseId}/access-log`).set(auth(asso));
    expect(log.body.entries).toContainEqual(
      expect.objectContaining({ organisationId: 'health-93', via: 'case', categories: ['identity', 'contact'] }),
    );
  });

  it('shows her consent to the holder of her case only', async () => {
    const holder = fhirClientFor(base, asso);
    const found = await holder.search('Consent', { patient: `Patient/${caseId}` });
    expect(entries(found)).toHaveLength(1);
    const consent = await holder.read('Consent', consentId);
    expect(consent).toMatchObject({
      status: 'active',
      patient: { reference: `Patient/${caseId}` },
      organization: [{ reference: 'Organization/asso-93' }],
      provision: {
        type: 'permit',
        actor: [{ reference: { reference: 'Organization/health-93' } }],
        purpose: [{ code: 'referral' }, { code: 'coordination' }],
      },
    });
    const receiver = fhirClientFor(base, hospital);
    expect(entries(await receiver.search('Consent', { patient: `Patient/${caseId}` }))).toEqual([]);
    expect((await receiver.failing(receiver.client.read({ resourceType: 'Consent', id: consentId }))).status).toBe(404);
  });

  it('lists the directory as Organizations and HealthcareServices with declared places, never a location', async () => {
    const fhir = fhirClientFor(base, clinic);
    const organizations = await fhir.search('Organization');
    expect(entries(organizations).map((o) => o.id)).toEqual(['asso-93', 'clinic-13', 'health-93', 'refuge-75']);
    const lilas = await fhir.read('Organization', 'refuge-75');
    expect(lilas).toMatchObject({
      name: 'Refuge des Lilas',
      type: [{ coding: [{ code: 'refuge' }] }],
      telecom: [
        { system: 'phone', value: '+33148000000' },
        { system: 'email', value: 'accueil@lilas.example' },
      ],
    });
    const services = await fhir.search('HealthcareService', { organization: 'Organization/refuge-75' });
    const [shelter] = entries(services);
    expect(shelter).toMatchObject({
      providedBy: { reference: 'Organization/refuge-75' },
      type: [{ coding: [{ code: 'specialised_shelter' }] }],
    });
    expect(JSON.stringify(shelter?.extension)).toContain('"code":"capacity"');
    expect(JSON.stringify(shelter?.extension)).toContain('"valueUnsignedInt":3');
    expect(await fhir.read('HealthcareService', String(shelter?.id))).toEqual(shelter);
    const keys = new Set([...keysOf(entries(organizations)), ...keysOf(entries(await fhir.search('HealthcareService')))]);
    for (const field of ['address', 'location', 'coverageArea', 'position']) expect(keys.has(field)).toBe(false);
  });

  it('searches Tasks by owner, status and _lastUpdated, a page at a time through Bundle.link', async () => {
    const fhir = fhirClientFor(base, hospital);
    const all = await fhir.search('Task', { owner: 'Organization/health-93', status: 'requested' });
    expect(entries(all).map((t) => t.id)).toEqual([...referrals].reverse());
    expect(entries(all).every((t) => t.status === 'requested')).toBe(true);

    const first = await fhir.search('Task', { owner: 'Organization/health-93', _count: '1' });
    expect(first.link.map((l) => l.relation)).toEqual(['self', 'next']);
    const second = await fhir.next(first);
    expect(entries(second!).map((t) => t.id)).toEqual([referrals[0]]);
    expect(second!.link.map((l) => l.relation)).toEqual(['self']);

    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect(entries(await fhir.search('Task', { _lastUpdated: `gt${future}` }))).toEqual([]);
    expect(entries(await fhir.search('Task', { _lastUpdated: 'gt2020-01-01' }))).toHaveLength(2);
    expect(entries(await fhir.search('Task', { status: 'completed' }))).toEqual([]);
    // Another organisation finds none of them, whatever it names.
    expect(entries(await fhirClientFor(base, clinic).search('Task', { owner: 'Organization/health-93' }))).toEqual([]);
  });

  it('accepts and completes a referral through Task updates, the same commands as the JSON API, versioned by If-Match', async () => {
    const fhir = fhirClientFor(base, hospital);
    const referralId = referrals[0]!;
    const task = await fhir.read('Task', referralId);

    const accepted = await fhir.update(
      { ...task, id: referralId, status: 'accepted', statusReason: { text: 'We can see her on Monday' } },
      'W/"0"',
    );
    expect(accepted).toMatchObject({ status: 'accepted', meta: { versionId: '1' }, businessStatus: { coding: [{ code: 'accepted' }] } });
    expect(fhir.etag(accepted)).toBe('W/"1"');
    expect(await referralAs(asso, referralId)).toMatchObject({
      status: 'accepted',
      notes: [{ by: 'health-93', event: 'ReferralAccepted', note: 'We can see her on Monday' }],
    });

    // A client that did not see the acceptance cannot act on the version before it.
    const stale = await fhir.failing(
      fhir.client.update({
        resourceType: 'Task',
        id: referralId,
        body: { ...task, status: 'completed' },
        options: { headers: { 'If-Match': 'W/"0"' } },
      }),
    );
    expect(stale.status).toBe(412);
    expect(outcomeCode(stale.outcome)).toBe('FHIR.VERSION_CONFLICT');

    const completed = await fhir.update(
      {
        ...accepted,
        id: referralId,
        status: 'completed',
        output: [
          {
            type: {
              coding: [
                {
                  system: 'http://hl7.org/fhir/us/sdoh-clinicalcare/CodeSystem/SDOHCC-CodeSystemTemporaryCodes',
                  code: 'resulting-activity',
                },
              ],
            },
            valueCodeableConcept: {
              coding: [{ system: 'https://passerelle.network/fhir/CodeSystem/closure-outcome', code: 'redirected' }],
            },
          },
        ],
      },
      'W/"1"',
    );
    expect(completed).toMatchObject({
      status: 'completed',
      meta: { versionId: '2' },
      businessStatus: { coding: [{ code: 'closed' }], text: 'Closed: redirected' },
      output: [{ valueCodeableConcept: { coding: [{ code: 'redirected' }] } }],
    });
    expect(await referralAs(asso, referralId)).toMatchObject({ status: 'closed', outcome: 'redirected' });
    // Setting the status it already has changes nothing.
    expect(await fhir.update({ ...completed, id: referralId }, 'W/"2"')).toMatchObject({ status: 'completed', meta: { versionId: '2' } });
  });

  it('rejects a referral with its reason, which the sender then reads in the JSON API', async () => {
    const fhir = fhirClientFor(base, hospital);
    const referralId = referrals[1]!;
    const task = await fhir.read('Task', referralId);
    const rejected = await fhir.update({
      ...task,
      id: referralId,
      status: 'rejected',
      statusReason: {
        coding: [{ system: 'https://passerelle.network/fhir/CodeSystem/decline-reason', code: 'no_capacity' }],
        text: 'Full until January',
      },
    });
    expect(rejected).toMatchObject({ status: 'rejected', statusReason: { coding: [{ code: 'no_capacity' }], text: 'No capacity' } });
    expect(await referralAs(asso, referralId)).toMatchObject({
      status: 'declined',
      declineReason: 'no_capacity',
      notes: [{ by: 'health-93', event: 'ReferralDeclined', note: 'Full until January' }],
    });
  });

  it('lets the sender cancel (withdraw) its own referral, and refuses it the receiver’s moves', async () => {
    const { referralId } = await refer('A third need');
    const sender = fhirClientFor(base, asso);
    const task = await sender.read('Task', referralId);
    const refused = await sender.failing(
      sender.client.update({ resourceType: 'Task', id: referralId, body: { ...task, status: 'accepted' } }),
    );
    expect(refused.status).toBe(403);
    expect(outcomeCode(refused.outcome)).toBe('REFERRAL.NOT_RECEIVER');
    expect(await sender.update({ ...task, id: referralId, status: 'cancelled' })).toMatchObject({
      status: 'cancelled',
      statusReason: { text: 'Withdrawn by the referring organisation' },
    });
    expect(await referralAs(asso, referralId)).toMatchObject({ status: 'withdrawn' });
  });

  it('answers a retried update with the same Task and writes nothing twice (Idempotency-Key)', async () => {
    const { referralId } = await refer('A fourth need');
    const task = JSON.stringify({ resourceType: 'Task', id: referralId, status: 'accepted', intent: 'order' });
    const put = () =>
      network
        .http()
        .put(`/fhir/r4/Task/${referralId}`)
        .set(auth(hospital))
        .set({ 'Content-Type': 'application/fhir+json', 'Idempotency-Key': `fhir-accept-${referralId}` })
        .send(task);
    const first = await put();
    const again = await put();
    expect([first.status, again.status]).toEqual([200, 200]);
    expect(again.headers['idempotent-replayed']).toBe('true');
    expect(again.body).toEqual(first.body);
    expectValidFhir(again.body);
    expect(await referralAs(hospital, referralId)).toMatchObject({ status: 'accepted', notes: [{ event: 'ReferralAccepted' }] });
  });

  it('follows her consent as it is now: withdrawn, the receiver reads neither her fields nor the text; erased, she is gone', async () => {
    const withdrawn = await network.http().post(`/v1/cases/${caseId}/consents/${consentId}/withdrawal`).set(auth(asso)).send({});
    expect(withdrawn.status).toBeLessThan(300);
    const receiver = fhirClientFor(base, hospital);
    const patient = await receiver.read('Patient', caseId);
    expect(patient).toEqual({ resourceType: 'Patient', id: caseId, meta: { tag: [] } });
    expect((await receiver.read('ServiceRequest', referrals[0]!)).note).toBeUndefined();
    expect((await receiver.failing(receiver.client.read({ resourceType: 'Consent', id: consentId }))).status).toBe(404);
    expect(await fhirClientFor(base, asso).read('Consent', consentId)).toMatchObject({ status: 'inactive' });

    expect((await network.http().post(`/v1/cases/${caseId}/erasure`).set(auth(asso)).send({})).status).toBeLessThan(300);
    for (const party of [asso, hospital]) {
      const fhir = fhirClientFor(base, party);
      const gone = await fhir.failing(fhir.client.read({ resourceType: 'Patient', id: caseId }));
      expect({ status: gone.status, code: outcomeCode(gone.outcome) }).toEqual({ status: 410, code: 'FHIR.RESOURCE_GONE' });
      expect((await fhir.read('ServiceRequest', referrals[0]!)).note).toBeUndefined();
    }
    // The Tasks stay: the network's history of referrals is not hers.
    expect(await receiver.read('Task', referrals[0]!)).toMatchObject({ status: 'completed' });
  });

  describe('answers bad input with an OperationOutcome and a 4xx, never a 5xx', () => {
    const put = (partner: Partner | null, id: string, body: string, headers: Record<string, string> = {}) => {
      const request = network
        .http()
        .put(`/fhir/r4/Task/${id}`)
        .set({ 'Content-Type': 'application/fhir+json', ...headers });
      return (partner ? request.set(auth(partner)) : request).send(body);
    };
    const expectOutcome = (response: { status: number; headers: Record<string, string>; body: unknown }, status: number, code: string) => {
      expect({ status: response.status, code: outcomeCode(response.body as Resource) }).toEqual({ status, code });
      expect(response.headers['content-type']).toMatch(/^application\/fhir\+json/);
      expectValidFhir(response.body);
    };
    const taskBody = (extra: Record<string, unknown> = {}): string =>
      JSON.stringify({ resourceType: 'Task', id: referrals[2], status: 'accepted', intent: 'order', ...extra });

    const cases: [string, 'hospital' | null, () => string, Record<string, string>, number, string][] = [
      ['no key', null, () => taskBody(), {}, 401, 'AUTH.UNAUTHENTICATED'],
      ['malformed JSON', 'hospital', () => '{"resourceType": "Task",', {}, 400, 'REQUEST.MALFORMED_JSON'],
      [
        'another resource type',
        'hospital',
        () => JSON.stringify({ resourceType: 'Patient', id: referrals[2] }),
        {},
        400,
        'FHIR.INVALID_RESOURCE',
      ],
      ['a status no move makes', 'hospital', () => taskBody({ status: 'in-progress' }), {}, 422, 'FHIR.UNSUPPORTED_TASK_STATUS'],
      ['a new owner', 'hospital', () => taskBody({ owner: { reference: 'Organization/clinic-13' } }), {}, 422, 'FHIR.TASK_FIELD_READ_ONLY'],
      ['a malformed If-Match', 'hospital', () => taskBody(), { 'If-Match': 'yesterday' }, 400, 'FHIR.BAD_IF_MATCH'],
      ['a rejection without a reason', 'hospital', () => taskBody({ status: 'rejected' }), {}, 400, 'FHIR.INVALID_RESOURCE'],
      ['plain text', 'hospital', () => taskBody(), { 'Content-Type': 'text/plain' }, 415, 'FHIR.UNSUPPORTED_MEDIA_TYPE'],
    ];
    it.each(cases)('%s', async (_, who, body, headers, status, code) => {
      expectOutcome(await put(who === null ? null : hospital, referrals[2]!, body(), headers), status, code);
    });

    it('refuses a move from a final status as the JSON API does', async () => {
      expectOutcome(
        await put(hospital, referrals[1]!, JSON.stringify({ resourceType: 'Task', id: referrals[1], status: 'accepted' })),
        409,
        'REFERRAL.INVALID_TRANSITION',
      );
    });

    it('refuses unknown search parameters and bad values rather than ignoring them', async () => {
      const get = (path: string) => network.http().get(path).set(auth(hospital));
      expectOutcome(await get('/fhir/r4/Task?patient=Patient/x'), 400, 'FHIR.UNKNOWN_SEARCH_PARAMETER');
      expectOutcome(await get('/fhir/r4/Task?_lastUpdated=gtyesterday'), 400, 'FHIR.BAD_SEARCH_PARAMETER');
      expectOutcome(await get('/fhir/r4/Task?status=sleeping'), 400, 'FHIR.BAD_SEARCH_PARAMETER');
      expectOutcome(await get('/fhir/r4/Task?_count=0'), 400, 'FHIR.BAD_SEARCH_PARAMETER');
      expectOutcome(await get('/fhir/r4/Task/not%20an%20id'), 400, 'FHIR.BAD_ID');
      expectOutcome(await get('/fhir/r4/Observation'), 404, 'FHIR.UNKNOWN_RESOURCE_TYPE');
      expectOutcome(
        await network.http().delete(`/fhir/r4/Task/${referrals[0]}`).set(auth(hospital)),
        405,
        'FHIR.INTERACTION_NOT_SUPPORTED',
      );
      expectOutcome(await network.http().get('/fhir/r4/Organization').set(auth('psk_not-a-key')), 401, 'AUTH.UNAUTHENTICATED');
    });

    it('answers the service base itself with an OperationOutcome: no batch, transaction or whole-system search', async () => {
      // POST /fhir/r4 (a batch Bundle) and GET /fhir/r4 were the JSON API's application/problem+json.
      const batch = JSON.stringify({ resourceType: 'Bundle', type: 'batch', entry: [] });
      for (const path of ['/fhir/r4', '/fhir/r4/']) {
        expectOutcome(await network.http().get(path).set(auth(hospital)), 405, 'FHIR.INTERACTION_NOT_SUPPORTED');
        expectOutcome(
          await network.http().post(path).set(auth(hospital)).set('Content-Type', 'application/fhir+json').send(batch),
          405,
          'FHIR.INTERACTION_NOT_SUPPORTED',
        );
      }
    });
  });
});
