import type { INestApplication, LoggerService } from '@nestjs/common';

/** Under Kubernetes' default 30 s grace period, leaving time to log and exit. */
export const SHUTDOWN_TIMEOUT_MS = 25_000;

/**
 * Graceful shutdown on SIGTERM/SIGINT: Nest's close stops the HTTP server from taking new requests
 * and waits for those in flight, then runs the shutdown hooks (projection runners commit what they
 * were given and store their checkpoints, leaders release their locks, stores close). A service
 * still busy after the timeout exits with 1 rather than being killed mid-write by the orchestrator.
 */
export function closeOnSignals(app: INestApplication, logger: LoggerService, timeoutMs = SHUTDOWN_TIMEOUT_MS): void {
  let closing = false;
  const close = async (signal: NodeJS.Signals) => {
    if (closing) return;
    closing = true;
    logger.log(`${signal}: taking no new requests, finishing in-flight work and storing checkpoints`, 'Shutdown');
    setTimeout(() => {
      logger.error(`still busy ${timeoutMs} ms after ${signal}: exiting`, undefined, 'Shutdown');
      process.exit(1);
    }, timeoutMs).unref();
    try {
      await app.close();
      process.exit(0);
    } catch (error) {
      logger.error(`shutdown failed: ${error instanceof Error ? error.message : String(error)}`, undefined, 'Shutdown');
      process.exit(1);
    }
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => void close(signal));
}
