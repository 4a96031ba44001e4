/** DI tokens of the validated settings; each app's composition root provides them (apps/<app>/src/*.infrastructure.ts). */
export const APP_CONFIG = Symbol('APP_CONFIG');
export const LINKAGE_SECRET = Symbol('LINKAGE_SECRET');
