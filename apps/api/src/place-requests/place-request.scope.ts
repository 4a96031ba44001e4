import { commandEnvelope, type CommandContext, type ScopeOf } from '@passerelle/command-handling';
import { scopeForPlaceRequestEvent, type PlaceRequestEvent, type PlaceRequestState } from '@passerelle/domain';
import type { PlaceRequestCause } from '@passerelle/subscribers';

/** A place request's events are its sender's: they name every shelter asked (libs/domain/src/scope.ts). */
export const placeRequestScope: ScopeOf<PlaceRequestState, PlaceRequestEvent> = (event, before) => {
  const sender = event.type === 'PlaceRequestMade' ? event.data.from : before.status === 'none' ? null : before.from;
  return sender ? scopeForPlaceRequestEvent(sender) : {};
};

/** The envelope a command gives its place-request events. */
export const placeRequestEnvelope = (context: CommandContext, streamName: string) =>
  commandEnvelope(context, streamName, placeRequestScope);

/**
 * The event a command just appended, as the follow-up takes it (libs/subscribers/src/place-requests):
 * the same id and metadata the envelope gave it, so the follow-up's events name it as their cause.
 */
export function causeOf(context: CommandContext, streamName: string, event: PlaceRequestEvent): PlaceRequestCause {
  // Only the id, instant, actor and correlation of the event are used: the scope is not.
  const { eventId, metadata } = placeRequestEnvelope(context, streamName)(event, { status: 'none' }, 0);
  return { eventId, type: event.type, data: event.data, metadata };
}
