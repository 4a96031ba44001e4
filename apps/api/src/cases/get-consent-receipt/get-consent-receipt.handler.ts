import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { ANY_REFERRAL_RECIPIENT, isConsentActive, unprocessable, type ConsentGranted } from '@passerelle/domain';
import { EVENT_STORE, type EventStore, type RecordedEvent } from '@passerelle/event-store';
import { receiptReference, renderConsentReceipt, type ConsentReceiptData, type ReceiptConsent } from '@passerelle/receipts';
import { RegisteredOrganisations } from '../../organisations/registered-organisations';
import { documentLanguage, languageOf, loadHeldCase, receiptOrganisation, smsFor, type HeldCase } from '../her-documents';
import { GetConsentReceiptQuery } from './get-consent-receipt.query';

/**
 * Her consent receipt, for the organisation holding her case to print or text to her: who may see
 * which categories of her data, for what, until when, and whom to call to withdraw. It holds no
 * personal data of hers (not even her name: a reference stands for her), so opening it decrypts
 * nothing and writes nothing to the access log.
 */
@QueryHandler(GetConsentReceiptQuery)
export class GetConsentReceiptHandler implements IQueryHandler<GetConsentReceiptQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly organisations: RegisteredOrganisations,
  ) {}

  async execute({ caseId, actor, language, now }: GetConsentReceiptQuery) {
    const held = await loadHeldCase(this.store, caseId, actor);
    const open = held.state;
    // Her consents went with her: an erased case has nothing left to show her.
    if (open.status === 'erased') throw unprocessable('CASE.ERASED', 'This case was erased');
    const data: ConsentReceiptData = {
      caseId: open.caseId,
      reference: receiptReference(open.caseId),
      issuedAt: now.toISOString(),
      holder: await receiptOrganisation(this.organisations, open.holder),
      consents: await this.consents(held, now),
    };
    const chosen = documentLanguage(language, held.events);
    const { document, sms } = renderConsentReceipt(data, chosen);
    return { ...data, ...languageOf(chosen), document, sms: smsFor(sms, held.safety) };
  }

  /** Every consent she gave, oldest first, each as it stands now: in force, withdrawn (when) or lapsed (when). */
  private async consents({ state, events }: HeldCase, now: Date): Promise<ReceiptConsent[]> {
    const withdrawnAt = new Map(events.flatMap((e) => (e.type === 'ConsentWithdrawn' ? [[e.data.consentId, e.metadata.occurredAt]] : [])));
    const granted = events.filter((e): e is RecordedEvent & ConsentGranted => e.type === 'ConsentGranted');
    const folded = state.status === 'open' ? state.consents : [];
    return Promise.all(
      granted.map(async ({ data, metadata }) => {
        const consent = folded.find((c) => c.consentId === data.consentId);
        const ended = withdrawnAt.get(data.consentId);
        const status = consent && isConsentActive(consent, now) ? 'active' : ended ? 'withdrawn' : 'expired';
        return {
          consentId: data.consentId,
          status,
          recipients: await Promise.all(
            data.recipients.map(async (id) =>
              id === ANY_REFERRAL_RECIPIENT
                ? { organisationId: id, name: null }
                : { organisationId: id, name: (await receiptOrganisation(this.organisations, id)).name },
            ),
          ),
          categories: data.categories,
          purposes: data.purposes,
          method: data.method,
          explainedIn: data.language,
          grantedAt: metadata.occurredAt,
          expiresAt: data.expiresAt,
          endedAt: status === 'active' ? null : (ended ?? data.expiresAt),
        };
      }),
    );
  }
}
