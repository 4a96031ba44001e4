import fc from 'fast-check';
import { Client } from 'pg';
import { auth, identifyBody, onboard } from './support/fixtures';
import {
  junkString,
  junkValue,
  rawJunkBody,
  requiredPaths,
  routesOf,
  submittedStrings,
  valueOf,
  without,
  type Drawing,
  type Hints,
  type OpenApiDocument,
  type Route,
} from './support/openapi-arbitraries';
import { startTestNetwork, type TestNetwork } from './support/test-network';

/** Fixed, so that a failure is replayed as it happened; bounded, so the suite stays well under a minute. */
const SEED = 20261122;
const RUNS_PER_ROUTE = 40;
const RUNS_PER_MISSING_MEMBER = 4;

type Body = { kind: 'none' } | { kind: 'json'; value: unknown } | { kind: 'raw'; text: string; type: string };
interface Attempt {
  pathValues: string[];
  query: Record<string, string>;
  body: Body;
  key: string | null;
  idempotencyKey: string | null;
}

/**
 * Issue 12, deliverable 2: every route and method the OpenAPI document lists (/docs-json), fed
 * requests shaped by its schemas, junk in every place (path, query, body, headers) and bodies no
 * encoder writes; and each body with one required member left out, at any depth. Whatever arrives: never a 5xx; a refusal is a problem document, appends no event
 * and repeats nothing that was sent.
 */
describe('every route of the OpenAPI document, under valid-shaped and junk input', () => {
  let network: TestNetwork;
  let events: Client;
  let document: OpenApiDocument;
  let vocabulary: string;
  const keys: Record<'admin' | 'ngo' | 'refuge' | 'coordinator' | 'researcher', string> = {
    admin: '',
    ngo: '',
    refuge: '',
    coordinator: '',
    researcher: '',
  };
  const ids = { caseId: '', consentId: '', referralId: '', webhookId: '' };

  beforeAll(async () => {
    network = await startTestNetwork();
    keys.admin = network.adminKey;
    keys.ngo = (await onboard(network, { id: 'ngo-a', kind: 'ngo', department: '93', services: ['legal'] })).key;
    keys.refuge = (await onboard(network, { id: 'refuge-75', kind: 'refuge', department: '75', services: ['shelter', 'legal'] })).key;
    keys.coordinator = (await onboard(network, { id: 'ngo-a', kind: 'ngo', department: '93', services: ['legal'] }, 'coordinator')).key;
    keys.researcher = (await onboard(network, { id: 'ngo-a', kind: 'ngo', department: '93', services: ['legal'] }, 'researcher')).key;
    const identified = await network
      .http()
      .post('/v1/cases')
      .set(auth(keys.ngo))
      .send(identifyBody(['refuge-75']));
    ids.caseId = identified.body.caseId;
    ids.consentId = identified.body.consentId;
    const referral = await network
      .http()
      .post('/v1/referrals')
      .set(auth(keys.ngo))
      .send({ caseId: ids.caseId, to: 'refuge-75', service: 'shelter', urgency: 'soon', sharedCategories: ['identity'] });
    ids.referralId = referral.body.referralId;
    const webhook = await network
      .http()
      .post('/v1/webhooks')
      .set(auth(keys.ngo))
      .send({ url: 'http://127.0.0.1:9/hook', events: ['*'] });
    ids.webhookId = webhook.body.id;
    expect([identified.status, referral.status, webhook.status]).toEqual([201, 201, 201]);
    document = (await network.http().get('/docs-json')).body as OpenApiDocument;
    vocabulary = JSON.stringify(document);
    events = new Client({ connectionString: network.database.url });
    await events.connect();
  });
  afterAll(async () => {
    await events.end();
    await network.close();
  });

  const eventCount = async () => Number((await events.query<{ n: string }>('SELECT count(*)::text AS n FROM es_events')).rows[0]?.n);

  /** Member names whose valid values exist only in this network: without them every request stops at "not found". */
  const hints = (): Hints => ({
    caseId: fc.constantFrom(ids.caseId),
    to: fc.constantFrom('refuge-75', 'ngo-a', '2026-12', '2026-01'),
    from: fc.constantFrom('2026-01', '2026-01-01'),
    recipients: fc.constantFrom('refuge-75', 'any_referral_recipient', 'ngo-a'),
    department: fc.constantFrom('93', '75', '2A'),
    url: fc.constantFrom('http://127.0.0.1:9/hook', 'https://partner.example/hook'),
    fromPosition: fc.constantFrom('0', '1', '9223372036854775807', '9999999999999999999'),
    cursor: fc.constantFrom('0', '12', '9223372036854775807', '9999999999999999999', 'bm90LWEtY3Vyc29y'),
    birthDate: fc.constantFrom('1994-03-02', '2001-11-30', '1960-01-01', '2090-01-01'),
    nationality: fc.constantFrom('CI', 'UA', 'AF', 'XX'),
    phone: fc.constantFrom('+33612345678', '06 12 34 56 78', '+225 07 01 02 03 04', '123'),
    languages: fc.constantFrom('fr', 'dyu', 'prs', 'fr-CI'),
    region: fc.constantFrom('11', 'Île-de-France'),
    givenName: fc.constantFrom('Awa', 'Zaïnabou', 'زینب'),
    familyName: fc.constantFrom('Diallo', 'Ostrogradsky'),
    email: fc.constantFrom('awa@example.org'),
    count: fc.integer({ min: 0, max: 20 }),
    total: fc.integer({ min: 0, max: 30 }),
    available: fc.integer({ min: 0, max: 30 }),
    overlapSeconds: fc.integer({ min: 0, max: 604_800 }),
    since: fc.constantFrom('2026-01-01T00:00:00Z'),
    respondBy: fc.constantFrom(null, '2099-01-01T00:00:00Z', '2020-01-01T00:00:00Z'),
    expiresAt: fc.constantFrom(null, '2099-01-01T00:00:00Z', '2020-01-01T00:00:00Z'),
    epsilon: fc.constantFrom(0.5, 1, 0.0105, 1e-7),
    minPosition: fc.constantFrom('0', '1', '99999999999999999999'),
  });

  /** The id a path parameter names in this network, by route. */
  const knownIds = (route: Route, name: string): string[] => {
    if (name === 'caseId') return [ids.caseId];
    if (name === 'consentId') return [ids.consentId];
    if (route.path.startsWith('/v1/referrals')) return [ids.referralId];
    if (route.path.startsWith('/v1/webhooks')) return [ids.webhookId];
    if (route.path.startsWith('/v1/organisations')) return ['ngo-a', 'refuge-75', 'ghost-org'];
    return ['x'];
  };

  /** The role a route is for, by its path: most requests carry it, some another key, none, or a forged one. */
  const usualKey = (route: Route): string => {
    if ((route.method === 'post' && route.path === '/v1/organisations') || route.path.endsWith('/api-keys')) return keys.admin;
    if (route.path.startsWith('/v1/coordination')) return keys.coordinator;
    if (route.path.startsWith('/v1/research')) return keys.researcher;
    return keys.ngo;
  };

  const attempts = (route: Route): fc.Arbitrary<Attempt> => {
    const pathValue = (name: string) =>
      fc.oneof(
        { weight: 4, arbitrary: fc.constantFrom(...knownIds(route, name), '3f1c0e0e-0000-4000-8000-000000000000') },
        { weight: 1, arbitrary: junkString },
      );
    const clean = { document, hints: hints(), junkWeight: 0 };
    const queryValue = (parameter: Route['queryParameters'][number]) =>
      fc.oneof(
        { weight: 4, arbitrary: valueOf(parameter.schema ?? {}, clean, parameter.name).map(asText) },
        { weight: 1, arbitrary: junkString },
      );
    const body: fc.Arbitrary<Body> = route.body
      ? fc.oneof(
          { weight: 4, arbitrary: valueOf(route.body, clean).map((value): Body => ({ kind: 'json', value })) },
          { weight: 3, arbitrary: valueOf(route.body, { ...clean, junkWeight: 1 }).map((value): Body => ({ kind: 'json', value })) },
          { weight: 1, arbitrary: rawJunkBody.map((text): Body => ({ kind: 'raw', text, type: 'application/json' })) },
          {
            weight: 1,
            arbitrary: junkString.map((text): Body => ({ kind: 'raw', text: text.replace(/[^\x20-\x7e]/g, ''), type: 'text/plain' })),
          },
        )
      : fc.oneof(
          { weight: 3, arbitrary: fc.constant<Body>({ kind: 'none' }) },
          { weight: 1, arbitrary: junkValue.map((value): Body => ({ kind: 'json', value })) },
          { weight: 1, arbitrary: rawJunkBody.map((text): Body => ({ kind: 'raw', text, type: 'application/json' })) },
        );
    return fc.record({
      pathValues: fc.tuple<string[]>(...route.pathParameters.map((parameter) => pathValue(parameter.name))),
      query: fc.record(Object.fromEntries(route.queryParameters.map((parameter) => [parameter.name, queryValue(parameter)])), {
        requiredKeys: [],
      }) as fc.Arbitrary<Record<string, string>>,
      body,
      key: fc.oneof(
        { weight: 6, arbitrary: fc.constant(usualKey(route)) },
        { weight: 2, arbitrary: fc.constantFrom(...Object.values(keys)) },
        { weight: 1, arbitrary: fc.constantFrom(null, 'psk_forged_0000000000000000000000000000') },
      ),
      idempotencyKey: fc.oneof(
        { weight: 4, arbitrary: fc.constant(null) },
        { weight: 2, arbitrary: fc.stringMatching(/^[A-Za-z0-9_.:-]{8,24}$/) },
        { weight: 1, arbitrary: junkString.map((s) => s.replace(/[^\x20-\x7e]/g, '')) },
      ),
    });
  };

  const send = (route: Route, attempt: Attempt) => {
    let index = 0;
    const path = route.path.replace(/\{[^}]+\}/g, () => encodeSegment(attempt.pathValues[index++] ?? ''));
    const query = new URLSearchParams(attempt.query).toString();
    let request = network.http()[route.method](query ? `${path}?${query}` : path);
    if (attempt.key) request = request.set(auth(attempt.key));
    if (attempt.idempotencyKey !== null) request = request.set('Idempotency-Key', attempt.idempotencyKey);
    if (attempt.body.kind === 'json')
      return request.set('Content-Type', 'application/json').send(JSON.stringify(attempt.body.value ?? null));
    if (attempt.body.kind === 'raw') return request.set('Content-Type', attempt.body.type).send(attempt.body.text);
    return request;
  };

  it('lists the API’s routes', () => {
    const routes = routesOf(document).map((route) => `${route.method.toUpperCase()} ${route.path}`);
    expect(routes).toEqual(expect.arrayContaining(['POST /v1/cases', 'PUT /v1/organisations/{id}/capacity', 'POST /v1/research/queries']));
    expect(routes.length).toBeGreaterThanOrEqual(30);
  });

  it('never answers 5xx, writes nothing when it refuses, and never repeats what was sent', async () => {
    for (const route of routesOf(document)) {
      await fc.assert(
        fc.asyncProperty(attempts(route), async (attempt) => {
          const before = await eventCount();
          const response = await send(route, attempt);
          const where = `${route.method.toUpperCase()} ${route.path} → ${response.status}`;
          expect({ where, server: response.status >= 500 }).toEqual({ where, server: false });
          if (response.status < 400) return;
          expect({ where, type: response.headers['content-type'] }).toEqual({
            where,
            type: expect.stringMatching(/^application\/problem\+json/),
          });
          expect({ where, events: await eventCount() }).toEqual({ where, events: before });
          const answer = JSON.stringify(response.body);
          const body = attempt.body.kind === 'json' ? attempt.body.value : attempt.body.kind === 'raw' ? attempt.body.text : null;
          const echoed = submittedStrings([attempt.pathValues, Object.values(attempt.query), body])
            .filter((text) => text.length >= 8 && !vocabulary.includes(text))
            .filter((text) => answer.includes(JSON.stringify(text).slice(1, -1)));
          expect({ where, echoed }).toEqual({ where, echoed: [] });
        }),
        { seed: SEED, numRuns: RUNS_PER_ROUTE },
      );
    }
  });

  it('refuses a body without one of its required members (at any depth) with a 4xx, writing nothing', async () => {
    const clean: Drawing = { document, hints: hints(), junkWeight: 0 };
    for (const route of routesOf(document)) {
      if (!route.body) continue;
      for (const path of requiredPaths(route.body, document)) {
        const leftOut = valueOf(route.body, clean).map((value): Body => ({ kind: 'json', value: without(value, path) }));
        await fc.assert(
          fc.asyncProperty(attempts(route), leftOut, async (attempt, body) => {
            const before = await eventCount();
            const response = await send(route, { ...attempt, key: usualKey(route), body });
            const where = `${route.method.toUpperCase()} ${route.path} without ${path.join('.')} → ${response.status}`;
            expect({ where, refused: response.status >= 400 && response.status < 500 }).toEqual({ where, refused: true });
            expect({ where, events: await eventCount() }).toEqual({ where, events: before });
          }),
          { seed: SEED, numRuns: RUNS_PER_MISSING_MEMBER },
        );
      }
    }
  });
});

/** A path segment as a client would encode it; a lone surrogate, which no encoder accepts, as the bytes of one. */
function encodeSegment(value: string): string {
  try {
    return encodeURIComponent(value);
  } catch {
    return '%ED%A0%80';
  }
}

/** A query value as text (JSON for anything but a string; `undefined`, which JSON cannot write, as null). */
const asText = (value: unknown): string => (typeof value === 'string' ? value : JSON.stringify(value ?? null));
