import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { organisationStream } from '@passerelle/domain';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { metadataOf } from '../../shared/command-context';
import { handleCommand } from '../../shared/event-sourcing';
import { organisationDecider, organisationScope } from '../organisation.decider';
import { RegisterOrganisationCommand } from './register-organisation.command';

@CommandHandler(RegisterOrganisationCommand)
export class RegisterOrganisationHandler implements ICommandHandler<RegisterOrganisationCommand> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ organisation, context }: RegisterOrganisationCommand) {
    const { id, ...rest } = organisation;
    const { position } = await handleCommand(this.store, organisationStream(id), organisationDecider,
      { type: 'RegisterOrganisation', data: { organisationId: id, ...rest }, metadata: metadataOf(context) }, context, organisationScope);
    return { id, position: String(position) };
  }
}
