import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { JsonLogger, QuietFrameworkLogger, PasserelleMetrics } from '@passerelle/observability';
import { parentPort, workerData } from 'node:worker_threads';
import { BackgroundModule } from './background.module';
import type { BackgroundWorkerData, FromBackground, ToBackground } from './background-messages';
import { lowerThisThreadsPriority } from './thread-priority';

/**
 * The nice value this thread runs at: on a machine whose cores are all busy, the scheduler gives the
 * API thread (and the database's backends) the CPU first, and the projections catch up in the gaps
 * (docs/adr/0018-background-thread-yields-to-the-api.md).
 */
const BACKGROUND_NICE = 10;

/** Entry of the background thread started by background-thread.ts: projector, relay, dispatcher. */
async function run(port: NonNullable<typeof parentPort>, { settings }: BackgroundWorkerData): Promise<void> {
  lowerThisThreadsPriority(BACKGROUND_NICE);
  const send = (message: FromBackground) => port.postMessage(message);
  const app = await NestFactory.createApplicationContext(BackgroundModule.forRoot(settings), {
    bufferLogs: true,
    autoFlushLogs: false,
    abortOnError: false,
  });
  app.useLogger(new QuietFrameworkLogger(app.get(JsonLogger), settings.logLevel === 'debug' || settings.logLevel === 'trace'));
  app.flushLogs();
  await app.init();
  const metrics = app.get(PasserelleMetrics);
  port.on('message', (message: ToBackground) => {
    if (message.type === 'metrics') {
      void metrics.registry.getMetricsAsJSON().then((values) => send({ type: 'metrics', requestId: message.requestId, metrics: values }));
    } else {
      // 'stop': runners commit what they were handed and store their checkpoints before the thread ends.
      void app.close().then(() => {
        send({ type: 'stopped' });
        port.close();
      });
    }
  });
  send({ type: 'ready' });
}

if (parentPort) {
  const port = parentPort;
  run(port, workerData as BackgroundWorkerData).catch((error: unknown) => {
    port.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies FromBackground);
    port.close();
  });
}
