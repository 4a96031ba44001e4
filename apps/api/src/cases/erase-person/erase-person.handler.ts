import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { aggregateStream, commandEnvelope, handleCommand, StreamStateCache } from '@passerelle/command-handling';
import { caseDecider, caseStream, type ErasePerson } from '@passerelle/domain';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { Keyring, LinkageKeyStore } from '@passerelle/privacy';
import { caseScope } from '../case.scope';
import { ReferralReceivers } from '../referral-receivers';
import { ErasePersonCommand } from './erase-person.command';

/**
 * Crypto-shredding: the data key (and her linkage key) is destroyed BEFORE `PersonErased` is appended. If the append then
 * fails, she is already unreadable and a retry records the erasure; the reverse order could record
 * an erasure while her data stayed readable.
 */
@CommandHandler(ErasePersonCommand)
export class ErasePersonHandler implements ICommandHandler<ErasePersonCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly keyring: Keyring,
    private readonly linkageKeys: LinkageKeyStore,
    private readonly cache: StreamStateCache,
    private readonly referralReceivers: ReferralReceivers,
  ) {}

  async execute({ data: { caseId }, context }: ErasePersonCommand) {
    const stream = caseStream(caseId);
    const command: ErasePerson = { type: 'ErasePerson', data: { caseId }, metadata: context };
    // Read to the latest event: the check below must not rest on a stale copy before a key is destroyed.
    const { state } = await aggregateStream(this.store, stream, { ...caseDecider, cache: this.cache });
    caseDecider.decide(command, state); // throws when this actor may not erase her: nothing is destroyed then
    // Found before anything is destroyed: a read model that does not answer leaves her as she was.
    const receivers = await this.referralReceivers.of(caseId);
    await this.keyring.destroy(caseId);
    // Her pseudonym goes too (docs/adr/0011-linkage-keys-outside-the-events.md): no view can link her any more.
    await this.linkageKeys.erase(caseId);
    const { position } = await handleCommand(this.store, stream, command, {
      ...caseDecider,
      envelope: commandEnvelope(context, stream, caseScope(context.now, receivers)),
      cache: this.cache,
    });
    return { caseId, erased: true, position: String(position) };
  }
}
