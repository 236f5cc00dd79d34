import { migratePostgres } from './migrate.ts';
import { createPool } from './pool.ts';
import { PostgresStore } from './store.ts';

export interface OpenPostgresOptions {
  /** postgres:// or postgresql:// URL (DATABASE_URL). */
  url: string;
  /** Folder of PostgreSQL migrations; defaults to the repository's `migrations/postgres/`. */
  migrationsDir?: string | URL;
  clock?: () => number;
  outboxLeaseMs?: number;
  /** Most connections in the pool. */
  maxConnections?: number;
  /** SLACK_TOKEN_ENCRYPTION_KEY (OAuth mode), for installations. */
  tokenKey?: Buffer | null;
}

/** Connects, applies pending migrations (under the advisory lock) and returns the store. */
export async function openPostgresStore(options: OpenPostgresOptions): Promise<PostgresStore> {
  const pool = createPool({ connectionString: options.url, max: options.maxConnections });
  try {
    await migratePostgres(pool, {
      ...(options.migrationsDir ? { dir: options.migrationsDir } : {}),
      ...(options.clock ? { now: options.clock } : {}),
    });
  } catch (error) {
    await pool.end().catch(() => {});
    throw error;
  }
  return new PostgresStore(pool, {
    ...(options.clock ? { clock: options.clock } : {}),
    ...(options.outboxLeaseMs ? { outboxLeaseMs: options.outboxLeaseMs } : {}),
    ...(options.tokenKey ? { tokenKey: options.tokenKey } : {}),
  });
}
