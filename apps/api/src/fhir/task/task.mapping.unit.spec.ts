import JSONSchemaValidator from '@asymmetrik/fhir-json-schema-validator';
import { ASSO, CASE_ID, REFERRAL_ID, REFUGE, referralMade } from '../../testing/use-case.fixtures';
import type { ReferralEvent } from '@passerelle/domain';
import type { RecordedEvent } from '@passerelle/event-store';
import { referralView } from '../../referrals/get-referral/referral-view';
import { referralServiceRequest } from '../service-request/service-request.mapping';
import { factsFromStream, REVISION_OF_STATUS } from './referral-facts';
import { referralTask } from './task.mapping';

const validator = new JSONSchemaValidator();
const made = referralMade({ respondBy: '2026-12-10T12:00:00.000Z' });
const accepted: ReferralEvent = { type: 'ReferralAccepted', data: { referralId: REFERRAL_ID, by: REFUGE, note: null } };
const declined: ReferralEvent = {
  type: 'ReferralDeclined',
  data: { referralId: REFERRAL_ID, by: REFUGE, reason: 'no_capacity', note: null },
};
const withdrawn: ReferralEvent = {
  type: 'ReferralWithdrawn',
  data: { referralId: REFERRAL_ID, by: ASSO, reason: 'sent_in_error', note: null },
};
const closed: ReferralEvent = {
  type: 'ReferralClosed',
  data: { referralId: REFERRAL_ID, by: REFUGE, outcome: 'service_provided', note: null },
};

/** Every path a referral stream can take (libs/domain/src/referral/referral.decider.ts). */
const PATHS: Record<string, ReferralEvent[]> = {
  referred: [made],
  accepted: [made, accepted],
  declined: [made, declined],
  withdrawn: [made, withdrawn],
  closed: [made, accepted, closed],
};

const recorded = (events: ReferralEvent[]): RecordedEvent[] =>
  events.map((event, index) => ({
    ...event,
    eventId: `event-${index}`,
    streamName: `referral-${REFERRAL_ID}`,
    streamRevision: BigInt(index),
    globalPosition: BigInt(index + 10),
    recordedAt: new Date(`2026-12-0${index + 1}T10:00:00.000Z`),
    metadata: {
      schemaVersion: 1,
      occurredAt: `2026-12-0${index + 1}T10:00:00.000Z`,
      actor: { organisationId: ASSO, role: 'partner', keyId: null },
      correlationId: 'c',
      causationId: null,
      scope: {},
    },
  }));
const factsOf = (events: ReferralEvent[]) => {
  const stream = recorded(events);
  const view = referralView(stream);
  if (!view) throw new Error('no referral');
  return factsFromStream(view, stream[stream.length - 1]!.streamRevision);
};

describe('a referral as a FHIR Task', () => {
  it.each(Object.entries(PATHS))('knows the revision of the %s referral from its status alone, as searches need', (status, events) => {
    const facts = factsOf(events);
    expect(facts.status).toBe(status);
    expect(REVISION_OF_STATUS[facts.status]).toBe(facts.revision);
  });

  it.each([
    ['referred', 'requested'],
    ['accepted', 'accepted'],
    ['declined', 'rejected'],
    ['withdrawn', 'cancelled'],
    ['closed', 'completed'],
  ])('maps the %s referral to the %s Task, valid against the FHIR R4 schema', (status, taskStatus) => {
    const task = referralTask(factsOf(PATHS[status]!));
    expect(task.status).toBe(taskStatus);
    expect(task.businessStatus?.coding?.[0]?.code).toBe(status);
    expect(validator.validate(task, true)).toEqual([]);
  });

  it('gives a rejection its coded reason and a completion its outcome', () => {
    expect(referralTask(factsOf(PATHS.declined!)).statusReason).toEqual({
      coding: [{ system: 'https://passerelle.network/fhir/CodeSystem/decline-reason', code: 'no_capacity', display: 'No capacity' }],
      text: 'No capacity',
    });
    expect(referralTask(factsOf(PATHS.closed!)).output?.[0]?.valueCodeableConcept?.coding?.[0]?.code).toBe('service_provided');
  });

  it('keeps the deadline to answer as an extension and the case only as a reference', () => {
    const task = referralTask(factsOf(PATHS.referred!));
    expect(task.extension).toEqual([
      { url: 'https://passerelle.network/fhir/StructureDefinition/respond-by', valueDateTime: '2026-12-10T12:00:00.000Z' },
    ]);
    expect(task.for).toEqual({ reference: `Patient/${CASE_ID}`, type: 'Patient' });
  });

  it('makes a valid ServiceRequest that flags a woman who must not be contacted directly', () => {
    const request = referralServiceRequest(factsOf(PATHS.accepted!), {
      sharedCategories: ['identity'],
      safety: { doNotContact: true, safeChannel: 'through_referrer' },
      message: 'She speaks Dyula',
      notes: [{ by: REFUGE, note: null }],
    });
    expect(request.orderDetail?.map((d) => d.coding?.[0]?.code ?? d.text)).toEqual([
      'contacting-subject-prohibited',
      'Safe channel: through referrer',
    ]);
    expect(request.note).toEqual([
      { authorReference: { reference: `Organization/${ASSO}` }, time: '2026-12-01T10:00:00.000Z', text: 'She speaks Dyula' },
    ]);
    expect(validator.validate(request, true)).toEqual([]);
  });
});
