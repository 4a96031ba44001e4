import type { PlaceRequestExpiry } from './place-request-expiry';

export interface ExpiryLoopLogger {
  log(message: string): void;
  error(message: string): void;
}

/**
 * Sweeps for expired place requests every `intervalMs` while started. The projector starts it only
 * while it holds the `place-request-expiry` leader lock (apps/projector/src/projector.module.ts), so
 * one process sweeps at a time; stop() waits for a sweep under way.
 */
export class PlaceRequestExpiryLoop {
  private running = false;
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> = Promise.resolve();

  constructor(
    private readonly expiry: PlaceRequestExpiry,
    private readonly intervalMs: number,
    private readonly logger: ExpiryLoopLogger,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  start(): Promise<void> {
    if (!this.running) {
      this.running = true;
      this.schedule(0);
    }
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    this.running = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.sweeping;
  }

  private schedule(delayMs: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.sweeping = this.sweep().finally(() => {
        if (this.running) this.schedule(this.intervalMs);
      });
    }, delayMs);
  }

  private async sweep(): Promise<void> {
    try {
      const expired = await this.expiry.sweep(this.clock());
      if (expired > 0) this.logger.log(`expired ${expired} place request(s) whose respondBy had passed`);
    } catch (error) {
      this.logger.error(`place request expiry sweep failed: ${error instanceof Error ? error.message : String(error)}`);
    }
  }
}
