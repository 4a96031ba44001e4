export * from './migration';
export * from './migrate';
