import type { DataSource } from 'typeorm';

export interface ActivityEntry {
  position: string;
  type: string;
  stream: string;
  at: string;
}

/** What one person (or machine key) did for an organisation, newest first, keyset-paginated on the position. */
export class ActivityQuery {
  constructor(private readonly dataSource: DataSource) {}

  async forActor(
    organisationId: string,
    actor: { personId: string } | { keyId: string },
    options: { before?: string; limit: number },
  ): Promise<{ items: ActivityEntry[]; nextCursor: string | null }> {
    const [column, value] = 'personId' in actor ? ['person_id', actor.personId] : ['key_id', actor.keyId];
    const rows = await this.dataSource.query<{ global_position: string; event_type: string; stream_name: string; occurred_at: Date }[]>(
      `SELECT global_position::text AS global_position, event_type, stream_name, occurred_at FROM activity_events
       WHERE organisation_id = $1 AND ${column} = $2 AND ($3::bigint IS NULL OR global_position < $3::bigint)
       ORDER BY activity_events.global_position DESC LIMIT $4`,
      [organisationId, value, options.before ?? null, options.limit + 1],
    );
    const page = rows.slice(0, options.limit);
    const last = page[page.length - 1];
    return {
      items: page.map((row) => ({
        position: row.global_position,
        type: row.event_type,
        stream: row.stream_name,
        at: new Date(row.occurred_at).toISOString(),
      })),
      nextCursor: rows.length > options.limit && last ? last.global_position : null,
    };
  }
}
