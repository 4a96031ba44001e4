import { ANY_REFERRAL_RECIPIENT, type ConsentTerms } from '@passerelle/domain';
import type { RegisteredOrganisations } from '../organisations/registered-organisations';
import type { CommandContext } from '../shared/command-context';
import type { ConsentRequest } from './consent.request.dto';

export function consentTerms(request: ConsentRequest, context: CommandContext): ConsentTerms {
  return {
    consentId: context.ids.next('consent'),
    recipients: request.recipients,
    categories: request.categories,
    purposes: request.purposes,
    expiresAt: request.expiresAt ? new Date(request.expiresAt).toISOString() : null,
    method: request.method,
    language: request.language ?? null,
  };
}

/** Recipients that are not registered organisations: the domain refuses consent for them. */
export async function unknownRecipients(organisations: RegisteredOrganisations, recipients: string[]): Promise<string[]> {
  const named = recipients.filter((r) => r !== ANY_REFERRAL_RECIPIENT);
  const states = await Promise.all(named.map((id) => organisations.get(id)));
  return named.filter((_, i) => states[i]?.status !== 'registered');
}
