import { commandId, type CommandContext } from '@passerelle/command-handling';
import { ANY_REFERRAL_RECIPIENT, type ConsentTerms } from '@passerelle/domain';
import type { RegisteredOrganisations } from '../organisations/registered-organisations';
import type { ConsentInput } from './person';

export function consentTerms(consent: ConsentInput, context: CommandContext): ConsentTerms {
  return {
    consentId: commandId(context, 'consent'),
    recipients: consent.recipients,
    categories: consent.categories,
    purposes: consent.purposes,
    expiresAt: consent.expiresAt ? new Date(consent.expiresAt).toISOString() : null,
    method: consent.method,
    language: consent.language ?? null,
  };
}

/** Recipients that are not registered organisations: the domain refuses consent for them. */
export async function unknownRecipients(organisations: RegisteredOrganisations, recipients: string[]): Promise<string[]> {
  const named = recipients.filter((r) => r !== ANY_REFERRAL_RECIPIENT);
  const states = await Promise.all(named.map((id) => organisations.get(id)));
  return named.filter((_, i) => states[i]?.status !== 'registered');
}
