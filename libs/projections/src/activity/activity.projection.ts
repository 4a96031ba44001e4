import { CASE_EVENT_TYPES, ORGANISATION_EVENT_TYPES, PLACE_REQUEST_EVENT_TYPES, REFERRAL_EVENT_TYPES } from '@passerelle/domain';
import type { RecordedEvent } from '@passerelle/event-store';
import type { Projection } from '../runner/projection';

export const ACTIVITY_TABLES = ['activity_events'];
const COLUMNS = ['global_position', 'organisation_id', 'person_id', 'key_id', 'event_type', 'stream_name', 'occurred_at'];

/** The index row of one event: who acted, for which organisation, what and where; never the event's data. */
export const activityRow = (event: RecordedEvent): unknown[] | null => {
  const { organisationId, personId, keyId } = event.metadata.actor;
  if (!organisationId || (!personId && !keyId)) return null;
  return [
    event.globalPosition.toString(),
    organisationId,
    personId ?? null,
    keyId,
    event.type,
    event.streamName,
    event.metadata.occurredAt,
  ];
};

/**
 * Every event indexed by who appended it (a person signed in, or a machine key) and the
 * organisation she acted for, so that an org_admin can review what one of her people did
 * (GET /v1/organisations/{id}/members/{personId}/activity). Ids and types only.
 */
export const activityProjection: Projection = {
  name: 'activity',
  handles: [...CASE_EVENT_TYPES, ...REFERRAL_EVENT_TYPES, ...PLACE_REQUEST_EVENT_TYPES, ...ORGANISATION_EVENT_TYPES],
  async applyBatch(manager, events) {
    const rows = events.map(activityRow).filter((row): row is unknown[] => row !== null);
    if (rows.length === 0) return;
    const values = rows.flat();
    const tuples = rows.map((_, r) => `(${COLUMNS.map((__, c) => `$${r * COLUMNS.length + c + 1}`).join(', ')})`);
    await manager.query(`INSERT INTO activity_events (${COLUMNS.join(', ')}) VALUES ${tuples.join(', ')} ON CONFLICT DO NOTHING`, values);
  },
};

export { ACTIVITY_MIGRATIONS } from './activity.migration';
