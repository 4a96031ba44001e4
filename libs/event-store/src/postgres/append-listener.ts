import { Client } from 'pg';
import { APPENDED_CHANNEL } from './postgres-schema';
import type { WakeUpSignal } from './wake-up-signal';

/** A lost LISTEN connection is re-opened at most this often; the fallback poll covers the gap. */
const RECONNECT_INTERVAL_MS = 5_000;

/**
 * `LISTEN es_appended` on a dedicated connection (a pooled one would be handed to other queries),
 * so that subscriptions wake up on appends made by other processes. Opened lazily by the first
 * subscription; failures are never fatal because subscriptions also poll.
 */
export class AppendListener {
  private client: Client | null = null;
  private connecting: Promise<void> | null = null;
  private lastAttempt = Number.NEGATIVE_INFINITY;
  private closed = false;

  constructor(
    private readonly connectionString: string,
    private readonly signal: WakeUpSignal,
  ) {}

  /** Starts listening unless already listening, connecting, or a recent attempt failed. */
  ensure(): void {
    if (this.closed || this.client || this.connecting) return;
    if (Date.now() - this.lastAttempt < RECONNECT_INTERVAL_MS) return;
    this.lastAttempt = Date.now();
    this.connecting = this.connect().finally(() => {
      this.connecting = null;
    });
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.connecting;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.connectionString });
    // Without an 'error' listener a dropped connection would crash the process.
    client.on('error', () => this.forget(client));
    client.on('end', () => this.forget(client));
    client.on('notification', (message) => {
      const payload = message.payload ?? '';
      const position = /^\d+$/.test(payload) ? BigInt(payload) : null;
      if (position === null) this.signal.notify();
      else this.signal.notifyRemote(position);
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${APPENDED_CHANNEL}`);
    } catch {
      await client.end().catch(() => undefined);
      return;
    }
    if (this.closed) {
      await client.end().catch(() => undefined);
      return;
    }
    this.client = client;
    // Appends that committed while we were connecting were not notified to us.
    this.signal.notify();
  }

  private forget(client: Client): void {
    if (this.client === client) this.client = null;
  }
}
