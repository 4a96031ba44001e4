import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandEnvelope, handleCommand, StreamStateCache } from '@passerelle/command-handling';
import { caseDecider, caseStream } from '@passerelle/domain';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { RegisteredOrganisations } from '../../organisations/registered-organisations';
import { caseScope } from '../case.scope';
import { consentTerms, unknownRecipients } from '../consent-terms';
import { GrantConsentCommand } from './grant-consent.command';

@CommandHandler(GrantConsentCommand)
export class GrantConsentHandler implements ICommandHandler<GrantConsentCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly organisations: RegisteredOrganisations,
    private readonly cache: StreamStateCache,
  ) {}

  async execute({ data: { caseId, consent: input }, context }: GrantConsentCommand) {
    const consent = consentTerms(input, context);
    const unknown = await unknownRecipients(this.organisations, consent.recipients);
    const stream = caseStream(caseId);
    const { position } = await handleCommand(
      this.store,
      stream,
      { type: 'GrantConsent', data: { caseId, consent, unknownRecipients: unknown }, metadata: context },
      { ...caseDecider, envelope: commandEnvelope(context, stream, caseScope(context.now)), cache: this.cache },
    );
    return { caseId, consentId: consent.consentId, position: String(position) };
  }
}
