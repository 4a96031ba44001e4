import { Logger } from '@nestjs/common';
import { nextStep, type WebhookEndpointStore, type WebhookSettings } from '@passerelle/webhooks';
import type { ClaimedDelivery, Completion, DeliveryQueue } from './delivery-queue';
import type { HttpAttempts } from './http-attempt';
import type { Signer } from './signer';

const SECRETS_TTL_MS = 1_000;
/** On stop, attempts in flight get this long to finish before they are cut and given back. */
const STOP_GRACE_MS = 1_000;

/**
 * Sends what the outbox holds. One claim loop for every endpoint, a slot count per endpoint
 * (a hanging endpoint only ever fills its own slots), outcomes written in batches. Woken by new
 * rows, by a freed slot, and by a short poll for retries that came due.
 */
export class DeliveryWorker {
  private readonly logger = new Logger('WebhookDispatcher');
  private readonly busy = new Map<string, number>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly secrets = new Map<string, { secrets: string[]; at: number }>();
  private pending: Completion[] = [];
  private flushing: Promise<void> | null = null;
  private running = false;
  private ticking = false;
  private again = false;
  private timers: NodeJS.Timeout[] = [];
  private abort = new AbortController();
  private cut: ClaimedDelivery[] = [];

  constructor(
    private readonly queue: DeliveryQueue,
    private readonly endpoints: WebhookEndpointStore,
    private readonly attempts: HttpAttempts,
    private readonly signer: Signer,
    private readonly settings: WebhookSettings,
  ) {}

  /** A lease outlives the attempt's timeout, so only a dead process's claims ever expire. */
  private get leaseMs(): number {
    return Math.max(2 * this.settings.timeoutMs, 1_000);
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.abort = new AbortController();
    await this.queue.recoverExpiredLeases();
    this.timers = [
      setInterval(() => this.wake(), this.settings.pollMs),
      setInterval(() => void this.queue.recoverExpiredLeases().then((n) => n > 0 && this.wake(), () => undefined), this.leaseMs),
    ];
    this.wake();
  }

  /**
   * Stops claiming and records what finishes within a short grace; attempts still hanging then are
   * cut and their claims given back uncounted, so a stop never waits for a slow receiver's timeout.
   */
  async stop(): Promise<void> {
    this.running = false;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all([...this.inFlight]), new Promise((resolve) => (grace = setTimeout(resolve, STOP_GRACE_MS)))]);
    clearTimeout(grace);
    this.abort.abort();
    await Promise.all([...this.inFlight]);
    await this.flush();
    const cut = this.cut;
    this.cut = [];
    await this.queue.release(cut);
  }

  wake(): void {
    if (!this.running) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = true;
    void this.tick().finally(() => {
      this.ticking = false;
    });
  }

  private async tick(): Promise<void> {
    try {
      do {
        this.again = false;
        const claimed = await this.queue.claim(this.settings.concurrencyPerEndpoint, this.busy, this.leaseMs);
        if (claimed.length === 0) continue;
        await this.refreshSecrets(claimed);
        for (const delivery of claimed) this.dispatch(delivery);
      } while (this.again && this.running);
    } catch (error) {
      this.logger.error(`claiming deliveries failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private dispatch(delivery: ClaimedDelivery): void {
    this.busy.set(delivery.endpointId, (this.busy.get(delivery.endpointId) ?? 0) + 1);
    const done = this.attempt(delivery).finally(() => {
      const left = (this.busy.get(delivery.endpointId) ?? 1) - 1;
      if (left > 0) this.busy.set(delivery.endpointId, left);
      else this.busy.delete(delivery.endpointId);
      this.inFlight.delete(done);
      this.wake();
    });
    this.inFlight.add(done);
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const secrets = this.secrets.get(delivery.endpointId)?.secrets ?? [];
    const result = secrets.length === 0
      ? { kind: 'failed' as const, error: 'no signing secret' }
      : await this.attempts.post(
        { url: delivery.url, body: delivery.payload, headers: this.signer.headers(delivery.eventId, delivery.payload, secrets) },
        this.abort.signal,
      );
    if (this.abort.signal.aborted) {
      this.cut.push(delivery);
      return;
    }
    const outcome = nextStep(result, delivery.attempt, this.settings.retryScheduleMs);
    this.record({
      endpointId: delivery.endpointId,
      eventId: delivery.eventId,
      status: outcome.status,
      delayMs: outcome.status === 'pending' ? outcome.delayMs : 0,
      responseCode: result.kind === 'answered' ? result.status : null,
      error: result.kind === 'failed' ? result.error : null,
      disableEndpoint: outcome.status === 'dead_lettered' ? outcome.disableEndpoint : null,
    });
  }

  /** Outcomes wait for the flush in progress, then go together in one statement. */
  private record(completion: Completion): void {
    this.pending.push(completion);
    if (!this.flushing) this.flushing = this.flushLoop();
  }

  private async flushLoop(): Promise<void> {
    try {
      while (this.pending.length > 0) {
        const batch = this.pending;
        this.pending = [];
        try {
          await this.queue.complete(batch, this.settings.disableAfterFailingMs);
        } catch (error) {
          // The rows stay `delivering` until their lease expires, then go out again: at-least-once.
          this.logger.error(`recording ${batch.length} delivery outcomes failed: ${error instanceof Error ? error.message : String(error)}`);
        }
      }
    } finally {
      this.flushing = null;
    }
  }

  private async flush(): Promise<void> {
    if (this.pending.length > 0 && !this.flushing) this.flushing = this.flushLoop();
    await this.flushing;
  }

  private async refreshSecrets(claimed: readonly ClaimedDelivery[]): Promise<void> {
    const now = Date.now();
    const stale = [...new Set(claimed.map((d) => d.endpointId))].filter((id) => (this.secrets.get(id)?.at ?? 0) + SECRETS_TTL_MS < now);
    if (stale.length === 0) return;
    const fresh = await this.endpoints.signingSecrets(stale);
    for (const id of stale) this.secrets.set(id, { secrets: fresh.get(id) ?? [], at: now });
  }
}
