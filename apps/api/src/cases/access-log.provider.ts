import type { Provider } from '@nestjs/common';
import { PG_POOL } from '@passerelle/database';
import { AccessLogStore } from '@passerelle/privacy';
import type { Pool } from 'pg';

/** The access log's store; its table comes with the privacy migrations applied at start. */
export const accessLogStoreProvider: Provider = {
  provide: AccessLogStore,
  inject: [PG_POOL],
  useFactory: (pool: Pool) => new AccessLogStore(pool),
};
