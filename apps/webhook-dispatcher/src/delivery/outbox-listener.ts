import { Client } from 'pg';
import { OUTBOX_CHANNEL } from '@passerelle/webhooks';

/**
 * LISTENs for new outbox rows on its own connection, so the dispatcher sends within milliseconds of
 * the commit instead of at its next poll. A lost connection only costs latency: the poll remains.
 */
export class OutboxListener {
  private client: Client | null = null;
  private closed = false;

  constructor(
    private readonly databaseUrl: string,
    private readonly onNotify: () => void,
  ) {}

  async start(): Promise<void> {
    if (this.closed) return;
    const client = new Client({ connectionString: this.databaseUrl });
    client.on('notification', () => this.onNotify());
    client.on('error', () => {
      this.client = null;
      setTimeout(() => void this.start().catch(() => undefined), 1_000);
    });
    await client.connect();
    await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
    this.client = client;
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- close() may have run during the awaits above
    if (this.closed) await this.close();
  }

  async close(): Promise<void> {
    this.closed = true;
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
