/** Test-only helpers: import from spec files, never from production code (they use jest globals). */
export { describeEventStoreContract } from './event-store.contract';
export { type ContractStoreFactory, type ContractStoreHandle, aMetadata, anEvent, aStreamName, someEvents } from './contract-fixtures';
export { type FaultControls, InjectedFaultError } from './fault-controls';
export { ORDERING_TRAP_PLAN, runConcurrentAppenders, type AppenderPlan, type AppendersOutcome } from './ordering-trap.contract';
