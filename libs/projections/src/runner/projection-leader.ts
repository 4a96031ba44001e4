import { Logger } from '@nestjs/common';
import { Client } from 'pg';

/** Advisory lock space of projection leaders ('PASS' + 1); start-up uses 'PASS'. Key 2: hashtext(projection name). */
const LEADER_LOCK_SPACE = 0x50415354;

export interface ProjectionLeaderOptions {
  connectionString: string;
  /** The projection's name: one lock, so one leader, per projection across every process. */
  name: string;
  /** Called on winning the lock: start the runner. */
  lead(): Promise<void>;
  /** Called on losing or giving up the lock, before it is released: stop the runner (it commits what it has). */
  resign(): Promise<void>;
  /** How often a follower tries for the lock and a leader checks its session. Default 1000 ms. */
  intervalMs?: number;
  logger?: { log(message: string): void; warn(message: string): void };
}

/**
 * Leader election for one projection, so that several projector instances can run and only one
 * applies each projection. The leader holds a session-level PostgreSQL advisory lock on a
 * dedicated connection: when its process dies or its connection drops, PostgreSQL ends the session
 * and releases the lock, and a follower, which retries every `intervalMs`, takes over.
 *
 * A leader that loses its connection resigns at once and, as the instance with the suspect
 * connection, leaves the next few attempts to the followers. Should two runners ever overlap (a leader
 * on a half-open connection that PostgreSQL has already dropped), no event is applied twice:
 * each batch commits under `FOR UPDATE` of the checkpoint row and skips what is at or below it.
 *
 * WARNING: how fast PostgreSQL notices a vanished client (no FIN, e.g. a network partition) depends
 * on its `tcp_keepalives_*` settings; set them low in production for a quick takeover.
 */
export class ProjectionLeader {
  private readonly intervalMs: number;
  private readonly logger: NonNullable<ProjectionLeaderOptions['logger']>;
  private client: Client | null = null;
  private leading = false;
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  /** After losing its session an instance stays out of the race for a few intervals: its connection is the suspect one. */
  private benchedUntil = 0;
  /** Campaign steps, connection losses and stop run one after the other, never interleaved. */
  private turn: Promise<void> = Promise.resolve();

  constructor(private readonly options: ProjectionLeaderOptions) {
    this.intervalMs = options.intervalMs ?? 1000;
    this.logger = options.logger ?? new Logger(`Leader:${options.name}`);
  }

  get isLeading(): boolean {
    return this.leading;
  }

  /** Resolves after the first attempt: an instance alone on its database leads as soon as start returns. */
  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    await this.enqueue(() => this.step());
  }

  /** Resigns (the runner commits), then ends the session, which releases the lock for a follower. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.enqueue(async () => {
      await this.resign('stopping', 'log');
      await this.disconnect();
    });
  }

  private enqueue(work: () => Promise<void>): Promise<void> {
    this.turn = this.turn.then(work, work);
    return this.turn;
  }

  private async step(): Promise<void> {
    if (!this.running) return;
    try {
      if (this.leading) await this.client?.query('SELECT 1');
      else await this.campaign();
    } catch (error) {
      await this.lose(error);
    }
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- stop() may have cleared it during the awaits above; TypeScript keeps the narrowing from the first check
    if (!this.running) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.enqueue(() => this.step());
    }, this.intervalMs);
  }

  private async campaign(): Promise<void> {
    if (Date.now() < this.benchedUntil) return;
    const client = await this.connection();
    const { rows } = await client.query<{ locked: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS locked', [
      LEADER_LOCK_SPACE,
      this.options.name,
    ]);
    if (!rows[0]?.locked || !this.running) return;
    this.leading = true;
    this.logger.log('leading: this instance now runs the projection');
    await this.options.lead();
  }

  private async connection(): Promise<Client> {
    if (this.client) return this.client;
    // query_timeout: a heartbeat on a dead connection fails instead of hanging, and the leader resigns.
    const client = new Client({
      connectionString: this.options.connectionString,
      keepAlive: true,
      query_timeout: Math.max(5_000, this.intervalMs * 5),
    });
    const lost = (error: unknown) => void this.enqueue(() => (this.client === client ? this.lose(error) : Promise.resolve()));
    client.on('error', lost);
    client.on('end', () => lost(new Error('connection ended')));
    this.client = client;
    await client.connect();
    return client;
  }

  /** The lock went with the connection (or never came): resign if leading, and reconnect on the next step. */
  private async lose(error: unknown): Promise<void> {
    this.benchedUntil = Date.now() + 3 * this.intervalMs;
    await this.resign(`lost the lock connection (${error instanceof Error ? error.message : String(error)})`, 'warn');
    await this.disconnect();
  }

  private async resign(why: string, level: 'log' | 'warn'): Promise<void> {
    if (!this.leading) return;
    this.leading = false;
    this.logger[level](`resigning: ${why}`);
    await this.options.resign();
  }

  private async disconnect(): Promise<void> {
    const client = this.client;
    this.client = null;
    await client?.end().catch(() => undefined);
  }
}
