export * from './departements';
