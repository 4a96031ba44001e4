import type { Pool } from 'pg';

export interface ThrottlePolicy {
  /** Failures allowed per bucket within the window before it is blocked until the window ends. */
  account: { failures: number; windowMs: number };
  ip: { failures: number; windowMs: number };
}

/** Five wrong guesses per account, thirty per address, per quarter of an hour: a six-digit code or a password cannot be brute-forced. */
export const DEFAULT_THROTTLE: ThrottlePolicy = {
  account: { failures: 5, windowMs: 15 * 60_000 },
  ip: { failures: 30, windowMs: 15 * 60_000 },
};

/**
 * Failed password and code attempts, counted per account (the e-mail given, known or not: the
 * answer must not tell them apart) and per client address, in PostgreSQL so that every process
 * counts together. A blocked bucket answers 429 with Retry-After until its window ends.
 */
export class SignInThrottle {
  constructor(
    private readonly pool: Pool,
    private readonly policy: ThrottlePolicy = DEFAULT_THROTTLE,
  ) {}

  /** Seconds to wait when one of the buckets is blocked, else null. */
  async blockedFor(account: string, ip: string): Promise<number | null> {
    const { rows } = await this.pool.query<{ bucket: string; failures: number; ends_in_ms: string }>(
      `SELECT bucket, failures, (extract(epoch FROM window_start - now()) * 1000)::bigint::text AS ends_in_ms FROM auth_throttle WHERE bucket = ANY($1)`,
      [[`account:${account}`, `ip:${ip}`]],
    );
    let wait: number | null = null;
    for (const row of rows) {
      const limit = row.bucket.startsWith('ip:') ? this.policy.ip : this.policy.account;
      const remaining = Number(row.ends_in_ms) + limit.windowMs;
      if (row.failures >= limit.failures && remaining > 0) wait = Math.max(wait ?? 0, Math.ceil(remaining / 1000));
    }
    return wait;
  }

  async failed(account: string, ip: string): Promise<void> {
    for (const [bucket, limit] of [
      [`account:${account}`, this.policy.account],
      [`ip:${ip}`, this.policy.ip],
    ] as const) {
      await this.pool.query(
        `INSERT INTO auth_throttle (bucket, failures, window_start) VALUES ($1, 1, now())
         ON CONFLICT (bucket) DO UPDATE SET
           failures = CASE WHEN auth_throttle.window_start < now() - $2 * interval '1 millisecond' THEN 1 ELSE auth_throttle.failures + 1 END,
           window_start = CASE WHEN auth_throttle.window_start < now() - $2 * interval '1 millisecond' THEN now() ELSE auth_throttle.window_start END`,
        [bucket, limit.windowMs],
      );
    }
  }

  /** A successful sign-in clears her account's count (not the address's: one success does not excuse a spray). */
  async succeeded(account: string): Promise<void> {
    await this.pool.query('DELETE FROM auth_throttle WHERE bucket = $1', [`account:${account}`]);
  }
}
