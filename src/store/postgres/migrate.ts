import { fileURLToPath } from 'node:url';
import type pg from 'pg';
import {
  type AppliedMigration,
  type AppliedRow,
  checkApplied,
  MigrationError,
  readMigrations,
} from '../migrate.ts';
import { storeError } from './pool.ts';

export const POSTGRES_MIGRATIONS_DIR = new URL('../../../migrations/postgres/', import.meta.url);

/** Any fixed number: every instance takes this session-level advisory lock while it migrates. */
const MIGRATION_LOCK = 7_146_232_019;

export interface PgMigrateOptions {
  dir?: string | URL;
  now?: () => number;
}

/**
 * Applies pending PostgreSQL migrations in version order, each in its own transaction, recorded in
 * `schema_migrations` as on SQLite (same checksums and checks). Instances starting at once on an empty database
 * queue on an advisory lock: the first applies everything, the others then find nothing pending.
 */
export async function migratePostgres(
  pool: pg.Pool,
  options: PgMigrateOptions = {},
): Promise<AppliedMigration[]> {
  const dir = options.dir ?? new URL(POSTGRES_MIGRATIONS_DIR);
  const dirLabel = typeof dir === 'string' ? dir : fileURLToPath(dir);
  const now = options.now ?? Date.now;
  const files = readMigrations(dir);
  const fileByVersion = new Map(files.map((f) => [f.version, f]));
  let client: pg.PoolClient;
  try {
    client = await pool.connect();
  } catch (error) {
    throw storeError(error);
  }
  let broken: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS schema_migrations (
      version INTEGER PRIMARY KEY,
      name TEXT NOT NULL,
      checksum TEXT NOT NULL,
      applied_at BIGINT NOT NULL
    )`);
    const applied = (
      await client.query<AppliedRow>(
        'SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version',
      )
    ).rows;
    for (const row of applied) checkApplied(row, fileByVersion.get(row.version), dirLabel);
    const appliedVersions = new Set(applied.map((row) => row.version));
    const latest = applied.at(-1);
    const pending = files.filter((f) => !appliedVersions.has(f.version));
    const outOfOrder = latest ? pending.find((f) => f.version < latest.version) : undefined;
    if (outOfOrder && latest) {
      throw new MigrationError(
        `Migration ${outOfOrder.name} is numbered below the latest applied migration ${latest.name}; ` +
          'renumber it so it runs last.',
        outOfOrder.name,
      );
    }
    const newlyApplied: AppliedMigration[] = [];
    for (const file of pending) {
      try {
        await client.query('BEGIN');
        await client.query(file.sql);
        const appliedAt = now();
        await client.query(
          'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES ($1, $2, $3, $4)',
          [file.version, file.name, file.checksum, appliedAt],
        );
        await client.query('COMMIT');
        newlyApplied.push({ version: file.version, name: file.name, checksum: file.checksum, appliedAt });
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        const failure = storeError(error);
        if (failure !== error) throw failure;
        throw new MigrationError(`Migration ${file.name} failed: ${String(error)}`, file.name, {
          cause: error,
        });
      }
    }
    return newlyApplied;
  } catch (error) {
    if (!(error instanceof MigrationError)) broken = error as Error;
    throw storeError(error);
  } finally {
    // Closing the session releases the lock too; a healthy one unlocks and goes back to the pool.
    if (!broken) await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => {});
    client.release(broken);
  }
}
