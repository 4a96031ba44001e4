/**
 * TEST-ONLY fault hooks. They exist so that the contract suite can prove the ordering guarantee
 * under a slow or failing writer; production code must never pass them.
 */
export interface PostgresEventStoreFaults {
  /**
   * Runs inside the batch transaction, after every row of the batch is written and just before
   * COMMIT, while the head lock is held. Awaiting here keeps the transaction open; throwing rolls
   * the whole batch back and fails every append in it with the thrown error.
   */
  beforeCommit?: (batch: { streams: string[] }) => Promise<void>;
  /** Whether a fault waits for a batch writing these streams: such a batch takes the reading path, where `beforeCommit` runs. */
  armedFor?: (streams: string[]) => boolean;
}

export interface PostgresEventStoreOptions {
  connectionString: string;
  /** Schema holding the `es_` tables; created if missing. Default `public`. */
  schema?: string;
  /** Size of the pg pool shared by reads and the single writer loop. Default 10. */
  poolSize?: number;
  /** Names the pool `passerelle-<service>-events` in pg_stat_activity. Default `tool`. */
  service?: string;
  /** TEST-ONLY, see {@link PostgresEventStoreFaults}. */
  faults?: PostgresEventStoreFaults;
}
