import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandEnvelope, handleCommand, StreamStateCache } from '@passerelle/command-handling';
import { organisationDecider, organisationStream } from '@passerelle/domain';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { organisationScope } from '../organisation.scope';
import { DeclareCapacityCommand } from './declare-capacity.command';

@CommandHandler(DeclareCapacityCommand)
export class DeclareCapacityHandler implements ICommandHandler<DeclareCapacityCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly cache: StreamStateCache,
  ) {}

  async execute({ data, context }: DeclareCapacityCommand) {
    const stream = organisationStream(data.organisationId);
    const { position } = await handleCommand(
      this.store,
      stream,
      { type: 'DeclareCapacity', data, metadata: context },
      { ...organisationDecider, envelope: commandEnvelope(context, stream, organisationScope), cache: this.cache },
    );
    return { ...data, position: String(position) };
  }
}
