import { describeAppendRules } from './append.contract';
import { ContractContext, type ContractStoreFactory } from './contract-fixtures';
import { describeOrderingTrap } from './ordering-trap.contract';
import { describeReadRules } from './read.contract';
import { describeRowsAlongsideRules } from './rows-alongside.contract';
import { describeStoreIdentityRules } from './store-identity.contract';
import { describeSubscriptionRules } from './subscription.contract';

/**
 * The conformance suite every event store adapter must pass. Call it at the top
 * level of an adapter's spec file:
 *
 *   describeEventStoreContract('postgres', async () => ({ store, faults, teardown }), { writesRowsAlongside: true });
 *
 * `factory` is called once for the whole suite (cases use their own streams) and once more by
 * the empty-store case. `faults` is optional: without it the rollback and hold parts are skipped
 * with a printed reason.
 */
export function describeEventStoreContract(name: string, factory: ContractStoreFactory, adapter: { writesRowsAlongside: boolean }): void {
  describe(`${name} event store contract`, () => {
    const context = new ContractContext(name, factory);
    beforeAll(() => context.open());
    afterAll(() => context.close());

    describe('appending', () => describeAppendRules(context));
    describe('writing rows alongside an append', () => describeRowsAlongsideRules(context, adapter.writesRowsAlongside));
    describe('reading', () => describeReadRules(context));
    describe('subscribing', () => describeSubscriptionRules(context));
    describe('tying checkpoints to their store', () => describeStoreIdentityRules(context));
    describe('the ordering trap', () => describeOrderingTrap(context));
  });
}
