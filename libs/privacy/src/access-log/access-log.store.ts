import type { Pool } from 'pg';
import { migrate } from '@passerelle/migrations';
import { PRIVACY_MIGRATIONS } from '../privacy.migration';

/** Which read opened her fields: her case, one referral, or a row of an inbox page. */
export type AccessVia = 'case' | 'referral' | 'inbox';

/** One read of a case's personal fields. Categories are those actually decrypted, never their content. */
export interface AccessLogEntry {
  caseId: string;
  organisationId: string;
  keyId: string | null;
  /** The person signed in who read (null when a machine key read). */
  personId?: string | null;
  via: AccessVia;
  referralId: string | null;
  categories: string[];
  readAt: Date;
}

export interface AccessLogPage {
  entries: (AccessLogEntry & { id: string })[];
  /** Pass back as `before` for the next (older) page; null on the last page. */
  nextCursor: string | null;
}

interface AccessLogRow {
  id: string;
  case_id: string;
  organisation_id: string;
  key_id: string | null;
  person_id: string | null;
  via: AccessVia;
  referral_id: string | null;
  categories: string[];
  read_at: Date;
}

const COLUMNS = ['case_id', 'organisation_id', 'key_id', 'person_id', 'via', 'referral_id', 'categories', 'read_at'] as const;

/**
 * The append-only access log (see access-log.schema.ts). `record` writes a whole inbox page in one
 * multi-row INSERT, so logging costs one round trip per request, not one per woman shown.
 */
export class AccessLogStore {
  constructor(private readonly pool: Pool) {}

  /** Applies the privacy migrations (for tools and tests; the apps apply every module's at start). */
  async migrate(): Promise<void> {
    await migrate(this.pool, [PRIVACY_MIGRATIONS]);
  }

  /** Entries that opened no category are skipped: nothing of her was disclosed. */
  async record(entries: readonly AccessLogEntry[]): Promise<number> {
    const opened = entries.filter((entry) => entry.categories.length > 0);
    if (opened.length === 0) return 0;
    const values: unknown[] = [];
    const rows = opened.map((entry) => {
      const first = values.length;
      values.push(
        entry.caseId,
        entry.organisationId,
        entry.keyId,
        entry.personId ?? null,
        entry.via,
        entry.referralId,
        entry.categories,
        entry.readAt,
      );
      return `(${COLUMNS.map((_, i) => `$${first + i + 1}`).join(', ')})`;
    });
    await this.pool.query(`INSERT INTO privacy_access_log (${COLUMNS.join(', ')}) VALUES ${rows.join(', ')}`, values);
    return opened.length;
  }

  /**
   * A case's reads, newest first (by `read_at`, ties by the log's own sequence), keyset-paginated:
   * the cursor is the id of the last entry of the previous page, and the next page starts strictly
   * after that entry's (read_at, id). Both the order and the cursor compare the same typed pair, so
   * no entry is skipped or repeated whatever the page size.
   */
  async listForCase(caseId: string, options: { before?: string; limit: number }): Promise<AccessLogPage> {
    // Table-qualified in ORDER BY: a bare `id` there would name the text alias of the select list.
    const { rows } = await this.pool.query<AccessLogRow>(
      `SELECT l.id::text AS id, ${COLUMNS.map((column) => `l.${column}`).join(', ')} FROM privacy_access_log l
       WHERE l.case_id = $1
         AND ($2::bigint IS NULL OR (l.read_at, l.id) < (SELECT c.read_at, c.id FROM privacy_access_log c WHERE c.id = $2::bigint AND c.case_id = $1))
       ORDER BY l.read_at DESC, l.id DESC LIMIT $3`,
      [caseId, options.before ?? null, options.limit + 1],
    );
    return this.page(rows, options.limit);
  }

  /**
   * What one reader (a person, or a machine key) of an organisation opened, newest first: her
   * org_admin reviews a colleague's reads without seeing anything of the women read.
   */
  async listForReader(
    organisationId: string,
    reader: { personId: string } | { keyId: string },
    options: { before?: string; limit: number },
  ): Promise<AccessLogPage> {
    const [column, value] = 'personId' in reader ? ['person_id', reader.personId] : ['key_id', reader.keyId];
    const { rows } = await this.pool.query<AccessLogRow>(
      `SELECT id::text AS id, ${COLUMNS.join(', ')} FROM privacy_access_log
       WHERE organisation_id = $1 AND ${column} = $2 AND ($3::bigint IS NULL OR id < $3::bigint)
       ORDER BY privacy_access_log.id DESC LIMIT $4`,
      [organisationId, value, options.before ?? null, options.limit + 1],
    );
    return this.page(rows, options.limit);
  }

  private page(rows: AccessLogRow[], limit: number): AccessLogPage {
    const page = rows.slice(0, limit);
    const last = page[page.length - 1];
    return {
      entries: page.map((row) => ({
        id: row.id,
        caseId: row.case_id,
        organisationId: row.organisation_id,
        keyId: row.key_id,
        personId: row.person_id,
        via: row.via,
        referralId: row.referral_id,
        categories: row.categories,
        readAt: row.read_at,
      })),
      nextCursor: rows.length > limit && last ? last.id : null,
    };
  }

  /**
   * Her reads added up per organisation, calendar day (in `timeZone`) and set of categories opened,
   * oldest first: what her access report lists (GDPR art. 15). An inbox page read ten times a day is
   * one line, not ten. At most `limit` lines; `complete` says whether there were more.
   */
  async readsByDay(caseId: string, options: { timeZone: string; limit: number }): Promise<{ days: AccessLogDay[]; complete: boolean }> {
    const { rows } = await this.pool.query<AccessLogDayRow>(
      `SELECT organisation_id, to_char(read_at AT TIME ZONE $2, 'YYYY-MM-DD') AS day, categories,
              count(*)::int AS times, min(read_at) AS first_at, max(read_at) AS last_at
       FROM privacy_access_log WHERE case_id = $1
       GROUP BY organisation_id, day, categories
       ORDER BY first_at, organisation_id LIMIT $3`,
      [caseId, options.timeZone, options.limit + 1],
    );
    return {
      days: rows.slice(0, options.limit).map((row) => ({
        organisationId: row.organisation_id,
        day: row.day,
        categories: row.categories,
        times: row.times,
        firstAt: row.first_at,
        lastAt: row.last_at,
      })),
      complete: rows.length <= options.limit,
    };
  }
}

/** The reads of one organisation on one day that opened the same categories. */
export interface AccessLogDay {
  organisationId: string;
  /** YYYY-MM-DD in the time zone asked for. */
  day: string;
  categories: string[];
  times: number;
  firstAt: Date;
  lastAt: Date;
}

interface AccessLogDayRow {
  organisation_id: string;
  day: string;
  categories: string[];
  times: number;
  first_at: Date;
  last_at: Date;
}
