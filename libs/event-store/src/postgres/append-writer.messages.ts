import type { AppendResult, RecordedEvent } from '../event-store.port';
import type { PlannedAppend } from './batch-plan';

/** What the append writer thread is started with. */
export interface AppendWriterData {
  connectionString: string;
  schema: string | undefined;
  service: string;
}

/** An error crossing the thread boundary as data: the port's errors keep their class and fields. */
export type SerialisedError =
  | { kind: 'wrong-revision'; streamName: string; expected: PlannedAppend['expectedRevision']; actual: bigint | 'no_stream' }
  | { kind: 'duplicate'; eventId: string }
  | { kind: 'other'; name: string; message: string; code: string | undefined };

export type ToWriter = { type: 'append'; id: number; append: PlannedAppend } | { type: 'close' };

export type FromWriter =
  | { type: 'ready' }
  | { type: 'failed'; message: string }
  | { type: 'settled'; id: number; result: AppendResult }
  | { type: 'refused'; id: number; error: SerialisedError }
  | { type: 'committing'; head: bigint }
  | { type: 'committed'; head: bigint; events: RecordedEvent[] }
  | { type: 'closed' };
