import { Logger } from '@nestjs/common';
import { Client, type ClientConfig } from 'pg';

export const AUTH_CHANNEL = 'passerelle_auth';

/**
 * Tells this process when a credential may have been taken away anywhere in the network, so that
 * cached credentials are trusted only while nothing changed (docs/architecture.md#people-sign-in-and-credentials).
 *
 * One connection LISTENs on `passerelle_auth` (notified by the triggers of libs/auth/src/auth.migration.ts,
 * on commit). Each notification bumps `generation`: a cached credential read under an older
 * generation is read again. While the connection is down, nothing is trusted: every call is
 * checked in the database until LISTEN is back — a revocation is never missed, only cached less.
 */
export class AuthInvalidation {
  private client: Client | null = null;
  private listening = false;
  private stopped = false;
  private retry: NodeJS.Timeout | null = null;
  private generationValue = 0;
  private readonly logger = new Logger('AuthInvalidation');

  constructor(private readonly config: ClientConfig) {}

  /** Changes whenever cached credentials may be stale; a cache entry is valid only under the generation it was read in. */
  get generation(): number {
    return this.generationValue;
  }

  /** True while notifications are received: only then may a cached credential be used. */
  get trusted(): boolean {
    return this.listening;
  }

  /** Called by this process itself after it revoked something: its own cache need not wait for the notification. */
  invalidate(): void {
    this.generationValue += 1;
  }

  async start(): Promise<void> {
    this.stopped = false;
    await this.connect();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retry) clearTimeout(this.retry);
    this.listening = false;
    this.invalidate();
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ ...this.config, application_name: `${this.config.application_name ?? 'passerelle'}-auth-listen` });
    this.client = client;
    const lost = () => {
      if (this.client !== client) return;
      this.listening = false;
      this.invalidate();
      this.client = null;
      void client.end().catch(() => undefined);
      if (!this.stopped) this.retry = setTimeout(() => void this.connect().catch(() => undefined), 1000).unref();
    };
    client.on('error', (error) => {
      this.logger.warn(
        `auth notifications lost (${error.message.split('\n')[0] ?? ''}); checking every credential in the database meanwhile`,
      );
      lost();
    });
    client.on('end', lost);
    client.on('notification', () => this.invalidate());
    try {
      await client.connect();
      await client.query(`LISTEN ${AUTH_CHANNEL}`);
      // Anything revoked while we were not listening: forget it all.
      this.invalidate();
      this.listening = true;
    } catch (error) {
      lost();
      if (!this.stopped && this.retry === null) throw error;
    }
  }
}

/**
 * Credentials cached per process under the generation they were read in. A read that overlapped a
 * notification is not cached: it may have seen the credential just before it was revoked.
 */
export class CredentialCache<Value> {
  private readonly entries = new Map<string, { value: Value; generation: number }>();

  constructor(
    private readonly invalidation: AuthInvalidation | null,
    private readonly maxEntries = 10_000,
  ) {}

  get(key: string): Value | undefined {
    const entry = this.entries.get(key);
    if (!entry || !this.invalidation?.trusted || entry.generation !== this.invalidation.generation) return undefined;
    return entry.value;
  }

  async read(key: string, load: () => Promise<Value>): Promise<Value> {
    const cached = this.get(key);
    if (cached !== undefined) return cached;
    const generation = this.invalidation?.generation;
    const value = await load();
    if (this.invalidation?.trusted && generation === this.invalidation.generation) {
      if (this.entries.size >= this.maxEntries) this.entries.clear();
      this.entries.set(key, { value, generation });
    }
    return value;
  }

  delete(key: string): void {
    this.entries.delete(key);
  }
}
