export * from './problem';
export * from './problem.filter';
export * from './validation.pipe';
export * from './authenticated-request';
export * from './idempotency/id-source';
export * from './idempotency/idempotency.store';
export * from './idempotency/idempotency.interceptor';
export * from './idempotency/idempotency.migration';
