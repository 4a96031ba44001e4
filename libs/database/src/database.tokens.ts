/** DI tokens of the infrastructure every app shares (STYLE: ports with DI tokens). */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const PG_POOL = Symbol('PG_POOL');
export const READ_MODEL = Symbol('READ_MODEL');
export const LINKAGE_SECRET = Symbol('LINKAGE_SECRET');
