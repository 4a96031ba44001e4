import type { CapabilityStatement, CapabilityStatementRestResource } from 'fhir/r4';
import { TASK_SEARCH_PARAMETERS } from '../task/search-tasks.request.dto';

/** When what this statement says last changed (FHIR's CapabilityStatement.date). */
const CHANGED = '2026-12-03';

type SearchParam = NonNullable<CapabilityStatementRestResource['searchParam']>[number];
const param = (name: string, type: SearchParam['type'], documentation: string): SearchParam => ({ name, type, documentation });

const TASK_PARAMS: Record<(typeof TASK_SEARCH_PARAMETERS)[number], SearchParam | null> = {
  owner: param('owner', 'reference', 'Organization/{id}: referrals made to that organisation'),
  requester: param('requester', 'reference', 'Organization/{id}: referrals made by that organisation'),
  status: param('status', 'token', 'requested, accepted, rejected, cancelled, completed; comma-separated for any of them'),
  _lastUpdated: param('_lastUpdated', 'date', 'gt, ge, lt, le or eq and a date or an instant; twice for a range'),
  _count: null,
  _cursor: null,
};

/**
 * What the facade offers (GET /fhir/r4/metadata), resource by resource: the interactions and
 * search parameters its controllers serve, and how to authenticate (docs/fhir.md).
 */
export function capabilityStatement(base: string): CapabilityStatement {
  const resource: CapabilityStatementRestResource[] = [
    {
      type: 'Task',
      documentation:
        'One per referral, after the SDOH Clinical Care IG’s referral-management Task. Update status (with If-Match) to accept, reject, cancel or complete.',
      interaction: [{ code: 'read' }, { code: 'search-type' }, { code: 'update' }],
      versioning: 'versioned-update',
      readHistory: false,
      updateCreate: false,
      conditionalUpdate: false,
      searchParam: Object.values(TASK_PARAMS).filter((p): p is SearchParam => p !== null),
    },
    {
      type: 'ServiceRequest',
      documentation: 'The focus of a referral’s Task, with its message and notes as consent allows.',
      interaction: [{ code: 'read' }],
    },
    { type: 'Patient', documentation: 'Her case: only the categories her consent lets the reader see.', interaction: [{ code: 'read' }] },
    {
      type: 'Consent',
      documentation: 'Her consents, for the partner holding her case.',
      interaction: [{ code: 'read' }, { code: 'search-type' }],
      searchParam: [param('patient', 'reference', 'Patient/{caseId}')],
    },
    {
      type: 'Organization',
      documentation: 'The directory; never an address.',
      interaction: [{ code: 'read' }, { code: 'search-type' }],
      searchParam: [param('type', 'token', 'ngo, health, refuge, authority')],
    },
    {
      type: 'HealthcareService',
      documentation: 'Each organisation’s services with their declared places; never a location.',
      interaction: [{ code: 'read' }, { code: 'search-type' }],
      searchParam: [param('organization', 'reference', 'Organization/{id}'), param('service-type', 'token', 'a Passerelle service code')],
    },
  ];
  return {
    resourceType: 'CapabilityStatement',
    status: 'active',
    date: CHANGED,
    publisher: 'Passerelle',
    kind: 'instance',
    software: { name: 'Passerelle' },
    implementation: { description: 'Passerelle referral network: FHIR R4 facade', url: base },
    // R4. 4.0.1 only corrected texts of 4.0.0; the R4 JSON schema the tests validate against names 4.0.0.
    fhirVersion: '4.0.0',
    format: ['application/fhir+json', 'json'],
    rest: [
      {
        mode: 'server',
        documentation:
          'The same API keys and consent rules as the JSON API (/v1): send `Authorization: Bearer psk_…`. Errors are OperationOutcome.',
        security: {
          cors: false,
          description: 'API key as a Bearer token; a partner key reads and moves its own referrals, any key reads the directory.',
        },
        resource,
      },
    ],
  };
}
