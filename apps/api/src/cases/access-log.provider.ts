import type { Provider } from '@nestjs/common';
import { PG_POOL } from '@passerelle/database';
import { AccessLogStore } from '@passerelle/privacy';
import type { Pool } from 'pg';

/** The access log's store, its table created (idempotently) before the first read is served. */
export const accessLogStoreProvider: Provider = {
  provide: AccessLogStore,
  inject: [PG_POOL],
  useFactory: async (pool: Pool) => {
    const store = new AccessLogStore(pool);
    await store.migrate();
    return store;
  },
};
