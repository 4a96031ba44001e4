/**
 * Lets a contract test disturb the write path of an adapter: a slow transaction or a rollback,
 * the two situations in which a naive global position lets a subscriber skip events.
 * Adapters that cannot inject faults hand `undefined` to the contract suite.
 */
export interface FaultControls {
  /** The next write (batch) that touches `streamName` keeps its transaction open `ms` milliseconds before committing. */
  holdNextCommit(streamName: string, ms: number): void;
  /** The next write (batch) that touches `streamName` rolls back; every append in it fails with {@link InjectedFaultError}. */
  rollBackNextCommit(streamName: string): void;
}

/** The error a rolled-back write fails with, so that tests can tell it from a real failure. */
export class InjectedFaultError extends Error {
  readonly code = 'TEST.INJECTED_FAULT';
  constructor(streamName: string) {
    super(`Injected rollback of a write touching ${streamName}`);
    this.name = 'InjectedFaultError';
  }
}
