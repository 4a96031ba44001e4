import type { DeliveryAttempts } from '@passerelle/webhooks';

/** Hourly: attempts older than PASSERELLE_WEBHOOK_ATTEMPT_RETENTION leave the history (the API already hides them). */
const EVERY_MS = 3_600_000;

/**
 * Keeps the per-attempt history bounded. Several dispatcher processes may purge at once: each
 * DELETE removes what the others left, so that is harmless.
 */
export class AttemptHistoryPurge {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly attempts: DeliveryAttempts,
    private readonly logger: { error(message: string): void },
  ) {}

  start(): void {
    this.purge();
    this.timer = setInterval(() => this.purge(), EVERY_MS);
    this.timer.unref();
  }

  /** Waits for a purge under way, so the pool is never closed under it. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  private purge(): void {
    this.running = this.running.then(() =>
      this.attempts.purge().then(
        () => undefined,
        (error: unknown) =>
          this.logger.error(`purging old delivery attempts failed: ${error instanceof Error ? error.message : String(error)}`),
      ),
    );
  }
}
