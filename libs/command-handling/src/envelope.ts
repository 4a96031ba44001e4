import type { EventMetadata } from '@passerelle/event-store';
import { commandId, type CommandContext } from './command-context';
import type { Envelope } from './handle-command';

/** Who may see an event and which categories of her data each may see, decided on the state before it. */
export type ScopeOf<State, Event> = (event: Event, before: State) => Record<string, string[]>;

/**
 * The standard envelope of an event appended by a command: ids derived from the command's seed
 * (so an idempotent retry makes the same event ids), the actor, the command's clock, its
 * correlation id, and the consent scope computed at write time.
 */
export function commandEnvelope<State, Event>(
  context: CommandContext,
  streamName: string,
  scopeOf: ScopeOf<State, Event>,
): Envelope<State, Event> {
  return (event, before, index) => {
    const metadata: EventMetadata = {
      schemaVersion: 1,
      occurredAt: context.now.toISOString(),
      actor: {
        organisationId: context.actor.organisationId,
        role: context.actor.role,
        keyId: context.actor.keyId,
        personId: context.actor.personId ?? null,
      },
      correlationId: context.correlationId,
      causationId: null,
      scope: scopeOf(event, before),
    };
    return { eventId: commandId(context, `${streamName}:event:${index}`), metadata };
  };
}
