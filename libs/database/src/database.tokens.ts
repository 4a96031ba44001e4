/** DI tokens of the shared PostgreSQL connections; each app's composition root provides them (apps/<app>/src/*.infrastructure.ts). */
export const PG_POOL = Symbol('PG_POOL');
export const READ_MODEL = Symbol('READ_MODEL');
