import { Global, Inject, Module, type DynamicModule, type InjectionToken, type OnApplicationShutdown } from '@nestjs/common';

/** Something an app opens at start and closes at shutdown: a pool, the event store, the read model… */
export interface Resource<T = unknown> {
  provide: InjectionToken;
  inject?: InjectionToken[];
  /** Receives the `inject` values in order (method syntax: each resource types its own parameters). */
  open(...dependencies: never[]): T | Promise<T>;
  close?(value: T): Promise<void> | void;
}

const CLOSERS = Symbol('CLOSERS');
type Closers = (() => Promise<void> | void)[];

/**
 * The resources one app composes (apps/<app>/src/*.infrastructure.ts lists them; the standalone
 * takes the union). Global, so that the app's feature modules inject them by token. Closes them in
 * the reverse order of opening, after every other module's shutdown hook ran (Nest calls
 * `onApplicationShutdown` last), so that nothing still in flight loses its connection.
 */
@Global()
@Module({})
export class InfrastructureModule implements OnApplicationShutdown {
  constructor(@Inject(CLOSERS) private readonly closers: Closers) {}

  static forRoot(resources: readonly Resource[]): DynamicModule {
    const unique: Resource[] = [];
    for (const resource of resources) if (!unique.some((kept) => kept.provide === resource.provide)) unique.push(resource);
    return {
      module: InfrastructureModule,
      providers: [
        { provide: CLOSERS, useValue: [] },
        ...unique.map((resource) => ({
          provide: resource.provide,
          inject: [CLOSERS, ...(resource.inject ?? [])],
          useFactory: async (closers: Closers, ...dependencies: unknown[]) => {
            const value = await (resource.open as (...values: unknown[]) => unknown)(...dependencies);
            if (resource.close) closers.push(() => resource.close?.(value));
            return value;
          },
        })),
      ],
      exports: unique.map((resource) => resource.provide),
    };
  }

  async onApplicationShutdown(): Promise<void> {
    for (const close of this.closers.splice(0).reverse()) await close();
  }
}
