/** `active` endpoints receive deliveries; `disabled` ones were stopped by 410 Gone or by failing too long. */
export type EndpointStatus = 'active' | 'disabled';
export type DisabledReason = 'gone' | 'failing';

/** What a partner sees of one of its endpoints: never the secret, which is shown once at creation or rotation. */
export interface WebhookEndpoint {
  id: string;
  organisationId: string;
  url: string;
  /** Integration event types, or `*` for every type the organisation may see. */
  events: string[];
  status: EndpointStatus;
  disabledReason: DisabledReason | null;
  /** Events at or before this position are only sent by a replay. */
  afterPosition: string;
  failingSince: string | null;
  createdAt: string;
}

export interface EndpointRow {
  id: string;
  organisation_id: string;
  url: string;
  event_types: string[];
  status: EndpointStatus;
  disabled_reason: DisabledReason | null;
  after_position: string;
  failing_since: Date | null;
  created_at: Date;
}

export const ENDPOINT_COLUMNS = 'id, organisation_id, url, event_types, status, disabled_reason, after_position, failing_since, created_at';

export function toEndpoint(row: EndpointRow): WebhookEndpoint {
  return {
    id: row.id,
    organisationId: row.organisation_id,
    url: row.url,
    events: row.event_types,
    status: row.status,
    disabledReason: row.disabled_reason,
    afterPosition: row.after_position,
    failingSince: row.failing_since?.toISOString() ?? null,
    createdAt: row.created_at.toISOString(),
  };
}
