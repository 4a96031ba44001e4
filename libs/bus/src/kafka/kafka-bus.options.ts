export interface KafkaBusOptions {
  /** `host:port` of the bootstrap brokers (KAFKA_BROKERS). */
  brokers: string[];
  clientId?: string;
  /** Partitions of a topic the bus creates; existing topics keep theirs. Default 12. */
  partitions?: number;
  /** Replication of a topic the bus creates. Default: the broker's default. */
  replicationFactor?: number;
  /** Partitions a subscriber handles at a time. Default 4. */
  partitionsConsumedConcurrently?: number;
  /** First wait before a failed handler or dead letter is tried again, or a crashed consumer restarted (doubling, up to 5 s). Default 50 ms. */
  retryInitialMs?: number;
}
