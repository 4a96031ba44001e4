import { Keyring, linkageKey, parseLinkageSecret, parseMasterKey } from '@passerelle/privacy';
import { READ_MODEL_ENTITIES } from '@passerelle/projections';
import { ALL_PROJECTIONS } from '@passerelle/subscribers';
import { createTestDatabase, type TestDatabase } from '@passerelle/testing';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Pool } from 'pg';
import { ageBandOf, auth } from './support/fixtures';
import { consent, identify, inbox, itemFor, onboardKeyed, refer, sql, type KeyedPartner } from './support/consent-fixtures';
import { CapturingLogger, dumpDatabase, findPersonalData, leaks } from './support/personal-data-scan';
import { startTestNetwork, type TestNetwork } from './support/test-network';

const ZAINABOU = {
  givenName: 'Zaïnabou',
  familyName: 'Quennecourt-Ybarra',
  birthDate: '1987-11-23',
  nationality: 'ML',
  phone: '+33781429653',
  email: 'z.quennecourt@example.org',
  languages: ['fr', 'bm'],
  health: { notes: 'Zaïnabou keeps her insulin at the Oberkampf pharmacy' },
  vulnerability: { notes: 'Her trafficker Xerxès Vandermolen watches the Gare du Nord' },
};
/** Her name, phone and birth date in the forms a careless system would write them, plus her free texts. */
const NEEDLES = [
  'Zaïnabou',
  'Quennecourt',
  'Ybarra',
  '+33781429653',
  '0781429653',
  '781429653',
  '1987-11-23',
  '23/11/1987',
  '19871123',
  'Oberkampf',
  'Vandermolen',
  'Sabliers',
];

/**
 * Crypto-shredding end to end (issue 3, item 4): after her erasure, no table, no log line and no
 * projection rebuilt from position 0 holds her name, phone or birth date in any readable form.
 */
describe('erasing a woman', () => {
  const keys = { masterKey: randomBytes(32).toString('base64'), linkageKey: randomBytes(32).toString('base64'), logLevel: 'trace' };
  const logger = new CapturingLogger();
  let restoreConsole: () => void;
  let restoreStdout: () => void;
  let database: TestDatabase;
  let network: TestNetwork;
  let ngo: KeyedPartner;
  let refuge: KeyedPartner;
  let clinic: KeyedPartner;
  let caseId: string;
  let controlCase: string;
  let toRefuge: string;
  let toClinic: string;
  let erasedAt: string;
  /** Every webhook delivery the refuge's system received, headers and body. */
  const deliveries: string[] = [];
  let receiver: Server;

  beforeAll(async () => {
    restoreConsole = logger.captureConsole();
    restoreStdout = logger.captureStdout();
    database = await createTestDatabase('e2e_erasure');
    network = await startTestNetwork(keys, { logger, database });
    ngo = await onboardKeyed(network, { id: 'asso-93', kind: 'ngo', department: '93', services: ['legal'] });
    refuge = await onboardKeyed(network, { id: 'refuge-75', kind: 'refuge', department: '75', services: ['specialised_shelter'] });
    clinic = await onboardKeyed(network, { id: 'health-93', kind: 'health', department: '93', services: ['medical'] });
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        deliveries.push(`${JSON.stringify(request.headers)}\n${body}`);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
    const hook = await post(refuge, '/v1/webhooks', {
      url: `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/passerelle`,
      events: ['*'],
    });
    expect(hook.status).toBe(201);
  });
  afterAll(async () => {
    receiver.close();
    await network.close();
    await database.drop();
    restoreStdout();
    restoreConsole();
  });

  const post = (partner: KeyedPartner, path: string, body: object, idempotencyKey?: string) => {
    const request = network.http().post(path).set(auth(partner));
    return (idempotencyKey ? request.set('Idempotency-Key', idempotencyKey) : request).send(body);
  };

  it('the scanner finds her in plain, accent-free, JSON-escaped, base64, base64url and hex forms', () => {
    const json = JSON.stringify({ n: 'Zaïnabou' });
    for (const form of [
      'x Zaïnabou y',
      'ZAINABOU',
      'Za\\u00efnabou',
      Buffer.from(json).toString('base64'),
      `v1.${Buffer.from(`!${json}`).toString('base64url')}`,
      `"\\\\x${Buffer.from(json).toString('hex')}"`,
    ]) {
      expect(findPersonalData(form, NEEDLES)).toEqual(['Zaïnabou']);
    }
    expect(findPersonalData(`v1.${randomBytes(48).toString('base64url')}`, NEEDLES)).toEqual([]);
  });

  it('identifies, refers, accepts, annotates and reads her file, as partners would', async () => {
    const identified = await post(
      ngo,
      '/v1/cases',
      {
        person: ZAINABOU,
        level: 'presumed',
        indicators: ['trafficking_sexual', 'urgent_health'],
        department: '93',
        ageBand: ageBandOf(ZAINABOU),
        safety: { doNotContact: false, safeChannel: 'sms' },
        consent: consent(['refuge-75', 'health-93'], ['identity', 'contact', 'health', 'vulnerability'], ['referral', 'coordination']),
      },
      'identify-case-0001',
    );
    expect(identified.status).toBe(201);
    caseId = identified.body.caseId;
    controlCase = (await identify(network, ngo, consent(['refuge-75'], ['identity']), { givenName: 'Mariam', familyName: 'Sabliers' }))
      .caseId;
    await refer(network, ngo, { caseId: controlCase, to: 'refuge-75', service: 'specialised_shelter', sharedCategories: ['identity'] });

    toRefuge = (
      await post(
        ngo,
        '/v1/referrals',
        {
          caseId,
          to: 'refuge-75',
          service: 'specialised_shelter',
          urgency: 'urgent',
          sharedCategories: ['identity', 'contact', 'vulnerability'],
          message: 'Zaïnabou Quennecourt-Ybarra needs a place tonight',
        },
        'refer-case-0001',
      )
    ).body.referralId;
    expect((await post(refuge, `/v1/referrals/${toRefuge}/acceptance`, { note: 'Zaïnabou is in room 12, call +33781429653' })).status).toBe(
      200,
    );
    expect(
      (await post(refuge, `/v1/referrals/${toRefuge}/closure`, { outcome: 'service_provided', note: 'Zaïnabou left for Lyon' })).status,
    ).toBe(200);
    toClinic = (
      await refer(network, ngo, {
        caseId,
        to: 'health-93',
        service: 'medical',
        sharedCategories: ['health'],
        message: 'Insulin for Zaïnabou',
      })
    ).referralId;
    const declined = await post(clinic, `/v1/referrals/${toClinic}/decline`, { reason: 'no_capacity', note: 'No room for Zaïnabou' });
    expect(declined.status).toBe(200);

    // Her data was there and readable: the rest of the test is about it disappearing.
    expect((await network.http().get(`/v1/referrals/${toRefuge}`).set(auth(refuge))).body.person.familyName).toBe('Quennecourt-Ybarra');
    expect(itemFor(await inbox(network, clinic, 'received', declined.body.position), toClinic)?.person).toEqual({
      health: ZAINABOU.health,
      categories: ['health'],
    });
    expect((await network.http().get(`/v1/cases/${caseId}`).set(auth(ngo))).body.person.phone).toBe(ZAINABOU.phone);
  });

  it('erases her at the holder’s request: her data key is destroyed and PersonErased recorded', async () => {
    // Her pseudonym was kept for coordination until now: afterwards no table may hold it.
    expect(await sql(network, 'SELECT linkage_key FROM privacy_linkage_keys WHERE case_id = $1', [caseId])).toEqual([
      { linkage_key: herLinkageKey() },
    ]);
    const erased = await post(ngo, `/v1/cases/${caseId}/erasure`, {}, 'erase-case-0001');
    expect(erased.status).toBe(200);
    expect(erased.body).toMatchObject({ caseId, erased: true });
    erasedAt = erased.body.position;
    const [key] = await sql<{ wrapped_key: Buffer | null; destroyed_at: Date | null }>(
      network,
      'SELECT wrapped_key, destroyed_at FROM privacy_case_keys WHERE case_id = $1',
      [caseId],
    );
    expect(key).toEqual({ wrapped_key: null, destroyed_at: expect.any(Date) });
    const types = await sql<{ type: string }>(network, 'SELECT type FROM es_events WHERE stream_name = $1 ORDER BY stream_revision', [
      `case-${caseId}`,
    ]);
    expect(types.map((t) => t.type)).toEqual(['PersonIdentified', 'ConsentGranted', 'PersonErased']);
  });

  it('leaves no way to open her sealed fields, even with the master key', async () => {
    const [identified] = await sql<{ personal: Record<string, string> }>(
      network,
      `SELECT data->'personal' AS personal FROM es_events WHERE stream_name = $1 AND type = 'PersonIdentified'`,
      [`case-${caseId}`],
    );
    const pool = new Pool({ connectionString: database.url, max: 1 });
    try {
      expect(
        await new Keyring(pool, parseMasterKey(keys.masterKey)).openPersonal(caseId, identified?.personal ?? {}, [
          'identity',
          'contact',
          'health',
        ]),
      ).toBeNull();
    } finally {
      await pool.end();
    }
  });

  it('shows every party the referrals and the case as erased, with no personal field', async () => {
    const views = [
      await network.http().get(`/v1/cases/${caseId}`).set(auth(ngo)),
      await network.http().get(`/v1/cases/${caseId}`).set(auth(refuge)),
      await network.http().get(`/v1/referrals/${toRefuge}`).set(auth(refuge)),
      await network.http().get(`/v1/referrals/${toRefuge}`).set(auth(ngo)),
      await network.http().get(`/v1/referrals/${toClinic}`).set(auth(clinic)),
    ];
    for (const view of views) {
      expect(view.status).toBe(200);
      expect(view.body).toMatchObject({ person: null, erased: true });
      expect(findPersonalData(view.text, NEEDLES)).toEqual([]);
    }
    expect(views[2]?.body).toMatchObject({
      status: 'closed',
      message: null,
      notes: [expect.objectContaining({ note: null }), expect.objectContaining({ note: null })],
    });
    for (const [partner, direction] of [
      [refuge, 'received'],
      [clinic, 'received'],
      [ngo, 'sent'],
    ] as const) {
      const items = (await inbox(network, partner, direction, erasedAt)).filter((item) => item.caseId === caseId);
      expect(items.length).toBeGreaterThan(0);
      for (const item of items) expect(item).toMatchObject({ person: null, erased: true });
      expect(findPersonalData(JSON.stringify(items), NEEDLES)).toEqual([]);
    }
  });

  it('leaves her name, phone and birth date in no table, no log line and no webhook delivery', async () => {
    // The refuge's system was told of its referral's three moves (made, accepted, closed).
    for (let attempt = 0; deliveries.length < 3 && attempt < 400; attempt++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(deliveries.length).toBeGreaterThanOrEqual(3);
    expect(deliveries.join('\n')).toContain(toRefuge);
    const dump = await dumpDatabase(database.url);
    expect([...dump.keys()]).toEqual(
      expect.arrayContaining([
        'public.es_events',
        'public.privacy_case_keys',
        'public.inbox_cases',
        'public.inbox_referrals',
        'public.idempotency_records',
        'public.privacy_access_log',
        'public.projection_checkpoints',
        'public.api_keys',
      ]),
    );
    expect(dump.get('public.idempotency_records')).toContain(caseId);
    expect(logger.lines.length).toBeGreaterThan(0);
    const sources = new Map([...dump, ['application log', logger.lines.join('\n')], ['webhook deliveries', deliveries.join('\n')]]);
    expect(leaks(sources, NEEDLES)).toEqual({});
    expect(tablesHolding(dump, herLinkageKey())).toEqual([]);
  });

  it('yields no personal field for her when every projection is rebuilt from position 0', async () => {
    await network.close();
    for (const entity of READ_MODEL_ENTITIES) await sql(network, `TRUNCATE "${entity.options.tableName}"`);
    await sql(network, 'DELETE FROM projection_checkpoints');
    network = await startTestNetwork(keys, { logger, database });
    await caughtUp();

    expect(await sql(network, 'SELECT personal_sealed, erased FROM inbox_cases WHERE case_id = $1', [caseId])).toEqual([
      { personal_sealed: null, erased: true },
    ]);
    const items = await inbox(network, refuge, 'received', '0');
    expect(items.find((item) => item.caseId === caseId)).toMatchObject({
      referralId: toRefuge,
      status: 'closed',
      person: null,
      erased: true,
    });
    // The rebuild really ran: the woman who was not erased is back, readable.
    expect(items.find((item) => item.caseId === controlCase)?.person).toMatchObject({ familyName: 'Sabliers' });
    const dump = await dumpDatabase(database.url);
    expect(
      leaks(
        new Map([...dump, ['application log', logger.lines.join('\n')]]),
        NEEDLES.filter((n) => n !== 'Sabliers'),
      ),
    ).toEqual({});
    expect(tablesHolding(dump, herLinkageKey())).toEqual([]);
  });

  /**
   * Her linkage key (an HMAC of her names and birth date) is kept beside her data key, never in an
   * event (docs/adr/0011-linkage-keys-outside-the-events.md): erasure deletes it, so no table holds it
   * afterwards and she can no longer be linked to another identification.
   */
  const herLinkageKey = () =>
    linkageKey(parseLinkageSecret(keys.linkageKey), {
      familyName: ZAINABOU.familyName,
      givenNames: ZAINABOU.givenName,
      birthDate: ZAINABOU.birthDate,
    });
  const tablesHolding = (dump: Map<string, string>, value: string) =>
    [...dump].filter(([, text]) => text.includes(value)).map(([table]) => table);

  /** Polls (no timing assertion) until every projection's checkpoint reaches the head of the store. */
  async function caughtUp(): Promise<void> {
    const [head] = await sql<{ position: string }>(network, 'SELECT max(global_position)::text AS position FROM es_events');
    const names = ALL_PROJECTIONS.map((p) => p.name);
    for (let attempt = 0; attempt < 600; attempt++) {
      const rows = await sql<{ name: string; position: string }>(network, 'SELECT name, position::text FROM projection_checkpoints');
      const done = names.every((name) => rows.some((r) => r.name === name && BigInt(r.position) >= BigInt(head?.position ?? '0')));
      if (done) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`projections did not catch up with position ${head?.position}`);
  }
});
