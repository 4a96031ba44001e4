import { ANY_REFERRAL_RECIPIENT, caseStream, type Actor, type ConsentTerms } from '@passerelle/domain';
import { randomUUID } from 'node:crypto';
import { ofCase, openReadSide, type ReadSide } from '../../testing/read-side.fixtures';
import {
  ASSO,
  CASE_ID,
  NOW,
  REFUGE,
  asso,
  consentGranted,
  consentWithdrawn,
  fromNow,
  identified,
  personErased,
  refuge,
} from '../../testing/use-case.fixtures';
import { CODE_SYSTEM, EXTENSION, GDPR } from '../fhir-systems';
import { ReadFhirConsentHandler, SearchFhirConsentsHandler } from './read-consent.handler';
import { ReadFhirConsentQuery, SearchFhirConsentsQuery } from './read-consent.query';

const BASE = 'https://passerelle.example.org/fhir/r4';
/** Her consents, each granted an hour after the one before: one in force, one that expires tomorrow, one she withdrew. */
const [TO_REFUGE, TO_ANY_RECEIVER, WITHDRAWN] = [randomUUID(), randomUUID(), randomUUID()];
const atHour = (hour: number) => ({ metadata: { occurredAt: `2026-11-20T1${hour}:00:00.000Z` } });
const granted = (hour: number, terms: Partial<ConsentTerms>) => ({
  ...consentGranted({ categories: ['identity', 'contact'], purposes: ['referral'], ...terms }),
  ...atHour(hour),
});
/** Another case of hers, erased since, with its own consent. */
const ERASED = { caseId: randomUUID(), consentId: randomUUID() };

describe('read and search FHIR Consents', () => {
  let side: ReadSide;
  const consentAs = (who: Actor, consentId: string, now = NOW) =>
    new ReadFhirConsentHandler(side.fx.store, side.inbox).execute(new ReadFhirConsentQuery(who, consentId, now));
  const searchAs = (who: Actor, caseId = CASE_ID) => {
    const self = new URL(`${BASE}/Consent?patient=Patient/${caseId}`);
    return new SearchFhirConsentsHandler(side.fx.store).execute(new SearchFhirConsentsQuery(who, caseId, NOW, { base: BASE, self }));
  };

  beforeAll(async () => {
    side = await openReadSide('fhir_consent');
    await side.given(
      [
        caseStream(CASE_ID),
        [
          identified(),
          granted(0, { consentId: TO_REFUGE, recipients: [REFUGE], method: 'written', language: 'ar' }),
          granted(1, { consentId: TO_ANY_RECEIVER, recipients: [ANY_REFERRAL_RECIPIENT], expiresAt: fromNow(86_400) }),
          granted(2, { consentId: WITHDRAWN }),
          { ...consentWithdrawn(WITHDRAWN), ...atHour(3) },
        ],
      ],
      [
        caseStream(ERASED.caseId),
        [identified(), consentGranted({ consentId: ERASED.consentId }), personErased()].map((e) => ofCase(ERASED.caseId, e)),
      ],
    );
  });
  afterAll(() => side.close());

  it('shows the holder her consent as a FHIR Consent: to whom, which categories, for what, since when, and how she gave it', async () => {
    expect(await consentAs(asso, TO_REFUGE)).toMatchObject({
      resourceType: 'Consent',
      id: TO_REFUGE,
      status: 'active',
      patient: { reference: `Patient/${CASE_ID}` },
      dateTime: '2026-11-20T10:00:00.000Z',
      organization: [{ reference: `Organization/${ASSO}` }],
      policy: [{ uri: GDPR }],
      extension: [{ url: EXTENSION.consentMethod, extension: [{ valueCode: 'written' }, { valueCode: 'ar' }] }],
      provision: {
        type: 'permit',
        period: { start: '2026-11-20T10:00:00.000Z' },
        actor: [{ reference: { reference: `Organization/${REFUGE}` } }],
        purpose: [{ system: CODE_SYSTEM.consentPurpose, code: 'referral' }],
        code: [{ coding: [{ code: 'identity' }] }, { coding: [{ code: 'contact' }] }],
      },
    });
  });

  it('marks a consent inactive once she withdrew it, or once it expired', async () => {
    expect(await consentAs(asso, WITHDRAWN)).toMatchObject({ status: 'inactive', meta: { lastUpdated: '2026-11-20T13:00:00.000Z' } });
    const expiring = await consentAs(asso, TO_ANY_RECEIVER);
    expect(expiring).toMatchObject({ status: 'active', provision: { period: { end: fromNow(86_400) } } });
    expect(expiring.provision?.actor).toEqual([expect.objectContaining({ reference: { display: expect.any(String) } })]);
    expect(await consentAs(asso, TO_ANY_RECEIVER, new Date(fromNow(86_400)))).toMatchObject({ status: 'inactive' });
  });

  it('lists her consents to the holder, oldest first, and to nobody else', async () => {
    const bundle = await searchAs(asso);

    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset', link: [{ relation: 'self' }] });
    expect(bundle.entry?.map((entry) => entry.fullUrl)).toEqual(
      [TO_REFUGE, TO_ANY_RECEIVER, WITHDRAWN].map((id) => `${BASE}/Consent/${id}`),
    );
    expect((await searchAs(refuge)).entry).toEqual([]);
  });

  it('answers the partner her consent names, or anyone once she is erased, as if there were no such consent', async () => {
    await expect(consentAs(refuge, TO_REFUGE)).rejects.toMatchObject({ code: 'CONSENT.NOT_FOUND' });
    await expect(consentAs(asso, ERASED.consentId)).rejects.toMatchObject({ code: 'CONSENT.NOT_FOUND' });
    await expect(consentAs(asso, randomUUID())).rejects.toMatchObject({ code: 'CONSENT.NOT_FOUND' });
    expect((await searchAs(asso, ERASED.caseId)).entry).toEqual([]);
  });
});
