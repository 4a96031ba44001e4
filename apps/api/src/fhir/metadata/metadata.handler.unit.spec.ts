import { RequestMethod, type Type } from '@nestjs/common';
import { METHOD_METADATA, MODULE_METADATA, PATH_METADATA } from '@nestjs/common/constants';
import type { CapabilityStatement } from 'fhir/r4';
import { parseConsentSearch } from '../consent/search-consents.request.dto';
import { parseHealthcareServiceSearch, parseOrganizationSearch } from '../directory/search-directory.request.dto';
import { FHIR_BASE_PATH, type RawQuery } from '../fhir-http';
import { FhirModule } from '../fhir.module';
import { parseTaskSearch } from '../task/search-tasks.request.dto';
import { GetFhirCapabilityStatementHandler } from './metadata.handler';
import { GetFhirCapabilityStatementQuery } from './metadata.query';

const BASE = 'https://passerelle.example.org/fhir/r4';
const statement = () => new GetFhirCapabilityStatementHandler().execute(new GetFhirCapabilityStatementQuery(BASE));
const resourcesOf = (capability: CapabilityStatement) => capability.rest?.[0]?.resource ?? [];

/** The FHIR interaction a route of a resource's controller serves: GET `:id` reads, GET `/` searches, PUT `:id` updates. */
const INTERACTION: Record<string, string> = {
  [`${RequestMethod.GET} :id`]: 'read',
  [`${RequestMethod.GET} /`]: 'search-type',
  [`${RequestMethod.PUT} :id`]: 'update',
};

/** What the facade's controllers (FhirModule) serve, resource type by resource type, read from their routes. */
function servedByControllers(): Record<string, string[]> {
  const controllers = Reflect.getMetadata(MODULE_METADATA.CONTROLLERS, FhirModule) as Type[];
  const served: Record<string, string[]> = {};
  for (const controller of controllers) {
    const type = String(Reflect.getMetadata(PATH_METADATA, controller)).replace(`${FHIR_BASE_PATH}/`, '');
    const prototype = controller.prototype as Record<string, unknown>;
    const routes = Object.getOwnPropertyNames(prototype)
      .map((name) => prototype[name])
      .filter((route) => Reflect.hasMetadata(METHOD_METADATA, route as object))
      .map((route) => `${Reflect.getMetadata(METHOD_METADATA, route as object)} ${Reflect.getMetadata(PATH_METADATA, route as object)}`);
    // The metadata route and the fallback that answers 404/405 for what is not served are no resource.
    if (type !== 'metadata' && type !== '') served[type] = routes.map((route) => INTERACTION[route] ?? route).sort();
  }
  return served;
}

/** Each searchable resource's own parser of search parameters, as its controller calls it. */
const SEARCH: Record<string, (query: RawQuery) => unknown> = {
  Task: parseTaskSearch,
  Consent: parseConsentSearch,
  Organization: parseOrganizationSearch,
  HealthcareService: parseHealthcareServiceSearch,
};
/** The code of the 400 a search answers to `query`, or null. */
const refusal = (type: string, query: RawQuery): unknown => {
  try {
    SEARCH[type]?.(query);
    return null;
  } catch (error) {
    return (error as { body?: { code?: string } }).body?.code;
  }
};

describe('FHIR CapabilityStatement', () => {
  it('lists every resource type the facade serves, with exactly the interactions its routes offer', async () => {
    const listed = Object.fromEntries(
      resourcesOf(await statement()).map((resource) => [resource.type, (resource.interaction ?? []).map((i) => i.code).sort()]),
    );

    expect(listed).toEqual(servedByControllers());
    expect(Object.keys(listed)).toEqual(['Task', 'ServiceRequest', 'Patient', 'Consent', 'Organization', 'HealthcareService']);
  });

  it('lists only search parameters its searches accept, for each resource that is searched', async () => {
    const searchable = resourcesOf(await statement()).filter((resource) => resource.interaction?.some((i) => i.code === 'search-type'));
    const listed = searchable.flatMap(({ type, searchParam = [] }) => searchParam.map(({ name }) => ({ type, name })));

    expect(searchable.map((resource) => resource.type).sort()).toEqual(Object.keys(SEARCH).sort());
    expect(new Set(listed.map(({ type }) => type)).size).toBe(searchable.length);
    expect(listed.filter(({ type, name }) => refusal(type, { [name]: '' }) === 'FHIR.UNKNOWN_SEARCH_PARAMETER')).toEqual([]);
    expect(searchable.map(({ type }) => refusal(type, { 'not-listed': 'x' }))).toEqual(
      searchable.map(() => 'FHIR.UNKNOWN_SEARCH_PARAMETER'),
    );
  });

  it('tells a client where the server is, which FHIR version and format it speaks, and how to authenticate', async () => {
    expect(await statement()).toMatchObject({
      resourceType: 'CapabilityStatement',
      status: 'active',
      kind: 'instance',
      fhirVersion: '4.0.0',
      format: expect.arrayContaining(['application/fhir+json']),
      implementation: { url: BASE },
      rest: [{ mode: 'server', security: { description: expect.stringContaining('Bearer') } }],
    });
  });
});
