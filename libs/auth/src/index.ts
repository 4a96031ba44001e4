export * from './api-key.store';
export * from './auth-invalidation';
export * from './people.store';
export * from './auth.decorators';
export * from './auth.guard';
export * from './organisation-kinds';
export * from './auth.migration';
