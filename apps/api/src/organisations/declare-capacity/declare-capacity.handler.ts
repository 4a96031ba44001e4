import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { organisationStream } from '@passerelle/domain';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { metadataOf } from '../../shared/command-context';
import { handleCommand } from '../../shared/event-sourcing';
import { organisationDecider, organisationScope } from '../organisation.decider';
import { DeclareCapacityCommand } from './declare-capacity.command';

@CommandHandler(DeclareCapacityCommand)
export class DeclareCapacityHandler implements ICommandHandler<DeclareCapacityCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ organisationId, capacity, context }: DeclareCapacityCommand) {
    const { position } = await handleCommand(this.store, organisationStream(organisationId), organisationDecider,
      { type: 'DeclareCapacity', data: { organisationId, ...capacity }, metadata: metadataOf(context) }, context, organisationScope);
    return { organisationId, ...capacity, position: String(position) };
  }
}
