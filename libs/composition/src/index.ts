/** The composition lib: building blocks of the apps' composition roots. Top of the dependency order: only apps import it. */
export * from './infrastructure.module';
export * from './resources';
export * from './schema.catalogue';
