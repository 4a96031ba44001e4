export interface KafkaBusOptions {
  /** `host:port` of the bootstrap brokers (KAFKA_BROKERS). */
  brokers: string[];
  clientId?: string;
  /** Partitions of a topic the bus creates; existing topics keep theirs. Default 12. */
  partitions?: number;
  /** Replication of a topic the bus creates. Default: the broker's default. */
  replicationFactor?: number;
}
