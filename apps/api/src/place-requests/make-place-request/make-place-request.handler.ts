import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { commandId, handleCommand, StreamStateCache, withReadStream } from '@passerelle/command-handling';
import { caseDecider, caseStream, placeRequestDecider, placeRequestStream, type OrganisationState } from '@passerelle/domain';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { Keyring } from '@passerelle/privacy';
import { PlaceRequestFollowUp } from '@passerelle/subscribers';
import { RegisteredOrganisations } from '../../organisations/registered-organisations';
import { causeOf, placeRequestEnvelope } from '../place-request.scope';
import { MakePlaceRequestCommand } from './make-place-request.command';

/**
 * One request for a place to several shelters: decided and appended on its own stream, on her case
 * as it stands (the append names her case's revision, so consent cannot change under the decision),
 * then one referral per recipient follows. The referrals are written right here, so the answer
 * names referrals that exist; the process manager writes them too if this process dies in between
 * (docs/adr/0012-place-requests.md).
 */
@CommandHandler(MakePlaceRequestCommand)
export class MakePlaceRequestHandler implements ICommandHandler<MakePlaceRequestCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly keyring: Keyring,
    private readonly organisations: RegisteredOrganisations,
    private readonly cache: StreamStateCache,
    private readonly followUp: PlaceRequestFollowUp,
  ) {}

  async execute({ data, context }: MakePlaceRequestCommand) {
    const placeRequestId = commandId(context, 'place-request');
    const stream = placeRequestStream(placeRequestId);
    const recipients = data.to.map((organisationId) => ({ organisationId, referralId: commandId(context, `referral:${organisationId}`) }));
    const receivers: Record<string, OrganisationState> = {};
    for (const [organisationId, state] of await Promise.all(data.to.map(async (id) => [id, await this.organisations.get(id)] as const))) {
      receivers[organisationId] = state;
    }
    const respondBy = data.respondBy ? new Date(data.respondBy).toISOString() : null;
    const made = await withReadStream(
      this.store,
      caseStream(data.caseId),
      { ...caseDecider, cache: this.cache },
      async ({ state, alsoExpect }) => {
        // Sealed once: every referral of the request carries this ciphertext.
        const message = data.message && state.status === 'open' ? await this.keyring.seal(data.caseId, data.message) : null;
        return handleCommand(
          this.store,
          stream,
          {
            type: 'MakePlaceRequest',
            data: { ...data, placeRequestId, recipients, message, respondBy, case: state, receivers },
            metadata: context,
          },
          { ...placeRequestDecider, envelope: placeRequestEnvelope(context, stream), cache: this.cache, newStream: true, alsoExpect },
        );
      },
    );
    const [event] = made.newEvents;
    const position = event ? await this.followUp.apply(causeOf(context, stream, event)) : null;
    return {
      placeRequestId,
      referralIds: recipients.map((r) => r.referralId),
      status: 'open',
      position: String(position ?? made.position),
    };
  }
}
