import { linkageKey, parseLinkageSecret } from '@passerelle/privacy';
import { ALL_PROJECTIONS } from '@passerelle/subscribers';
import { createTestDatabase, type TestDatabase } from '@passerelle/testing';
import { randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { auth } from './support/fixtures';
import { sql, type KeyedPartner } from './support/consent-fixtures';
import { CapturingLogger, dumpDatabase, leaks } from './support/personal-data-scan';
import { startTestNetwork, type TestNetwork } from './support/test-network';

/**
 * "Erasure leaves nothing" (docs/consent-and-privacy.md#how-erasure-works), proved by brute force:
 * every field of every command route the OpenAPI document lists is filled with a marker of its
 * own, and so are the Idempotency-Key and X-Correlation-Id headers; she is erased; then every row
 * of every table of every schema, every log line and every webhook delivery is searched for every
 * marker, in every trivial encoding. Markers about her must be nowhere. Markers in what describes an
 * organisation (its name, its webhook URL) are not about her and must still be found: that proves
 * the search finds what is there.
 *
 * A new command route, or a new string field in a command's body, fails the completeness test below
 * until it is filled here (or listed in NOT_MARKABLE with the reason it cannot hold free text).
 */

/** String fields whose format cannot carry a distinctive marker (ids, codes, instants), by `METHOD /path field`. */
const NOT_MARKABLE: Record<string, string> = {
  'POST /v1/organisations id': 'organisation id: 2–63 lowercase letters, digits, dashes',
  'POST /v1/organisations department': 'département code, from the official list',
  'POST /v1/organisations contact.phone': "an organisation's desk number, stored in E.164: digits",
  'POST /v1/cases person.nationality': 'ISO 3166-1 alpha-2: two letters, sealed in her identity with her names',
  'POST /v1/cases person.languages[]': 'language codes, sealed in her contact category with her phone',
  'POST /v1/cases department': 'département code, from the official list',
  'POST /v1/cases consent.recipients[]': 'organisation ids',
  'POST /v1/cases consent.expiresAt': 'ISO 8601 instant',
  'POST /v1/cases consent.language': 'language code',
  'POST /v1/cases/{caseId}/consents recipients[]': 'organisation ids',
  'POST /v1/cases/{caseId}/consents expiresAt': 'ISO 8601 instant',
  'POST /v1/cases/{caseId}/consents language': 'language code',
  'POST /v1/referrals caseId': 'uuid',
  'POST /v1/referrals to': 'organisation id',
  'POST /v1/referrals respondBy': 'ISO 8601 instant',
  'POST /v1/organisations/{id}/api-keys expiresAt': 'ISO 8601 instant',
  'POST /v1/place-requests caseId': 'uuid',
  'POST /v1/place-requests to[]': 'organisation ids',
  'POST /v1/place-requests respondBy': 'ISO 8601 instant',
  'POST /v1/webhooks/{id}/replay fromPosition': 'a global position: digits',
  'POST /v1/webhooks/{id}/replay since': 'ISO 8601 instant',
  'POST /v1/research/queries filters.from': 'a month, YYYY-MM',
  'POST /v1/research/queries filters.to': 'a month, YYYY-MM',
};

/** Distinctive strings, one per field sent; each with the forms a careless system could write it in. */
class Markers {
  readonly byField = new Map<string, string[]>();
  /** Markers that describe an organisation, not her: they must still be found after her erasure. */
  readonly organisational = new Set<string>();

  /** A fresh marker for `field` (e.g. `POST /v1/cases person.givenName`). */
  of(field: string, needles?: string[]): string {
    const marker = `Mk${String(this.byField.size).padStart(2, '0')}q${randomBytes(4).toString('hex')}`;
    this.byField.set(field, [...(this.byField.get(field) ?? []), ...(needles ?? [marker])]);
    return needles?.[0] ?? marker;
  }

  /** A marker for a field about an organisation, expected to outlive her erasure. */
  ofOrganisation(field: string): string {
    const marker = this.of(field);
    this.organisational.add(field);
    return marker;
  }

  about(predicate: (field: string) => boolean): string[] {
    return [...this.byField].filter(([field]) => predicate(field)).flatMap(([, needles]) => needles);
  }
}

type Method = 'post' | 'put' | 'delete';

describe('erasure leaves nothing of what was typed about her', () => {
  const logger = new CapturingLogger();
  const markers = new Markers();
  /** `METHOD /openapi/path` → the bodies sent to it. */
  const sent = new Map<string, unknown[]>();
  const deliveries: string[] = [];
  let restoreConsole: () => void;
  let restoreStdout: () => void;
  let database: TestDatabase;
  let network: TestNetwork;
  let openApi: OpenApi;
  let receiver: Server;
  let ngo: KeyedPartner;
  let refuge: KeyedPartner;
  let researcher: KeyedPartner;
  let caseId: string;
  const referrals: string[] = [];

  /** Sends one command with markers in its headers, remembering which route (as OpenAPI names it) it was. */
  async function command(who: KeyedPartner | string, method: Method, template: string, path: string, body?: object) {
    const route = `${method.toUpperCase()} ${template}`;
    sent.set(route, [...(sent.get(route) ?? []), body]);
    let request = network
      .http()
      [method](path)
      .set(auth(typeof who === 'string' ? who : who.key))
      .set('Idempotency-Key', markers.of(`${route} Idempotency-Key`))
      .set('X-Correlation-Id', markers.of(`${route} X-Correlation-Id`));
    if (body !== undefined) request = request.send(body);
    return request;
  }

  const expectStatus = async (response: Promise<{ status: number; text: string }>, status: number) => {
    const answer = await response;
    expect({ status: answer.status, text: answer.text }).toEqual({ status, text: expect.any(String) as string });
    return answer as unknown as { status: number; body: Record<string, unknown> };
  };

  beforeAll(async () => {
    restoreConsole = logger.captureConsole();
    restoreStdout = logger.captureStdout();
    database = await createTestDatabase('e2e_erasure_markers');
    network = await startTestNetwork({ logLevel: 'trace' }, { logger, database });
    openApi = (await network.http().get('/docs-json')).body as OpenApi;
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      request.on('end', () => {
        deliveries.push(`${request.url ?? ''}\n${JSON.stringify(request.headers)}\n${body}`);
        response.writeHead(204).end();
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    receiver.close();
    await network.close();
    await database.drop();
    restoreStdout();
    restoreConsole();
  });

  it('fills every field of every command with a marker, and she is readable before her erasure', async () => {
    const admin = network.adminKey;
    const organisation = (id: string, kind: string, services: string[]) =>
      expectStatus(
        command(admin, 'post', '/v1/organisations', '/v1/organisations', {
          id,
          name: markers.ofOrganisation('POST /v1/organisations name'),
          kind,
          department: '93',
          services,
          contact: { phone: '+33148000000', email: `${markers.ofOrganisation('POST /v1/organisations contact.email')}@example.org` },
        }),
        201,
      );
    await organisation('asso-93', 'ngo', ['legal']);
    await organisation('refuge-93', 'refuge', ['shelter', 'specialised_shelter']);
    await organisation('refuge-94', 'refuge', ['shelter']);
    await organisation('lab-93', 'ngo', ['legal']);
    const key = async (organisationId: string, role: string): Promise<KeyedPartner> => {
      const issued = await expectStatus(
        command(admin, 'post', '/v1/organisations/{id}/api-keys', `/v1/organisations/${organisationId}/api-keys`, {
          role,
          label: markers.ofOrganisation('POST /v1/organisations/{id}/api-keys label'),
        }),
        201,
      );
      return { id: organisationId, key: issued.body.key as string, keyId: issued.body.keyId as string };
    };
    ngo = await key('asso-93', 'partner');
    refuge = await key('refuge-93', 'partner');
    researcher = await key('lab-93', 'researcher');
    // An organisation's people and keys: staff addresses and key labels describe it, not her.
    const spareKey = await key('lab-93', 'partner');
    await expectStatus(
      command(admin, 'delete', '/v1/organisations/{id}/api-keys/{keyId}', `/v1/organisations/lab-93/api-keys/${spareKey.keyId}`),
      204,
    );
    const invited = await expectStatus(
      command(admin, 'post', '/v1/organisations/{id}/members', '/v1/organisations/lab-93/members', {
        email: `${markers.ofOrganisation('POST /v1/organisations/{id}/members email')}@lab-93.example`,
        role: 'org_admin',
      }),
      201,
    );
    const member = `/v1/organisations/lab-93/members/${String(invited.body.personId)}`;
    await expectStatus(
      command(admin, 'put', '/v1/organisations/{id}/members/{personId}/role', `${member}/role`, { role: 'org_admin' }),
      200,
    );
    await expectStatus(command(admin, 'delete', '/v1/organisations/{id}/members/{personId}', member), 204);
    await expectStatus(
      command(refuge, 'put', '/v1/organisations/{id}/capacity', '/v1/organisations/refuge-93/capacity', {
        service: 'shelter',
        total: 12,
        available: 3,
      }),
      200,
    );

    // Webhooks: the endpoint's URL is the organisation's own configuration, kept after her erasure.
    const url = (field: string) =>
      `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/${markers.ofOrganisation(`POST /v1/webhooks ${field}`)}`;
    const hook = await expectStatus(command(refuge, 'post', '/v1/webhooks', '/v1/webhooks', { url: url('url'), events: ['*'] }), 201);
    const spare = await expectStatus(command(refuge, 'post', '/v1/webhooks', '/v1/webhooks', { url: url('url'), events: ['*'] }), 201);
    await expectStatus(
      command(refuge, 'post', '/v1/webhooks/{id}/secret-rotation', `/v1/webhooks/${String(hook.body.id)}/secret-rotation`, {
        overlapSeconds: 60,
      }),
      201,
    );
    await expectStatus(command(refuge, 'delete', '/v1/webhooks/{id}', `/v1/webhooks/${String(spare.body.id)}`), 204);

    const her = (field: string, needles?: string[]) => markers.of(`POST /v1/cases person.${field}`, needles);
    const notes = (category: string) => her(`${category}.notes`);
    const identified = await expectStatus(
      command(ngo, 'post', '/v1/cases', '/v1/cases', {
        person: {
          givenName: her('givenName'),
          familyName: her('familyName'),
          birthDate: her('birthDate', ['1987-04-19', '19/04/1987', '19870419']),
          nationality: 'ML',
          languages: ['fr', 'bm'],
          phone: her('phone', ['+33791357246', '0791357246', '791357246']),
          email: `${her('email')}@example.org`,
          health: { notes: notes('health') },
          legal: { residenceStatus: her('legal.residenceStatus'), notes: notes('legal') },
          vulnerability: { notes: notes('vulnerability') },
          children: { count: 2, notes: notes('children') },
        },
        level: 'presumed',
        indicators: ['trafficking_sexual'],
        department: '93',
        ageBand: '35-44',
        safety: { doNotContact: false, safeChannel: 'sms' },
        consent: {
          recipients: ['refuge-93'],
          categories: ['identity', 'contact', 'health', 'legal', 'vulnerability', 'children'],
          purposes: ['referral', 'coordination', 'research'],
          expiresAt: '2030-01-01T00:00:00Z',
          method: 'written',
          language: 'fr',
        },
      }),
      201,
    );
    caseId = identified.body.caseId as string;
    // Her pseudonym (docs/adr/0011-linkage-keys-outside-the-events.md) is a trace of her too.
    const names = (field: string) => markers.byField.get(`POST /v1/cases person.${field}`)?.[0] ?? '';
    markers.byField.set('her linkage key', [
      linkageKey(parseLinkageSecret(network.settings.linkageKey), {
        familyName: names('familyName'),
        givenNames: names('givenName'),
        birthDate: names('birthDate'),
      }),
    ]);
    const consentsOfHer = `/v1/cases/${caseId}/consents`;
    const second = await expectStatus(
      command(ngo, 'post', '/v1/cases/{caseId}/consents', consentsOfHer, {
        recipients: ['any_referral_recipient'],
        categories: ['identity'],
        purposes: ['referral'],
        expiresAt: null,
        method: 'verbal',
        language: 'fr',
      }),
      201,
    );
    // A place request to two shelters (its message sealed once, carried by both referrals), then cancelled.
    const placeRequest = await expectStatus(
      command(ngo, 'post', '/v1/place-requests', '/v1/place-requests', {
        caseId,
        to: ['refuge-93', 'refuge-94'],
        service: 'shelter',
        urgency: 'urgent',
        sharedCategories: ['identity'],
        message: markers.of('POST /v1/place-requests message'),
        respondBy: '2030-01-01T00:00:00Z',
      }),
      201,
    );
    const cancellation = `/v1/place-requests/${String(placeRequest.body.placeRequestId)}/cancellation`;
    await expectStatus(command(ngo, 'post', '/v1/place-requests/{id}/cancellation', cancellation), 200);
    const withdrawal = `${consentsOfHer}/${String(second.body.consentId)}/withdrawal`;
    await expectStatus(
      command(ngo, 'post', '/v1/cases/{caseId}/consents/{consentId}/withdrawal', withdrawal, {
        reason: markers.of('POST /v1/cases/{caseId}/consents/{consentId}/withdrawal reason'),
      }),
      200,
    );

    const refer = async (service: string) => {
      const made = await expectStatus(
        command(ngo, 'post', '/v1/referrals', '/v1/referrals', {
          caseId,
          to: 'refuge-93',
          service,
          urgency: 'urgent',
          sharedCategories: ['identity', 'contact', 'vulnerability'],
          message: markers.of('POST /v1/referrals message'),
          respondBy: '2030-01-01T00:00:00Z',
        }),
        201,
      );
      referrals.push(made.body.referralId as string);
      return made.body.referralId as string;
    };
    const move = (who: KeyedPartner, referralId: string, step: string, body: Record<string, unknown>) =>
      expectStatus(
        command(who, 'post', `/v1/referrals/{id}/${step}`, `/v1/referrals/${referralId}/${step}`, {
          ...body,
          note: markers.of(`POST /v1/referrals/{id}/${step} note`),
        }),
        200,
      );
    const served = await refer('specialised_shelter');
    await move(refuge, served, 'acceptance', {});
    await move(refuge, served, 'closure', { outcome: 'service_provided' });
    await move(refuge, await refer('shelter'), 'decline', { reason: 'no_capacity' });
    await move(ngo, await refer('shelter'), 'withdrawal', { reason: 'sent_in_error' });

    await expectStatus(
      command(refuge, 'post', '/v1/webhooks/{id}/replay', `/v1/webhooks/${String(hook.body.id)}/replay`, { fromPosition: '0' }),
      202,
    );
    // A query, but a POST: whatever it is sent must not stay either (its unknown values are refused).
    const research = (field: string) => markers.of(`POST /v1/research/queries filters.${field}`);
    const query = await command(researcher, 'post', '/v1/research/queries', '/v1/research/queries', {
      unit: 'cases',
      groupBy: ['region'],
      measures: ['count'],
      filters: {
        from: '2026-01',
        to: '2026-12',
        region: research('region'),
        organisationKind: research('organisationKind'),
        receiverKind: research('receiverKind'),
        service: research('service'),
        indicatorSet: research('indicatorSet'),
        ageBand: research('ageBand'),
        outcome: research('outcome'),
        delayBand: research('delayBand'),
      },
      epsilon: 0.5,
    });
    expect(query.status).toBeLessThan(500);

    // Everything typed about her was stored, and reads back, before her erasure.
    const herCase = await network.http().get(`/v1/cases/${caseId}`).set(auth(ngo));
    const herReferral = await network.http().get(`/v1/referrals/${served}`).set(auth(refuge));
    const readable = herCase.text + herReferral.text;
    for (const field of [...markers.byField.keys()].filter((f) => f.startsWith('POST /v1/cases person.'))) {
      expect({ field, readable: (markers.byField.get(field) ?? []).some((needle) => readable.includes(needle)) }).toEqual({
        field,
        readable: true,
      });
    }
    expect(readable).toContain(markers.byField.get('POST /v1/cases/{caseId}/consents/{consentId}/withdrawal reason')?.[0]);
    expect(herReferral.body).toMatchObject({ message: expect.stringMatching(/^Mk/) as string });
    expect((herReferral.body as { notes: { note: string }[] }).notes.map((n) => n.note)).toEqual([
      expect.stringMatching(/^Mk/),
      expect.stringMatching(/^Mk/),
    ]);
  });

  it('erases her', async () => {
    const erased = await expectStatus(command(ngo, 'post', '/v1/cases/{caseId}/erasure', `/v1/cases/${caseId}/erasure`), 200);
    expect(erased.body).toMatchObject({ caseId, erased: true });
    await caughtUp();
    for (let attempt = 0; deliveries.length < 3 && attempt < 400; attempt++) await new Promise((resolve) => setTimeout(resolve, 50));
    expect(deliveries.length).toBeGreaterThanOrEqual(3);
  });

  it('sent every command route of the OpenAPI document, with a marker in every string field that can hold one', () => {
    const commands = Object.entries(openApi.paths).flatMap(([path, operations]) =>
      Object.entries(operations)
        .filter(([method]) => ['post', 'put', 'patch', 'delete'].includes(method) && path.startsWith('/v1/'))
        .map(([method, operation]) => ({ route: `${method.toUpperCase()} ${path}`, operation })),
    );
    expect(commands.map((c) => c.route).filter((route) => !sent.has(route))).toEqual([]);
    const unfilled = commands.flatMap(({ route, operation }) =>
      stringFields(openApi, operation).flatMap((field) => {
        if (`${route} ${field}` in NOT_MARKABLE) return [];
        const filled = (sent.get(route) ?? []).some((body) =>
          valuesAt(body, field).some((value) => (markers.byField.get(`${route} ${field}`) ?? []).some((needle) => value.includes(needle))),
        );
        return filled ? [] : [`${route} ${field}`];
      }),
    );
    expect(unfilled).toEqual([]);
  });

  it('leaves no marker about her in any table of any schema, any log line or any webhook delivery', async () => {
    const dump = await dumpDatabase(database.url);
    expect([...dump.keys()]).toEqual(
      expect.arrayContaining([
        'public.es_events',
        'public.idempotency_records',
        'public.privacy_linkage_keys',
        'public.webhook_deliveries',
      ]),
    );
    // Both the application's own lines and the request lines written to standard output were kept.
    expect(logger.lines.some((line) => line.startsWith('stdout ') && line.includes('"path":"/v1/cases"'))).toBe(true);
    expect(logger.lines.some((line) => !line.startsWith('stdout '))).toBe(true);
    const sources = new Map([...dump, ['application log', logger.lines.join('\n')], ['webhook deliveries', deliveries.join('\n')]]);
    const fieldOf = (needle: string) => [...markers.byField].find(([, needles]) => needles.includes(needle))?.[0] ?? needle;
    const about = leaks(
      sources,
      markers.about((field) => !markers.organisational.has(field)),
    );
    expect(Object.fromEntries(Object.entries(about).map(([source, needles]) => [source, needles.map(fieldOf)]))).toEqual({});
    // The search does find what is there: the organisations' own names and endpoints outlive her erasure.
    const found = leaks(
      sources,
      markers.about((field) => markers.organisational.has(field)),
    );
    expect(Object.keys(found)).toEqual(expect.arrayContaining(['public.directory_organisations', 'public.webhook_endpoints']));
  });

  /** Polls (no timing assertion) until every projection's checkpoint reaches the head of the store. */
  async function caughtUp(): Promise<void> {
    const [head] = await sql<{ position: string }>(network, 'SELECT max(global_position)::text AS position FROM es_events');
    const names = ALL_PROJECTIONS.map((p) => p.name);
    for (let attempt = 0; attempt < 600; attempt++) {
      const rows = await sql<{ name: string; position: string }>(network, 'SELECT name, position::text FROM projection_checkpoints');
      if (names.every((name) => rows.some((r) => r.name === name && BigInt(r.position) >= BigInt(head?.position ?? '0')))) return;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    throw new Error(`projections did not catch up with position ${head?.position ?? '?'}`);
  }
});

interface Schema {
  $ref?: string;
  type?: string;
  enum?: unknown[];
  properties?: Record<string, Schema>;
  items?: Schema;
  allOf?: Schema[];
}
interface Operation {
  requestBody?: { content?: Record<string, { schema?: Schema }> };
}
interface OpenApi {
  paths: Record<string, Record<string, Operation>>;
  components?: { schemas?: Record<string, Schema> };
}

/** Every string field of an operation's JSON body that is not a closed vocabulary (`a.b`, `list[]`). */
function stringFields(document: OpenApi, operation: Operation): string[] {
  const resolve = (schema: Schema): Schema =>
    schema.$ref ? resolve(document.components?.schemas?.[schema.$ref.replace('#/components/schemas/', '')] ?? {}) : schema;
  const walk = (raw: Schema, path: string): string[] => {
    const schema = resolve(raw);
    if (schema.enum) return [];
    const merged = (schema.allOf ?? []).flatMap((part) => walk(part, path));
    if (schema.type === 'string') return [path];
    if (schema.type === 'array' && schema.items) return walk(schema.items, `${path}[]`);
    const properties = Object.entries(schema.properties ?? {}).flatMap(([name, child]) => walk(child, path ? `${path}.${name}` : name));
    return [...merged, ...properties];
  };
  const body = operation.requestBody?.content?.['application/json']?.schema;
  return body ? walk(body, '') : [];
}

/** The string values found at `field` (`a.b`, `list[]`) of a body. */
function valuesAt(body: unknown, field: string): string[] {
  const [head, ...rest] = field.split('.');
  if (head === undefined || body === null || typeof body !== 'object') return [];
  const name = head.replace(/\[\]$/, '');
  const value = (body as Record<string, unknown>)[name];
  const values = head.endsWith('[]') && Array.isArray(value) ? (value as unknown[]) : [value];
  return values.flatMap((v) => (rest.length ? valuesAt(v, rest.join('.')) : typeof v === 'string' ? [v] : []));
}
