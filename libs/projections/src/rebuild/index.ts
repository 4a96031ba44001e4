export * from './rebuild';
export * from './rebuild-catalogue';
export { shadowSchema } from './shadow-schema';
