import { Logger } from '@nestjs/common';
import type { ConsumerCrashEvent, EachBatchPayload, KafkaMessage } from 'kafkajs';
import { DEFAULT_MAX_ATTEMPTS, deadLetterTopicOf, type BusMessage, type BusSubscriptionOptions, type DeadLetter } from '../bus.port';
import { RecentIds } from '../recent-ids';
import type { KafkaClient, KafkaConsumer } from './kafka-client';
import { errorName } from './kafka-errors';

/** The header that carries a message's id (the integration event's id). */
export const MESSAGE_ID_HEADER = 'message-id';

export interface GroupMemberSettings {
  /** Partitions of the topic this member handles at a time (kafkajs's partitionsConsumedConcurrently). */
  concurrency: number;
  /** The bus's own publish, for dead letters. */
  publish(topic: string, messages: BusMessage[]): Promise<void>;
  /** First wait before a handler is tried again, or a crashed consumer restarted; doubles up to maxMs. */
  retry: { initialMs: number; maxMs: number };
  logger?: Pick<Logger, 'warn' | 'error'>;
}

type Outcome = { kind: 'handled' } | { kind: 'stopped' } | { kind: 'failed'; attempts: number; error: unknown };

/**
 * One subscriber of a consumer group, on its own kafkajs consumer.
 *
 * - A message is handed to the handler up to `maxAttempts` times, heartbeating between tries; after
 *   that, or at once for a message that cannot be decoded (not JSON, no id), it goes to the
 *   dead-letter topic and the partition moves on. Thrown out of `eachBatch`, it would crash the
 *   consumer (kafkajs restarts it only for errors it deems retriable, and a rejoin rebalances the
 *   whole group), and one poison message would hold its partition for good.
 * - Several partitions are handled at a time, so a slow or failing one does not hold the others.
 * - Offsets are resolved one message at a time, once handled or dead-lettered, and only resolved
 *   offsets are committed. Redelivered ids are skipped (RecentIds).
 * - A crash is logged; when kafkajs does not restart the consumer itself, a new one joins the group
 *   after a growing wait, from the committed offsets. A crash before the first join rejects
 *   `join()` instead of leaving it waiting.
 */
export class KafkaGroupMember {
  private consumer: KafkaConsumer | null = null;
  private stopped = false;
  private restartTimer: NodeJS.Timeout | null = null;
  private restarts = 0;
  private readonly seen = new RecentIds();
  private readonly maxAttempts: number;
  private readonly logger: Pick<Logger, 'warn' | 'error'>;

  constructor(
    private readonly client: KafkaClient,
    private readonly options: BusSubscriptionOptions,
    private readonly settings: GroupMemberSettings,
  ) {
    this.maxAttempts = Math.max(1, options.maxAttempts ?? DEFAULT_MAX_ATTEMPTS);
    this.logger = settings.logger ?? new Logger('KafkaBus');
  }

  /** Resolves once the consumer has joined its group; rejects, with the consumer disconnected, if it crashed first. */
  join(): Promise<void> {
    return this.start();
  }

  /** Waits for the handler in flight, commits what was resolved, and leaves the group. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.restartTimer) clearTimeout(this.restartTimer);
    this.restartTimer = null;
    const consumer = this.consumer;
    this.consumer = null;
    await consumer?.disconnect();
  }

  private async start(): Promise<void> {
    const consumer = this.client.consumer({ groupId: this.options.group });
    this.consumer = consumer;
    let joined = false;
    const firstJoin = new Promise<void>((resolve, reject) => {
      consumer.on('consumer.group_join', () => {
        joined = true;
        this.restarts = 0;
        resolve();
      });
      consumer.on('consumer.crash', (event) => {
        if (joined) this.crashed(consumer, event);
        else reject(event.payload.error);
      });
    });
    try {
      await consumer.connect();
      await consumer.subscribe({ topics: [this.options.topic], fromBeginning: this.options.fromBeginning ?? false });
      await consumer.run({
        autoCommit: true,
        autoCommitInterval: 1_000,
        autoCommitThreshold: 100,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.settings.concurrency,
        eachBatch: (payload) => this.consume(payload),
      });
      await firstJoin;
    } catch (error) {
      if (this.consumer === consumer) this.consumer = null;
      // Disconnecting also cancels the restart kafkajs may have scheduled: the caller decides.
      await consumer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  private crashed(consumer: KafkaConsumer, { payload: { error, restart } }: ConsumerCrashEvent): void {
    const where = `consumer of group ${this.options.group} on ${this.options.topic}`;
    this.logger.error(`${where} crashed (${errorName(error)}): ${restart ? 'kafkajs restarts it' : 'a new consumer joins'}`);
    if (restart || this.stopped || this.consumer !== consumer) return;
    this.consumer = null;
    this.restartLater();
  }

  private restartLater(): void {
    const delay = Math.min(this.settings.retry.maxMs, this.settings.retry.initialMs * 2 ** this.restarts);
    this.restarts += 1;
    this.restartTimer = setTimeout(() => {
      this.restartTimer = null;
      if (this.stopped) return;
      this.start().catch((error: unknown) => {
        this.logger.error(`consumer of group ${this.options.group} could not rejoin (${errorName(error)}); trying again`);
        if (!this.stopped) this.restartLater();
      });
    }, delay);
  }

  private async consume(payload: EachBatchPayload): Promise<void> {
    const { batch } = payload;
    for (const raw of batch.messages) {
      if (!payload.isRunning() || payload.isStale()) return;
      const decoded = decode(raw);
      if ('reason' in decoded) {
        const letter = this.letter(decoded.id ?? `${batch.topic}/${batch.partition}/${raw.offset}`, raw.key?.toString() ?? '', {
          reason: 'undecodable',
          attempts: 1,
          error: decoded.reason,
          value: null,
          partition: batch.partition,
          offset: raw.offset,
        });
        if (!(await this.deadLetter(letter, payload))) return;
      } else if (!this.seen.has(decoded.message.id)) {
        const outcome = await this.handle(decoded.message, payload);
        if (outcome.kind === 'stopped') return;
        if (outcome.kind === 'failed') {
          const { id, key, value } = decoded.message;
          const letter = this.letter(id, key, {
            reason: 'handler_failed',
            attempts: outcome.attempts,
            error: errorName(outcome.error),
            value,
          });
          if (!(await this.deadLetter(letter, payload))) return;
        }
        this.seen.add(decoded.message.id);
      }
      payload.resolveOffset(raw.offset);
      await payload.commitOffsetsIfNecessary();
      await payload.heartbeat();
    }
  }

  /** Up to maxAttempts tries, heartbeating between them so that the group keeps this member. */
  private async handle(message: BusMessage, payload: EachBatchPayload): Promise<Outcome> {
    let delayMs = this.settings.retry.initialMs;
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.options.handler(message);
        return { kind: 'handled' };
      } catch (error) {
        if (attempt >= this.maxAttempts) return { kind: 'failed', attempts: attempt, error };
        if (!payload.isRunning()) return { kind: 'stopped' };
        await sleep(delayMs);
        delayMs = Math.min(delayMs * 2, this.settings.retry.maxMs);
        await payload.heartbeat();
      }
    }
  }

  /** Publishes a dead letter, retrying while the consumer runs; false when it stops first (the message is then read again). */
  private async deadLetter(letter: BusMessage, payload: EachBatchPayload): Promise<boolean> {
    let delayMs = this.settings.retry.initialMs;
    const { reason, attempts, error } = letter.value as DeadLetter;
    for (;;) {
      try {
        await this.settings.publish(deadLetterTopicOf(this.options.topic), [letter]);
        this.logger.warn(
          `message ${letter.id} of ${this.options.topic} dead-lettered by group ${this.options.group} (${reason}, ${attempts} attempt(s), ${error})`,
        );
        return true;
      } catch (error) {
        this.logger.warn(
          `dead letter for group ${this.options.group} on ${this.options.topic} not published (${errorName(error)}); retrying`,
        );
        if (!payload.isRunning()) return false;
        await sleep(delayMs);
        delayMs = Math.min(delayMs * 2, this.settings.retry.maxMs);
        await payload.heartbeat();
      }
    }
  }

  private letter(id: string, key: string, details: Omit<DeadLetter, 'topic' | 'group'>): BusMessage {
    const value: DeadLetter = { topic: this.options.topic, group: this.options.group, ...details };
    return { id, key, value };
  }
}

/** A Kafka message as the bus's, or why it cannot be one. */
function decode(message: KafkaMessage): { message: BusMessage } | { reason: string; id?: string } {
  const header = message.headers?.[MESSAGE_ID_HEADER];
  const id = (Array.isArray(header) ? header[0] : header)?.toString();
  if (!id) return { reason: 'no message-id header' };
  if (!message.value) return { reason: 'no value', id };
  try {
    return { message: { id, key: message.key?.toString() ?? '', value: JSON.parse(message.value.toString('utf8')) as unknown } };
  } catch {
    return { reason: 'not JSON', id };
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
