import type { Db, Pool } from '@kubetrail/db';

/** What core use cases need: Prisma for app data, a pg pool for the event store. */
export interface CoreDeps {
  db: Db;
  pool: Pool;
}
