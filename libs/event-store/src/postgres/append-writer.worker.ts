import { createPool } from '@passerelle/database';
import { parentPort, workerData } from 'node:worker_threads';
import { DuplicateEventIdError, WrongExpectedRevisionError } from '../event-store.port';
import { AppendBatcher } from './append-batcher';
import type { AppendWriterData, FromWriter, SerialisedError, ToWriter } from './append-writer.messages';
import { eventStoreTables } from './postgres-schema';

/**
 * The append writer thread (see threaded-append-batcher.ts): the group-commit loop on an event loop
 * of its own, so that its round trips, made while the head lock is held, never wait behind HTTP work.
 */
function run(port: NonNullable<typeof parentPort>, data: AppendWriterData): void {
  const send = (message: FromWriter) => port.postMessage(message);
  const pool = createPool({ connectionString: data.connectionString, service: data.service, purpose: 'events', max: 2 });
  const batcher = new AppendBatcher(
    pool, eventStoreTables(data.schema),
    (head, events) => send({ type: 'committed', head, events }),
    (head) => send({ type: 'committing', head }),
    undefined,
  );
  port.on('message', (message: ToWriter) => {
    if (message.type === 'append') {
      batcher.append(message.append).then(
        (result) => send({ type: 'settled', id: message.id, result }),
        (error: unknown) => send({ type: 'refused', id: message.id, error: serialise(error) }),
      );
    } else {
      void batcher.idle().then(() => pool.end()).finally(() => {
        send({ type: 'closed' });
        port.close();
      });
    }
  });
  send({ type: 'ready' });
}

function serialise(error: unknown): SerialisedError {
  if (error instanceof WrongExpectedRevisionError) return { kind: 'wrong-revision', streamName: error.streamName, expected: error.expected, actual: error.actual };
  if (error instanceof DuplicateEventIdError) return { kind: 'duplicate', eventId: error.eventId };
  const code = (error as { code?: unknown } | null)?.code;
  return {
    kind: 'other', name: error instanceof Error ? error.name : 'Error', message: error instanceof Error ? error.message : String(error),
    code: typeof code === 'string' ? code : undefined,
  };
}

if (parentPort) {
  try {
    run(parentPort, workerData as AppendWriterData);
  } catch (error) {
    parentPort.postMessage({ type: 'failed', message: error instanceof Error ? error.message : String(error) } satisfies FromWriter);
  }
}
