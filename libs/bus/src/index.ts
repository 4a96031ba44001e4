/** The bus port and its adapters (docs/architecture.md#ports-and-adapters); the contract suite is under ./testing (specs only). */
export * from './bus.port';
export * from './create-bus';
export * from './inprocess';
export * from './kafka';
