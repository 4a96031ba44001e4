/** The streams of the network (docs/architecture.md#streams-and-events): the only ones a Passerelle store appends to or reads back from `$all`. */
export const PASSERELLE_STREAM_PREFIXES: readonly string[] = ['case-', 'referral-', 'organisation-'];

/** Where the adapter records which stream owns an event id (see event-id-claims.ts); never read back as an event. */
const CLAIM_PREFIX = 'eventid-';
/** Where the adapter records the store's identity (EventStore.identity); never read back as an event either. */
const IDENTITY_STREAM = 'passerelle-store';
const NAMESPACE = /^[A-Za-z0-9._:-]*$/;

/**
 * Maps the port's stream names to EventStoreDB's. A namespace (empty in production) lets tests,
 * or several networks, share one server: it is prepended on write, stripped on read, and part of
 * the server-side `$all` filter. Events outside the prefixes (system streams, `$stats`, claims, other
 * applications) are never delivered.
 */
export class StreamNames {
  readonly prefixes: readonly string[];

  constructor(
    readonly namespace: string,
    prefixes: readonly string[],
  ) {
    if (!NAMESPACE.test(namespace))
      throw new TypeError(`The EventStoreDB namespace may only hold A-Z a-z 0-9 . _ : - (got ${JSON.stringify(namespace)})`);
    if (prefixes.length === 0) throw new TypeError('The EventStoreDB store needs at least one stream prefix to subscribe to');
    for (const prefix of prefixes) {
      // An empty or `$` prefix would pull in system streams; one that covers the claims would deliver them as events.
      const overlaps = [CLAIM_PREFIX, IDENTITY_STREAM].some((own) => own.startsWith(prefix) || prefix.startsWith(own));
      if (prefix.length === 0 || prefix.startsWith('$') || overlaps) {
        throw new TypeError(
          `${JSON.stringify(prefix)} cannot be a stream prefix: it is empty, a system prefix or overlaps ${CLAIM_PREFIX} or ${IDENTITY_STREAM}`,
        );
      }
    }
    this.prefixes = [...prefixes];
  }

  /** The prefixes of the server-side `$all` filter. */
  filterPrefixes(): string[] {
    return this.prefixes.map((prefix) => this.namespace + prefix);
  }

  /**
   * The EventStoreDB stream of a port stream. Refuses a stream outside the prefixes: its events
   * would be stored but never reach a projection, the relay or a webhook.
   */
  toEsdb(streamName: string): string {
    // Checked at run time as well: the name may come from JavaScript or JSON that the compiler never saw.
    const name: unknown = streamName;
    if (typeof name !== 'string' || !this.prefixes.some((prefix) => name.startsWith(prefix))) {
      throw new TypeError(`Stream ${String(name)} is outside the prefixes this store subscribes to (${this.prefixes.join(', ')})`);
    }
    return this.namespace + streamName;
  }

  /** The port stream of an EventStoreDB stream, or null when it is not one of ours. */
  fromEsdb(streamId: string): string | null {
    if (!streamId.startsWith(this.namespace)) return null;
    const name = streamId.slice(this.namespace.length);
    return this.prefixes.some((prefix) => name.startsWith(prefix)) ? name : null;
  }

  claimStream(eventId: string): string {
    return `${this.namespace}${CLAIM_PREFIX}${eventId.toLowerCase()}`;
  }

  identityStream(): string {
    return `${this.namespace}${IDENTITY_STREAM}`;
  }
}
