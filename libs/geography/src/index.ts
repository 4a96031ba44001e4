export * from './departements';
export * from './countries';
export * from './countries.validator';
