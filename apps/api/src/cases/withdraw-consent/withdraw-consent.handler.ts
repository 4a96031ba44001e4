import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { caseStream } from '@passerelle/domain';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { metadataOf } from '../../shared/command-context';
import { handleCommand } from '../../shared/event-sourcing';
import { caseDecider, caseScope } from '../case.decider';
import { WithdrawConsentCommand } from './withdraw-consent.command';

@CommandHandler(WithdrawConsentCommand)
export class WithdrawConsentHandler implements ICommandHandler<WithdrawConsentCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ caseId, consentId, reason, context }: WithdrawConsentCommand) {
    const { position } = await handleCommand(this.store, caseStream(caseId), caseDecider,
      { type: 'WithdrawConsent', data: { caseId, consentId, reason }, metadata: metadataOf(context) }, context, caseScope(context.now));
    return { caseId, consentId, withdrawn: true, position: String(position) };
  }
}
