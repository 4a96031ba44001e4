import { jsonEvent, type EventData, type JSONType, type RecordedEvent as EsdbRecordedEvent } from '@eventstore/db-client';
import { type EventMetadata, ForeignEventError, type NewEvent, type RecordedEvent } from '../event-store.port';
import { toPortPosition } from './position.mapping';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The metadata EventStoreDB keeps, built field by field from the event envelope (docs/architecture.md#event-envelope-and-scope). Only these
 * fields are written, whatever else the object carries: EventStoreDB's redaction and scavenging
 * can remove event data but leave metadata, so nothing personal may ever reach it. `$correlationId`
 * and `$causationId` are EventStoreDB's own names for ids, which its `$by_correlation_id` projection reads.
 */
export function toStoredMetadata(metadata: EventMetadata): Record<string, unknown> {
  const { schemaVersion, occurredAt, actor, correlationId, causationId, scope } = metadata;
  return {
    schemaVersion,
    occurredAt,
    actor: {
      organisationId: actor.organisationId,
      role: actor.role,
      keyId: actor.keyId,
      ...(actor.personId === undefined ? {} : { personId: actor.personId }),
    },
    correlationId,
    causationId,
    scope: Object.fromEntries(Object.entries(scope).map(([organisationId, categories]) => [organisationId, [...categories]])),
    $correlationId: correlationId,
    ...(causationId === null ? {} : { $causationId: causationId }),
  };
}

/**
 * Back to the envelope: the same fields, without EventStoreDB's `$` copies. Null when the stored
 * metadata is not a Passerelle envelope (another writer's event, or metadata the client could not
 * parse, which it hands over as bytes).
 */
export function fromStoredMetadata(stored: unknown): EventMetadata | null {
  if (!isRecord(stored)) return null;
  const { schemaVersion, occurredAt, actor, correlationId, causationId, scope } = stored;
  const envelope =
    typeof schemaVersion === 'number' &&
    typeof occurredAt === 'string' &&
    isRecord(actor) &&
    typeof actor.role === 'string' &&
    typeof correlationId === 'string' &&
    (causationId === null || typeof causationId === 'string') &&
    isRecord(scope) &&
    Object.values(scope).every(Array.isArray);
  if (!envelope) return null;
  return {
    schemaVersion,
    occurredAt,
    actor: actor as EventMetadata['actor'],
    correlationId,
    causationId,
    scope: scope as EventMetadata['scope'],
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !ArrayBuffer.isView(value);
}

/** A port event as a JSON event whose EventStoreDB id is the caller's event id, so that a retry is recognised. */
export function toEventData(event: NewEvent): EventData {
  // Checked at run time as well: the id may come from JavaScript or JSON that the compiler never saw.
  const eventId: unknown = event.eventId;
  if (typeof eventId !== 'string' || !UUID.test(eventId)) throw new TypeError(`Event id ${String(eventId)} is not a UUID`);
  if (typeof event.type !== 'string' || event.type.length === 0) throw new TypeError(`Event ${event.eventId} has no type`);
  // JSON.stringify throws on bigint and cycles and returns undefined for undefined or a function, whatever lib.d.ts says.
  if ((JSON.stringify(event.data) as string | undefined) === undefined)
    throw new TypeError(`The data of event ${event.eventId} is not JSON`);
  return jsonEvent({
    id: event.eventId.toLowerCase(),
    type: event.type,
    data: event.data as JSONType,
    metadata: toStoredMetadata(event.metadata),
  });
}

/**
 * An EventStoreDB event of one of our streams as the port's, under its port stream name. Throws
 * {@link ForeignEventError} for an event Passerelle did not write: retrying cannot change it.
 */
export function toRecordedEvent(event: EsdbRecordedEvent, streamName: string): RecordedEvent {
  const position = event.position ? toPortPosition(event.position) : undefined;
  if (!event.isJson) throw new ForeignEventError(event.id, streamName, 'not JSON', position);
  const metadata = fromStoredMetadata(event.metadata);
  if (!metadata) throw new ForeignEventError(event.id, streamName, 'no Passerelle envelope in its metadata', position);
  if (position === undefined) {
    throw new Error(
      `EventStoreDB gave no log position for event ${event.id}: Passerelle needs a server that returns positions on stream reads (22.6 or later)`,
    );
  }
  return {
    eventId: event.id,
    type: event.type,
    data: event.data,
    metadata,
    streamName,
    streamRevision: event.revision,
    globalPosition: position,
    recordedAt: event.created,
  };
}
