import request from 'supertest';
import { checkingAgent, responseChecker, type OpenApi31Document } from './support/openapi-responses';
import { startTestNetwork, type TestNetwork } from './support/test-network';

type Operation = {
  operationId?: string;
  summary?: string;
  tags?: string[];
  security?: unknown[];
  responses: Record<string, { content?: Record<string, { schema?: unknown; example?: unknown }> }>;
};

/**
 * Issue 13: every answer the e2e suites receive is checked against /docs-json by the agent of
 * support/test-network.ts. This proves the check cannot pass silently: a body that breaks its
 * schema, a status the operation does not declare, a media type it does not list are all caught.
 */
describe('the OpenAPI document, and the check of every answer against it', () => {
  let network: TestNetwork;
  let document: OpenApi31Document;
  const auth = () => ({ Authorization: `Bearer ${network.adminKey}` });

  beforeAll(async () => {
    network = await startTestNetwork();
    document = (await request(network.app.getHttpServer()).get('/docs-json')).body as OpenApi31Document;
  });
  afterAll(() => network.close());

  const operations = () =>
    Object.entries(document.paths).flatMap(([path, item]) =>
      Object.entries(item as Record<string, Operation>).map(([method, operation]) => ({
        where: `${method.toUpperCase()} ${path}`,
        operation,
      })),
    );

  it('is OpenAPI 3.1 with a stable camelCase operationId, a summary, tags, and a schema and an example for every success', () => {
    expect(document.openapi).toBe('3.1.0');
    const ids = operations().map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    const incomplete = operations().flatMap(({ where, operation }) => {
      const faults: string[] = [];
      if (!/^[a-z][A-Za-z0-9]+$/.test(operation.operationId ?? '')) faults.push('operationId');
      if (!operation.summary) faults.push('summary');
      if (!operation.tags?.length) faults.push('tags');
      if (!operation.security) faults.push('security');
      for (const [status, response] of Object.entries(operation.responses)) {
        const json = response.content?.['application/json'];
        if (/^2\d\d$/.test(status) && status !== '204' && (!json?.schema || json.example === undefined))
          faults.push(`${status} schema/example`);
        const problem = response.content?.['application/problem+json'];
        if (/^4\d\d$/.test(status) && JSON.stringify(problem?.schema) !== '{"$ref":"#/components/schemas/Problem"}') faults.push(status);
      }
      return faults.length ? [`${where}: ${faults.join(', ')}`] : [];
    });
    expect(incomplete).toEqual([]);
  });

  it('tells a coordinator what the gaps count: each woman once in totals, under each of her indicators in rows, consent deciding who is linked', () => {
    const gaps = (document.paths['/v1/coordination/gaps'] as Record<string, { description?: string }>).get?.description ?? '';
    // docs/adr/0002-coordination-and-consent.md: the view says what consent leaves out.
    expect(gaps).toMatch(/coordination` consent/);
    expect(gaps).toMatch(/notLinkable/);
    expect(gaps).toMatch(/under each indicator/);
    expect(gaps).toMatch(/first identification/);
  });

  it('passes an answer that matches its operation', async () => {
    const check = responseChecker(document);
    const me = await request(network.app.getHttpServer()).get('/v1/me').set(auth());
    expect(check('get', '/v1/me', me)).toBeNull();
  });

  it('catches a body that breaks the schema, naming the operation, the status and what is wrong', () => {
    const check = responseChecker(document);
    const answer = { status: 200, headers: { 'content-type': 'application/json; charset=utf-8' }, text: '{}' };
    const wrong = check('get', '/v1/referrals/3f1c0e0e-0000-4000-8000-000000000000', {
      ...answer,
      body: { referralId: 'not-a-uuid', status: 'lost' },
    });
    expect(wrong).toContain('GET /v1/referrals/{id} (getReferral) answered 200');
    expect(wrong).toMatch(/\/referralId must match format "uuid"/);
    expect(wrong).toMatch(/\/status must be equal to one of the allowed values/);
    expect(wrong).toMatch(/must have required property 'caseId'/);
  });

  it('catches a status the operation does not declare, and a media type it does not list', () => {
    const check = responseChecker(document);
    expect(check('get', '/v1/me', { status: 418, headers: {}, body: {}, text: '' })).toMatch(
      /whoAmI\) answered 418, a status its operation does not declare/,
    );
    expect(check('get', '/v1/me', { status: 200, headers: { 'content-type': 'text/html' }, body: {}, text: '<p>' })).toMatch(
      /as "text\/html"/,
    );
  });

  it('fails the request itself when its answer breaks the document', async () => {
    const tampered = structuredClone(document) as unknown as { paths: Record<string, { get: Operation }> };
    const me = tampered.paths['/v1/me']!.get.responses['200']!.content!['application/json']!;
    me.schema = { type: 'object', required: ['nothingLikeThis'] };
    const agent = checkingAgent(request(network.app.getHttpServer()), responseChecker(tampered as unknown as OpenApi31Document));
    await expect(agent.get('/v1/me').set(auth())).rejects.toThrow(
      /Response does not match the OpenAPI document: GET \/v1\/me \(whoAmI\) answered 200/,
    );
  });
});
