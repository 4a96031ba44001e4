import type { EventMetadata, RecordedEvent } from '../event-store.port';

/** Columns of `es_events` in the order {@link toRecordedEvent} expects; bigints come back as text. */
export const EVENT_COLUMNS = 'global_position, event_id, stream_name, stream_revision, type, data, metadata, recorded_at';

export interface EventRowFromDb {
  global_position: string;
  event_id: string;
  stream_name: string;
  stream_revision: string;
  type: string;
  data: unknown;
  metadata: EventMetadata;
  recorded_at: Date;
}

export function toRecordedEvent(row: EventRowFromDb): RecordedEvent {
  return {
    eventId: row.event_id,
    type: row.type,
    data: row.data,
    metadata: row.metadata,
    streamName: row.stream_name,
    streamRevision: BigInt(row.stream_revision),
    globalPosition: BigInt(row.global_position),
    recordedAt: row.recorded_at,
  };
}
