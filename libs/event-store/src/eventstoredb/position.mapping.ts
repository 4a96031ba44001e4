import { START, type Position, type ReadPosition } from '@eventstore/db-client';

/**
 * The port's global position is the event's commit position in the transaction log. Appends over
 * gRPC are implicit transactions: each event is committed with its own prepare record, so its
 * commit and prepare positions are the same number, unique per event and increasing in `$all`
 * order. (Only legacy TCP-client explicit transactions share a commit position; Passerelle never
 * writes them.)
 */
export function toPortPosition(position: Position): bigint {
  return position.commit;
}

/** Back from a port checkpoint: `undefined` or -1n means "from the start of `$all`". */
export function toEsdbPosition(after: bigint | undefined): ReadPosition {
  if (after === undefined || after < 0n) return START;
  return { commit: after, prepare: after };
}
