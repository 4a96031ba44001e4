import { toWebhookPayload, type Publication } from '@passerelle/contracts';

/** The columns a batch of publications becomes, as parallel arrays for one `unnest` statement. */
export interface OutboxRows {
  events: { index: number[]; eventId: string[]; position: string[]; type: string[]; payload: string[]; network: boolean[] };
  /** (event index, organisation id) pairs: who may see each event that is not for the whole network. */
  audience: { index: number[]; organisationId: string[] };
}

/** The payload is serialised once, here: the exact bytes that are signed and sent on every attempt. */
export function toOutboxRows(publications: readonly Publication[]): OutboxRows {
  const rows: OutboxRows = {
    events: { index: [], eventId: [], position: [], type: [], payload: [], network: [] },
    audience: { index: [], organisationId: [] },
  };
  publications.forEach(({ event, audience }, index) => {
    rows.events.index.push(index);
    rows.events.eventId.push(event.eventId);
    rows.events.position.push(event.globalPosition);
    rows.events.type.push(event.type);
    rows.events.payload.push(JSON.stringify(toWebhookPayload(event)));
    rows.events.network.push(audience.kind === 'network');
    if (audience.kind === 'organisations') {
      for (const organisationId of audience.organisationIds) {
        rows.audience.index.push(index);
        rows.audience.organisationId.push(organisationId);
      }
    }
  });
  return rows;
}

export const outboxParameters = (rows: OutboxRows): unknown[] => [
  rows.events.index,
  rows.events.eventId,
  rows.events.position,
  rows.events.type,
  rows.events.payload,
  rows.events.network,
  rows.audience.index,
  rows.audience.organisationId,
];

/**
 * `$1…$8` as {@link outboxParameters}: the publications joined with the endpoints allowed to see
 * them (in the audience, or network-wide) and subscribed to their type.
 */
export const ELIGIBLE_DELIVERIES = `
  WITH p AS (
    SELECT * FROM unnest($1::int[], $2::text[], $3::bigint[], $4::text[], $5::text[], $6::bool[])
      AS p(idx, event_id, position, type, payload, network)
  ), a AS (
    SELECT * FROM unnest($7::int[], $8::text[]) AS a(idx, organisation_id)
  )
  SELECT e.id AS endpoint_id, e.after_position, p.event_id, p.position, p.type, p.payload
  FROM p JOIN webhook_endpoints e ON e.status = 'active' AND (e.event_types @> ARRAY['*'] OR e.event_types @> ARRAY[p.type])
  WHERE p.network OR EXISTS (SELECT 1 FROM a WHERE a.idx = p.idx AND a.organisation_id = e.organisation_id)`;
