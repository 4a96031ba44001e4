import { setMaxListeners } from 'node:events';
import { Logger } from '@nestjs/common';
import { nextStep, type WebhookEndpointStore, type WebhookSettings } from '@passerelle/webhooks';
import type { ClaimedDelivery, Completion, DeliveryQueue } from './delivery-queue';
import { EndpointLanes } from './endpoint-lanes';
import type { HttpAttempts } from './http-attempt';
import { OutcomeRecorder } from './outcome-recorder';
import type { Signer } from './signer';

const SECRETS_TTL_MS = 1_000;
/** On stop, attempts in flight get this long to finish before they are cut and given back. */
const STOP_GRACE_MS = 1_000;

/**
 * Sends what the outbox holds: one claim loop for every endpoint, per-endpoint lanes, outcomes
 * recorded in batches. Woken by new rows (NOTIFY), by a finished attempt, and by a short poll for
 * retries that came due.
 */
export class DeliveryWorker {
  private readonly logger = new Logger('WebhookDispatcher');
  private readonly lanes: EndpointLanes;
  private readonly recorder: OutcomeRecorder;
  private readonly inFlight = new Set<Promise<void>>();
  private readonly secrets = new Map<string, { secrets: string[]; at: number }>();
  private running = false;
  private ticking = false;
  private again = false;
  private ticked: Promise<void> = Promise.resolve();
  private timers: NodeJS.Timeout[] = [];
  private abort = new AbortController();
  private cut: ClaimedDelivery[] = [];

  constructor(
    private readonly queue: DeliveryQueue,
    private readonly endpoints: WebhookEndpointStore,
    private readonly attempts: HttpAttempts,
    private readonly signer: Signer,
    private readonly settings: WebhookSettings,
  ) {
    this.lanes = new EndpointLanes(settings.concurrencyPerEndpoint);
    this.recorder = new OutcomeRecorder(queue, settings.disableAfterFailingMs, this.logger);
  }

  /** A lease outlives a claim's wait in its lane plus its attempt: only a dead process's claims expire. */
  private get leaseMs(): number {
    return Math.max(3 * this.settings.timeoutMs, 1_000);
  }

  async start(): Promise<void> {
    if (this.running) return;
    this.running = true;
    this.abort = new AbortController();
    setMaxListeners(0, this.abort.signal); // one listener per attempt in flight
    await this.queue.recoverExpiredLeases();
    this.timers = [
      setInterval(() => this.wake(), this.settings.pollMs),
      setInterval(
        () =>
          void this.queue.recoverExpiredLeases().then(
            (n) => n > 0 && this.wake(),
            () => undefined,
          ),
        this.leaseMs,
      ),
    ];
    this.wake();
  }

  /**
   * Stops claiming and records what finishes within a short grace; attempts still hanging then are
   * cut, and they and the claims still waiting in lanes are given back uncounted, so a stop never
   * waits for a slow receiver's timeout.
   */
  async stop(): Promise<void> {
    this.running = false;
    for (const timer of this.timers) clearInterval(timer);
    this.timers = [];
    await this.ticked; // a claim in progress lands in the lanes (or in `cut`) before they are emptied
    this.cut.push(...this.lanes.takeWaiting());
    let grace: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all([...this.inFlight]), new Promise((resolve) => (grace = setTimeout(resolve, STOP_GRACE_MS)))]);
    clearTimeout(grace);
    this.abort.abort();
    await Promise.all([...this.inFlight]);
    await this.recorder.flush();
    const cut = this.cut.splice(0);
    await this.queue.release(cut);
    this.attempts.close();
  }

  wake(): void {
    if (!this.running) return;
    if (this.ticking) {
      this.again = true;
      return;
    }
    this.ticking = true;
    this.ticked = this.tick().finally(() => {
      this.ticking = false;
    });
  }

  private async tick(): Promise<void> {
    try {
      do {
        this.again = false;
        const claimed = await this.queue.claim(this.lanes.capacity, this.lanes.held(), this.leaseMs);
        if (claimed.length === 0 || !this.running) {
          this.cut.push(...(this.running ? [] : claimed));
          continue;
        }
        await this.refreshSecrets(claimed);
        for (const delivery of claimed) this.lanes.add(delivery);
        for (const delivery of this.lanes.startable()) this.dispatch(delivery);
        // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- wake() and stop() change both flags during the awaits above
      } while (this.again && this.running);
    } catch (error) {
      this.logger.error(`claiming deliveries failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }

  private dispatch(delivery: ClaimedDelivery): void {
    const done = this.attempt(delivery).finally(() => {
      this.inFlight.delete(done);
      this.lanes.finished(delivery.endpointId);
      if (this.running) for (const next of this.lanes.startable(delivery.endpointId)) this.dispatch(next);
      this.wake();
    });
    this.inFlight.add(done);
  }

  private async attempt(delivery: ClaimedDelivery): Promise<void> {
    const secrets = this.secrets.get(delivery.endpointId)?.secrets ?? [];
    const attemptedAt = new Date();
    const started = performance.now();
    const result =
      secrets.length === 0
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
    const completion: Completion = {
      endpointId: delivery.endpointId,
      eventId: delivery.eventId,
      status: outcome.status,
      delayMs: outcome.status === 'pending' ? outcome.delayMs : 0,
      responseCode: result.kind === 'answered' ? result.status : null,
      error: result.kind === 'failed' ? result.error : null,
      disableEndpoint: outcome.status === 'dead_lettered' ? outcome.disableEndpoint : null,
      attemptedAt,
      durationMs: Math.max(0, Math.round(performance.now() - started)),
    };
    this.recorder.record(completion);
  }

  private async refreshSecrets(claimed: readonly ClaimedDelivery[]): Promise<void> {
    const now = Date.now();
    const stale = [...new Set(claimed.map((d) => d.endpointId))].filter((id) => (this.secrets.get(id)?.at ?? 0) + SECRETS_TTL_MS < now);
    if (stale.length === 0) return;
    const fresh = await this.endpoints.signingSecrets(stale);
    for (const id of stale) this.secrets.set(id, { secrets: fresh.get(id) ?? [], at: now });
  }
}
