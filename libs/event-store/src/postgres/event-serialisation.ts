import type { NewEvent } from '../event-store.port';

/** One event ready for the multi-row insert: ids normalised, JSON already serialised. */
export interface PreparedEvent {
  /** Lower-case, as PostgreSQL prints a uuid, so that in-memory lookups match stored ids. */
  eventId: string;
  type: string;
  data: string;
  metadata: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * `jsonb` rejects the NUL character and unpaired UTF-16 surrogates. JSON.stringify writes both as
 * `\u` escapes (a well-formed surrogate pair is written raw), so an escape not itself escaped by a
 * preceding backslash is enough to spot them.
 */
const JSONB_INCOMPATIBLE = /(?:^|[^\\])(?:\\\\)*\\u(?:0000|d[89a-f])/i;

/**
 * Validates and serialises the events of one append before it joins a batch. Everything that
 * PostgreSQL would reject must be caught here: a bad row inside a group-commit batch would fail
 * the other, unrelated appends that share its transaction.
 */
export function prepareEvents(streamName: string, events: readonly NewEvent[]): PreparedEvent[] {
  if (typeof streamName !== 'string' || streamName.length === 0) throw new TypeError('A stream name must be a non-empty string');
  if (!Array.isArray(events) || events.length === 0) throw new TypeError(`An append to ${streamName} needs at least one event`);
  // Array.isArray above narrows `events` to any[]: the parameter's annotation keeps each event typed.
  return events.map((event: NewEvent) => {
    // Checked at run time as well: the id may come from JavaScript or JSON that the compiler never saw.
    const eventId: unknown = event.eventId;
    if (typeof eventId !== 'string' || !UUID.test(eventId)) {
      throw new TypeError(`Event id ${String(eventId)} is not a UUID`);
    }
    if (typeof event.type !== 'string' || event.type.length === 0) throw new TypeError(`Event ${event.eventId} has no type`);
    return {
      eventId: event.eventId.toLowerCase(),
      type: event.type,
      data: toJsonb(event.data, `data of event ${event.eventId}`),
      metadata: toJsonb(event.metadata, `metadata of event ${event.eventId}`),
    };
  });
}

function toJsonb(value: unknown, what: string): string {
  // JSON.stringify throws on bigint and cycles and returns undefined for undefined/functions, whatever lib.d.ts says.
  const json = JSON.stringify(value) as string | undefined;
  if (json === undefined) throw new TypeError(`The ${what} is not JSON`);
  if (JSONB_INCOMPATIBLE.test(json))
    throw new TypeError(`The ${what} holds a NUL character or an unpaired surrogate, which PostgreSQL jsonb cannot store`);
  return json;
}
