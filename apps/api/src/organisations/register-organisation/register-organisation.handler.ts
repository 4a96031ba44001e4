import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandEnvelope, handleCommand, StreamStateCache } from '@passerelle/command-handling';
import { organisationDecider, organisationStream } from '@passerelle/domain';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { organisationScope } from '../organisation.scope';
import { RegisterOrganisationCommand } from './register-organisation.command';

@CommandHandler(RegisterOrganisationCommand)
export class RegisterOrganisationHandler implements ICommandHandler<RegisterOrganisationCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly cache: StreamStateCache,
  ) {}

  async execute({ data, context }: RegisterOrganisationCommand) {
    const { id, ...rest } = data;
    const stream = organisationStream(id);
    const { position } = await handleCommand(
      this.store,
      stream,
      { type: 'RegisterOrganisation', data: { organisationId: id, ...rest }, metadata: context },
      { ...organisationDecider, envelope: commandEnvelope(context, stream, organisationScope), cache: this.cache },
    );
    return { id, position: String(position) };
  }
}
