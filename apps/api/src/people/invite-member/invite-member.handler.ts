import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { PeopleStore } from '@passerelle/auth';
import { commandId, StreamStateCache } from '@passerelle/command-handling';
import { APP_CONFIG, type RuntimeSettings } from '@passerelle/config';
import { conflict } from '@passerelle/domain';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { decideOnOrganisation } from '../organisation-command';
import { invitationUrl } from '../invitation-url';
import { InviteMemberCommand } from './invite-member.command';

/** An invitation is valid for a week: long enough to reach a busy colleague, short enough that a forgotten link dies. */
export const INVITATION_LIFETIME_MS = 7 * 24 * 3600 * 1000;

/**
 * MemberInvited goes on the organisation's stream (ids and role only); her e-mail address and the
 * invitation's hashed secret go to the people table. The link is returned once and never logged.
 */
@CommandHandler(InviteMemberCommand)
export class InviteMemberHandler implements ICommandHandler<InviteMemberCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly cache: StreamStateCache,
    private readonly people: PeopleStore,
    @Inject(APP_CONFIG) private readonly settings: RuntimeSettings,
  ) {}

  async execute({ data, context }: InviteMemberCommand) {
    if (await this.people.emailInUse(data.email)) throw conflict('MEMBER.ALREADY_EXISTS', 'This e-mail address already has an account');
    const invitationId = commandId(context, 'invitation');
    const personId = commandId(context, 'person');
    const expiresAt = new Date(context.now.getTime() + INVITATION_LIFETIME_MS).toISOString();
    const invited = { organisationId: data.organisationId, invitationId, personId, role: data.role, expiresAt };
    const { position } = await decideOnOrganisation(
      this.store,
      this.cache,
      { type: 'InviteMember', data: invited, metadata: context },
      context,
    );
    const token = await this.people.invite({ ...invited, email: data.email });
    return {
      invitationId,
      personId,
      role: data.role,
      expiresAt,
      invitationUrl: invitationUrl(this.settings, token),
      position: String(position),
    };
  }
}
