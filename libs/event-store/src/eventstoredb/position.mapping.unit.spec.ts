import { START } from '@eventstore/db-client';
import { toEsdbPosition, toPortPosition } from './position.mapping';

describe('positions between the port and EventStoreDB', () => {
  it('takes the commit position as the global position, as a bigint', () => {
    expect(toPortPosition({ commit: 18_446_744_073_709_551_000n, prepare: 18_446_744_073_709_551_000n })).toBe(18_446_744_073_709_551_000n);
    expect(toPortPosition({ commit: 1024n, prepare: 1000n })).toBe(1024n);
  });

  it('starts from the beginning of $all without a checkpoint or at -1', () => {
    expect(toEsdbPosition(undefined)).toBe(START);
    expect(toEsdbPosition(-1n)).toBe(START);
  });

  it('resumes at the checkpoint as both commit and prepare position', () => {
    expect(toEsdbPosition(0n)).toEqual({ commit: 0n, prepare: 0n });
    expect(toEsdbPosition(53_311n)).toEqual({ commit: 53_311n, prepare: 53_311n });
  });

  it('round-trips every checkpoint', () => {
    for (const position of [0n, 1n, 2n ** 40n, 2n ** 63n - 1n]) {
      const back = toEsdbPosition(position);
      expect(back === START ? -1n : toPortPosition(back as { commit: bigint; prepare: bigint })).toBe(position);
    }
  });
});
