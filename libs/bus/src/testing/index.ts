/** Test-only: import from spec files, never from production code (uses jest globals). */
export { describeBusContract } from './bus.contract';
export { eventually } from './eventually';
