import type { Actor } from '@passerelle/domain';
import { randomUUID } from 'node:crypto';
import { MESSAGE, NOTE, openReadSide, type GivenEvent, type ReadSide } from '../../testing/read-side.fixtures';
import {
  ASSO,
  CASE_ID,
  NOW,
  REFERRAL_ID,
  REFUGE,
  asso,
  clinic,
  consentWithdrawn,
  personErased,
  refuge,
} from '../../testing/use-case.fixtures';
import { CODE_SYSTEM, EXTENSION } from '../fhir-systems';
import { ReadFhirServiceRequestHandler } from './read-service-request.handler';
import { ReadFhirServiceRequestQuery } from './read-service-request.query';

/** Her other cases referred to the refuge with a message: she withdrew her consent, the sender withdrew the referral, she was erased. */
const CONSENT_WITHDRAWN = { caseId: randomUUID(), referralId: randomUUID() };
const REFERRAL_WITHDRAWN = { caseId: randomUUID(), referralId: randomUUID() };
const ERASED = { caseId: randomUUID(), referralId: randomUUID() };
const textOf = (request: { note?: { text: string }[] }) => request.note?.map((note) => note.text) ?? [];

describe('read FHIR ServiceRequest', () => {
  let side: ReadSide;
  const requestAs = (who: Actor, referralId = REFERRAL_ID) =>
    new ReadFhirServiceRequestHandler(side.fx.store, side.access).execute(new ReadFhirServiceRequestQuery(who, referralId, NOW));

  beforeAll(async () => {
    side = await openReadSide('fhir_service_request');
    const doNotContact = { doNotContact: true, safeChannel: 'through_referrer' } as const;
    const other = ({ caseId, referralId }: typeof ERASED, then: GivenEvent[] = []) =>
      side.referredWithText({ person: { caseId }, referralId, then });
    // Withdrawn before the refuge answered: the referral as made, without its acceptance.
    const [herCase, [stream, events]] = await other(REFERRAL_WITHDRAWN);
    const withdrawn = {
      type: 'ReferralWithdrawn',
      data: { referralId: REFERRAL_WITHDRAWN.referralId, by: ASSO, reason: 'other', note: null },
    };
    await side.given(
      ...(await side.referredWithText({ person: { safety: doNotContact } })),
      ...(await other(CONSENT_WITHDRAWN, [consentWithdrawn()])),
      herCase,
      [stream, [...events.filter((event) => event.type === 'ReferralMade'), withdrawn]],
      ...(await other(ERASED, [personErased()])),
    );
  });
  afterAll(() => side.close());

  it('shows the receiver the referral as a ServiceRequest: what, for whom, by and of whom, her safety, and its text', async () => {
    const request = await requestAs(refuge);

    expect(request).toMatchObject({
      resourceType: 'ServiceRequest',
      id: REFERRAL_ID,
      meta: { versionId: '1' },
      status: 'active',
      intent: 'order',
      priority: 'asap',
      code: { coding: [{ system: CODE_SYSTEM.service, code: 'specialised_shelter' }] },
      subject: { reference: `Patient/${CASE_ID}` },
      requester: { reference: `Organization/${ASSO}` },
      performer: [{ reference: `Organization/${REFUGE}` }],
      extension: [
        { url: EXTENSION.sharedCategories, valueCode: 'identity' },
        { url: EXTENSION.sharedCategories, valueCode: 'contact' },
      ],
      orderDetail: [{ coding: [{ code: 'contacting-subject-prohibited' }] }, { text: 'Safe channel: through referrer' }],
    });
    expect(request.note).toEqual([
      expect.objectContaining({ authorReference: { reference: `Organization/${ASSO}` }, text: MESSAGE }),
      { authorReference: { reference: `Organization/${REFUGE}` }, text: NOTE },
    ]);
    expect(JSON.stringify(request)).not.toContain('Awa');
  });

  it('hides the text from the receiver once she withdrew her consent or the sender withdrew the referral, not from the sender', async () => {
    for (const { referralId } of [CONSENT_WITHDRAWN, REFERRAL_WITHDRAWN]) {
      expect(await requestAs(refuge, referralId)).toMatchObject({ id: referralId, performer: [{ reference: `Organization/${REFUGE}` }] });
      expect(textOf(await requestAs(refuge, referralId))).toEqual([]);
      expect(textOf(await requestAs(asso, referralId))).toContain(MESSAGE);
    }
  });

  it('shows neither party any text once she is erased', async () => {
    for (const party of [asso, refuge]) expect(textOf(await requestAs(party, ERASED.referralId))).toEqual([]);
  });

  it('answers a partner that is not a party as if there were no such referral', async () => {
    await expect(requestAs(clinic)).rejects.toMatchObject({ code: 'REFERRAL.NOT_FOUND' });
    await expect(requestAs(refuge, randomUUID())).rejects.toMatchObject({ code: 'REFERRAL.NOT_FOUND' });
  });
});
