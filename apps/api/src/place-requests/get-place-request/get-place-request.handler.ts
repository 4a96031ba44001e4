import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { notFound, placeRequestStream, referralStream } from '@passerelle/domain';
import { EVENT_STORE, type EventStore } from '@passerelle/event-store';
import { GetPlaceRequestQuery } from './get-place-request.query';
import { placeRequestView } from './place-request-view';

/**
 * A place request as its sender sees it: its status, and each recipient's answer and how long it
 * took. Read from the streams, so the sender sees an acceptance the moment it is written. Only the
 * sender reads it: it names every shelter asked, which a recipient must never learn.
 */
@QueryHandler(GetPlaceRequestQuery)
export class GetPlaceRequestHandler implements IQueryHandler<GetPlaceRequestQuery> {
  constructor(@Inject(EVENT_STORE) private readonly store: EventStore) {}

  async execute({ placeRequestId, actor, now }: GetPlaceRequestQuery) {
    const request = await this.store.readStream(placeRequestStream(placeRequestId));
    const made = request[0];
    const recipients = made?.type === 'PlaceRequestMade' ? (made.data as { recipients: { referralId: string }[] }).recipients : [];
    const from = made?.type === 'PlaceRequestMade' ? (made.data as { from: string }).from : null;
    if (from !== actor.organisationId) {
      throw notFound('PLACE_REQUEST.NOT_FOUND', 'No place request with this id is visible to your organisation.');
    }
    const referrals = await Promise.all(recipients.map(({ referralId }) => this.store.readStream(referralStream(referralId))));
    const view = placeRequestView(request, referrals, now);
    if (!view) throw notFound('PLACE_REQUEST.NOT_FOUND', 'No place request with this id is visible to your organisation.');
    return view;
  }
}
