import { BACKWARDS, END, FORWARDS, type AllStreamResolvedEvent, type ReadPosition } from '@eventstore/db-client';
import type { EsdbClient } from './esdb-client';
import type { ReadAllOptions, RecordedEvent } from '../event-store.port';
import { toRecordedEvent } from './event-data.mapping';
import { toEsdbPosition, toPortPosition } from './position.mapping';
import type { StreamNames } from './stream-names';

const PAGE = 512;

/**
 * Reads `$all` in pages and keeps our streams only. Client 6 has no server-side filter for reads
 * (only for subscriptions), so system events, claims and other namespaces are skipped here.
 */
export class AllStreamReader {
  constructor(
    private readonly client: EsdbClient,
    private readonly names: StreamNames,
  ) {}

  async readAll({ after, maxCount }: ReadAllOptions = {}): Promise<RecordedEvent[]> {
    if (maxCount !== undefined && (!Number.isInteger(maxCount) || maxCount < 0))
      throw new RangeError(`maxCount must be a non-negative integer, got ${maxCount}`);
    const wanted = maxCount ?? Number.POSITIVE_INFINITY;
    const found: RecordedEvent[] = [];
    let cursor = after ?? -1n;
    while (found.length < wanted) {
      const page = await this.page(toEsdbPosition(cursor), 'forwards');
      for (const { event } of page) {
        // A read includes the event at its start position, which the previous page already had.
        if (!event || toPortPosition(event.position) <= cursor) continue;
        cursor = toPortPosition(event.position);
        const streamName = this.names.fromEsdb(event.streamId);
        if (streamName !== null) found.push(toRecordedEvent(event, streamName));
        if (found.length >= wanted) break;
      }
      if (page.length < PAGE) break;
    }
    return found;
  }

  /** The newest of our events, found reading backwards; -1n when there is none. */
  async headPosition(): Promise<bigint> {
    let from: ReadPosition = END;
    for (;;) {
      const page = await this.page(from, 'backwards');
      for (const { event } of page) {
        if (event && this.names.fromEsdb(event.streamId) !== null) return toPortPosition(event.position);
      }
      const oldest = page.at(-1)?.event?.position;
      if (page.length < PAGE || !oldest) return -1n;
      from = oldest;
    }
  }

  private async page(fromPosition: ReadPosition, direction: 'forwards' | 'backwards'): Promise<AllStreamResolvedEvent[]> {
    const events: AllStreamResolvedEvent[] = [];
    const read = this.client.readAll({ fromPosition, maxCount: PAGE, direction: direction === 'forwards' ? FORWARDS : BACKWARDS });
    for await (const resolved of read) events.push(resolved);
    return events;
  }
}
