import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { caseStream, decideCase, type ErasePerson } from '@passerelle/domain';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { Keyring } from '@passerelle/privacy';
import { metadataOf } from '../../shared/command-context';
import { handleCommand, load } from '../../shared/event-sourcing';
import { caseDecider, caseScope } from '../case.decider';
import { ErasePersonCommand } from './erase-person.command';

/**
 * Crypto-shredding: the data key is destroyed BEFORE `PersonErased` is appended. If the append then
 * fails, she is already unreadable and a retry records the erasure; the reverse order could record
 * an erasure while her data stayed readable.
 */
@CommandHandler(ErasePersonCommand)
export class ErasePersonHandler implements ICommandHandler<ErasePersonCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore, private readonly keyring: Keyring) {}

  async execute({ caseId, context }: ErasePersonCommand) {
    const command: ErasePerson = { type: 'ErasePerson', data: { caseId }, metadata: metadataOf(context) };
    const loaded = await load(this.store, caseStream(caseId), caseDecider);
    decideCase(command, loaded.state); // throws when this actor may not erase her: nothing is destroyed then
    await this.keyring.destroy(caseId);
    const { position } = await handleCommand(this.store, caseStream(caseId), caseDecider, command, context, caseScope(context.now), loaded);
    return { caseId, erased: true, position: String(position) };
  }
}
