import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { caseStream } from '@passerelle/domain';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { metadataOf } from '../../shared/command-context';
import { handleCommand } from '../../shared/event-sourcing';
import { caseDecider, caseScope } from '../case.decider';
import { RegisteredOrganisations } from '../../organisations/registered-organisations';
import { consentTerms, unknownRecipients } from '../consent-terms';
import { GrantConsentCommand } from './grant-consent.command';

@CommandHandler(GrantConsentCommand)
export class GrantConsentHandler implements ICommandHandler<GrantConsentCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly organisations: RegisteredOrganisations) {}

  async execute({ caseId, request, context }: GrantConsentCommand) {
    const consent = consentTerms(request, context);
    const { position } = await handleCommand(this.store, caseStream(caseId), caseDecider, {
      type: 'GrantConsent',
      data: { caseId, consent, unknownRecipients: await unknownRecipients(this.organisations, consent.recipients) },
      metadata: metadataOf(context),
    }, context, caseScope(context.now));
    return { caseId, consentId: consent.consentId, position: String(position) };
  }
}
