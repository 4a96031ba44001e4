import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { PeopleStore } from '@passerelle/auth';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { requireManagerNow } from '../organisation-command';
import { ListMembersQuery } from './list-members.query';

/** The organisation's people (invited and active) for its org_admins. */
@QueryHandler(ListMembersQuery)
export class ListMembersHandler implements IQueryHandler<ListMembersQuery> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly people: PeopleStore,
  ) {}

  async execute({ actor, organisationId }: ListMembersQuery) {
    const { state } = await requireManagerNow(this.store, actor, organisationId);
    const pending = Object.values(state.invitations).filter((invitation) => invitation.status === 'pending');
    const people = await this.people.list(organisationId);
    return {
      items: people.map((person) => {
        const invitation = pending.find((i) => i.personId === person.personId);
        return {
          personId: person.personId,
          email: person.email,
          role: person.role,
          status: person.status,
          invitedAt: person.createdAt,
          invitationExpiresAt: invitation?.expiresAt ?? null,
        };
      }),
    };
  }
}
