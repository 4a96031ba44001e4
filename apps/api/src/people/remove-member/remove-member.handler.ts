import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PeopleStore } from '@passerelle/auth';
import { StreamStateCache } from '@passerelle/command-handling';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { decideOnOrganisation } from '../organisation-command';
import { RemoveMemberCommand } from './remove-member.command';

/** MemberRemoved, then her account and every session of hers end: refused everywhere within a second. */
@CommandHandler(RemoveMemberCommand)
export class RemoveMemberHandler implements ICommandHandler<RemoveMemberCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly cache: StreamStateCache,
    private readonly people: PeopleStore,
  ) {}

  async execute({ data, context }: RemoveMemberCommand): Promise<void> {
    await decideOnOrganisation(this.store, this.cache, { type: 'RemoveMember', data, metadata: context }, context);
    await this.people.remove(data.personId);
  }
}
