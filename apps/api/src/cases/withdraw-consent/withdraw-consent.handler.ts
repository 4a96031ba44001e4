import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandEnvelope, handleCommand, StreamStateCache } from '@passerelle/command-handling';
import { caseDecider, caseStream } from '@passerelle/domain';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { caseScope } from '../case.scope';
import { WithdrawConsentCommand } from './withdraw-consent.command';

@CommandHandler(WithdrawConsentCommand)
export class WithdrawConsentHandler implements ICommandHandler<WithdrawConsentCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly cache: StreamStateCache,
  ) {}

  async execute({ data, context }: WithdrawConsentCommand) {
    const stream = caseStream(data.caseId);
    const { position } = await handleCommand(
      this.store,
      stream,
      { type: 'WithdrawConsent', data, metadata: context },
      {
        ...caseDecider,
        envelope: commandEnvelope(context, stream, caseScope(context.now)),
        cache: this.cache,
      },
    );
    return { caseId: data.caseId, consentId: data.consentId, withdrawn: true, position: String(position) };
  }
}
