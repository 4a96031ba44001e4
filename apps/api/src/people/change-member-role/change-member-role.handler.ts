import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PeopleStore } from '@passerelle/auth';
import { StreamStateCache } from '@passerelle/command-handling';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { decideOnOrganisation } from '../organisation-command';
import { ChangeMemberRoleCommand } from './change-member-role.command';

/** MemberRoleChanged, then the people table her sessions read on every call: the new role applies within a second. */
@CommandHandler(ChangeMemberRoleCommand)
export class ChangeMemberRoleHandler implements ICommandHandler<ChangeMemberRoleCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly cache: StreamStateCache,
    private readonly people: PeopleStore,
  ) {}

  async execute({ data, context }: ChangeMemberRoleCommand) {
    const { position } = await decideOnOrganisation(this.store, this.cache, { type: 'ChangeMemberRole', data, metadata: context }, context);
    await this.people.setRole(data.personId, data.role);
    return { personId: data.personId, role: data.role, position: position === null ? null : String(position) };
  }
}
