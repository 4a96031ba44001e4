import {
  DEFAULT_MAX_ATTEMPTS,
  deadLetterTopicOf,
  type BusMessage,
  type BusSubscription,
  type BusSubscriptionOptions,
  type DeadLetter,
  type MessageBus,
} from '../bus.port';
import { partitionOf } from '../partition-of';
import { RecentIds } from '../recent-ids';

export interface InProcessBusOptions {
  /** Partitions per topic: keys spread over them, one message in flight per partition and group. Default 8. */
  partitions?: number;
  /** Most messages kept per partition for late or lagging groups (Kafka's retention). Default 1,000. */
  retention?: number;
}

interface Partition {
  /** Offset of `messages[0]`. */
  base: number;
  messages: BusMessage[];
}

interface Subscriber {
  handler: (message: BusMessage) => Promise<void>;
  maxAttempts: number;
  inFlight: Promise<unknown>;
}

interface Group {
  name: string;
  offsets: number[];
  pumping: boolean[];
  subscribers: Subscriber[];
  seen: RecentIds;
}

interface Topic {
  name: string;
  partitions: Partition[];
  groups: Map<string, Group>;
}

/**
 * The embedded default: Kafka's model (topics, partitions by key, consumer groups with offsets) in
 * memory. Each (group, partition) has one pump that hands messages to the partition's owner one at
 * a time, so a key keeps its order and a slow group never holds back another.
 *
 * WARNING: nothing survives the process. A consumer that must not lose a message across a crash
 * reads a checkpointed event-store subscription instead, or runs with BUS=kafka.
 */
export class InProcessBus implements MessageBus {
  private readonly topics = new Map<string, Topic>();
  private readonly partitions: number;
  private readonly retention: number;
  private closed = false;

  constructor(options: InProcessBusOptions = {}) {
    this.partitions = options.partitions ?? 8;
    this.retention = options.retention ?? 1_000;
  }

  async publish(topicName: string, messages: readonly BusMessage[]): Promise<void> {
    if (this.closed) throw new Error('The bus is closed');
    const topic = this.topic(topicName);
    // A copy through JSON, as a real bus serialises: a consumer never shares an object with the publisher.
    for (const message of messages) {
      const partition = topic.partitions[partitionOf(message.key, this.partitions)];
      if (!partition) throw new Error('partitionOf gave an index outside the topic');
      partition.messages.push(JSON.parse(JSON.stringify(message)) as BusMessage);
      if (partition.messages.length > this.retention) this.drop(partition, partition.messages.length - this.retention);
    }
    for (const group of topic.groups.values()) this.pumpAll(topic, group);
  }

  async subscribe(options: BusSubscriptionOptions): Promise<BusSubscription> {
    if (this.closed) throw new Error('The bus is closed');
    const topic = this.topic(options.topic);
    let group = topic.groups.get(options.group);
    if (!group) {
      const start = (p: Partition) => (options.fromBeginning ? p.base : p.base + p.messages.length);
      group = {
        name: options.group,
        offsets: topic.partitions.map(start),
        pumping: topic.partitions.map(() => false),
        subscribers: [],
        seen: new RecentIds(),
      };
      topic.groups.set(options.group, group);
    }
    const subscriber: Subscriber = {
      handler: options.handler,
      maxAttempts: Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS),
      inFlight: Promise.resolve(),
    };
    group.subscribers.push(subscriber);
    this.pumpAll(topic, group);
    const joined = group;
    return {
      stop: async () => {
        joined.subscribers = joined.subscribers.filter((s) => s !== subscriber);
        await subscriber.inFlight;
        this.pumpAll(topic, joined); // its partitions move to the group's other subscribers
      },
    };
  }

  async close(): Promise<void> {
    this.closed = true;
    const all = [...this.topics.values()].flatMap((topic) => [...topic.groups.values()].flatMap((g) => g.subscribers.splice(0)));
    await Promise.all(all.map((subscriber) => subscriber.inFlight));
  }

  private topic(name: string): Topic {
    let topic = this.topics.get(name);
    if (!topic) {
      topic = { name, partitions: Array.from({ length: this.partitions }, () => ({ base: 0, messages: [] })), groups: new Map() };
      this.topics.set(name, topic);
    }
    return topic;
  }

  private pumpAll(topic: Topic, group: Group): void {
    for (let p = 0; p < this.partitions; p++) void this.pump(topic, group, p);
  }

  /**
   * Hands the partition's messages to its current owner in order; a failed handler gets the message
   * again, up to its `maxAttempts`, after which the message goes to the dead-letter topic.
   */
  private async pump(topic: Topic, group: Group, p: number): Promise<void> {
    const partition = topic.partitions[p];
    if (!partition || group.pumping[p]) return;
    group.pumping[p] = true;
    let retryMs = 20;
    let attempts = 0;
    try {
      for (;;) {
        const offset = Math.max(group.offsets[p] ?? partition.base, partition.base);
        const owner = group.subscribers[p % Math.max(group.subscribers.length, 1)];
        // Undefined once the group has read past the partition's last message.
        const message = partition.messages[offset - partition.base];
        if (message === undefined || !owner || this.closed) break;
        if (!group.seen.has(message.id)) {
          attempts += 1;
          const handled = owner.handler(message).then(
            () => null,
            (error: unknown) => ({ error }),
          );
          owner.inFlight = handled;
          const failure = await handled;
          if (failure && attempts < owner.maxAttempts) {
            await new Promise((resolve) => setTimeout(resolve, retryMs));
            retryMs = Math.min(retryMs * 2, 1_000);
            continue;
          }
          // eslint-disable-next-line @typescript-eslint/no-unnecessary-condition -- close() may have run while the handler ran
          if (failure && this.closed) break;
          if (failure) await this.deadLetter(topic, group, message, attempts, failure.error);
          group.seen.add(message.id);
        }
        retryMs = 20;
        attempts = 0;
        group.offsets[p] = offset + 1;
        this.trim(topic, p);
      }
    } finally {
      // No await between the loop's last check and here, so a publish cannot slip in unseen.
      group.pumping[p] = false;
    }
  }

  private async deadLetter(topic: Topic, group: Group, message: BusMessage, attempts: number, error: unknown): Promise<void> {
    const value: DeadLetter = {
      topic: topic.name,
      group: group.name,
      reason: 'handler_failed',
      attempts,
      error: error instanceof Error ? error.name : typeof error,
      value: message.value,
    };
    await this.publish(deadLetterTopicOf(topic.name), [{ id: message.id, key: message.key, value }]);
  }

  /** Forgets what every group has committed (retention still caps what a lagging group keeps). */
  private trim(topic: Topic, p: number): void {
    const partition = topic.partitions[p];
    if (!partition) return;
    let lowest = Infinity;
    for (const group of topic.groups.values()) lowest = Math.min(lowest, group.offsets[p] ?? partition.base);
    if (lowest === Infinity || lowest <= partition.base) return;
    // In chunks: dropping one message at a time would shift the array once per message.
    const consumed = lowest - partition.base;
    if (consumed >= 256 || consumed === partition.messages.length) this.drop(partition, consumed);
  }

  private drop(partition: Partition, count: number): void {
    partition.messages.splice(0, count);
    partition.base += count;
  }
}
