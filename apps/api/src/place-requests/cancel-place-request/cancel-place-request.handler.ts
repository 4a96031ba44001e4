import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { handleCommand, StreamStateCache } from '@passerelle/command-handling';
import { placeRequestDecider, placeRequestStream } from '@passerelle/domain';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { PlaceRequestFollowUp } from '@passerelle/subscribers';
import { causeOf, placeRequestEnvelope } from '../place-request.scope';
import { CancelPlaceRequestCommand } from './cancel-place-request.command';

/** The sender cancels an open request; every referral still waiting is withdrawn (`cancelled`). */
@CommandHandler(CancelPlaceRequestCommand)
export class CancelPlaceRequestHandler implements ICommandHandler<CancelPlaceRequestCommand> {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly cache: StreamStateCache,
    private readonly followUp: PlaceRequestFollowUp,
  ) {}

  async execute({ data, context }: CancelPlaceRequestCommand) {
    const stream = placeRequestStream(data.placeRequestId);
    const { newEvents, position } = await handleCommand(
      this.store,
      stream,
      { type: 'CancelPlaceRequest', data, metadata: context },
      { ...placeRequestDecider, envelope: placeRequestEnvelope(context, stream), cache: this.cache },
    );
    const [event] = newEvents;
    const withdrawn = event ? await this.followUp.apply(causeOf(context, stream, event)) : null;
    return { placeRequestId: data.placeRequestId, status: 'cancelled', position: String(withdrawn ?? position) };
  }
}
