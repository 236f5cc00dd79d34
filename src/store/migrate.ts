import { createHash } from 'node:crypto';
import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Database } from 'better-sqlite3';

export const DEFAULT_MIGRATIONS_DIR = new URL('../../migrations/', import.meta.url);

const FILE_NAME = /^(\d{4})_([a-z0-9][a-z0-9_-]*)\.sql$/;

/** The migration set on disk and the one recorded in the database disagree; start-up must stop. */
export class MigrationError extends Error {
  constructor(
    message: string,
    /** The migration file the problem is about, when there is one. */
    readonly file: string | null = null,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = 'MigrationError';
  }
}

export interface MigrationFile {
  version: number;
  /** The file name, e.g. "0001_init.sql". */
  name: string;
  sql: string;
  checksum: string;
}

export interface AppliedMigration {
  version: number;
  name: string;
  checksum: string;
  appliedAt: number;
}

export interface MigrateOptions {
  dir?: string | URL;
  now?: () => number;
}

/** Line endings are normalised so a checkout that converts them does not look like an edit. */
export function checksumOf(sql: string): string {
  return createHash('sha256').update(sql.replace(/\r\n/g, '\n')).digest('hex');
}

/**
 * Reads `NNNN_name.sql` files in version order; any other (non-hidden) file is an error. Folders are skipped: they
 * hold other dialects' migrations (`postgres/`).
 */
export function readMigrations(dir: string | URL = DEFAULT_MIGRATIONS_DIR): MigrationFile[] {
  const dirPath = typeof dir === 'string' ? dir : fileURLToPath(dir);
  let entries: Dirent[];
  try {
    entries = readdirSync(dirPath, { withFileTypes: true });
  } catch (error) {
    throw new MigrationError(`Cannot read the migrations folder ${dirPath}: ${String(error)}`, null, {
      cause: error,
    });
  }
  const files: MigrationFile[] = [];
  const byVersion = new Map<number, string>();
  for (const entry of entries) {
    // Folders hold other dialects' migrations (`postgres/`).
    if (entry.name.startsWith('.') || entry.isDirectory()) continue;
    const match = FILE_NAME.exec(entry.name);
    if (!entry.isFile() || !match) {
      throw new MigrationError(
        `Unexpected entry ${entry.name} in ${dirPath}: migrations must be files named NNNN_name.sql ` +
          '(four digits, an underscore, lowercase letters, digits, "_" or "-").',
        entry.name,
      );
    }
    const version = Number(match[1]);
    const clash = byVersion.get(version);
    if (clash !== undefined) {
      throw new MigrationError(
        `Migrations ${clash} and ${entry.name} share version ${match[1]}; give one of them a new number.`,
        entry.name,
      );
    }
    byVersion.set(version, entry.name);
    const sql = readFileSync(join(dirPath, entry.name), 'utf8');
    files.push({ version, name: entry.name, sql, checksum: checksumOf(sql) });
  }
  return files.sort((a, b) => a.version - b.version);
}

export interface AppliedRow {
  version: number;
  name: string;
  checksum: string;
  applied_at: number;
}

export function checkApplied(row: AppliedRow, file: MigrationFile | undefined, dirLabel: string): void {
  if (!file) {
    throw new MigrationError(
      `Applied migration ${row.name} no longer exists in ${dirLabel}. Restore it; applied migrations must never be removed.`,
      row.name,
    );
  }
  if (file.name !== row.name) {
    throw new MigrationError(
      `Applied migration ${row.name} was renamed to ${file.name}. Restore the original name.`,
      row.name,
    );
  }
  if (file.checksum !== row.checksum) {
    throw new MigrationError(
      `Migration ${file.name} was edited after it was applied (its checksum differs from the recorded one). ` +
        'Restore the original file and put the change in a new migration.',
      file.name,
    );
  }
}

/**
 * Applies pending migrations in version order, each in its own write transaction, and records them in
 * `schema_migrations`. Several processes may start at once: each migration is re-checked inside its
 * transaction, so a migration another process just applied is skipped rather than run twice.
 */
export function migrate(db: Database, options: MigrateOptions = {}): AppliedMigration[] {
  const dir = options.dir ?? DEFAULT_MIGRATIONS_DIR;
  const dirLabel = typeof dir === 'string' ? dir : fileURLToPath(dir);
  const now = options.now ?? Date.now;
  const files = readMigrations(dir);
  const fileByVersion = new Map(files.map((f) => [f.version, f]));

  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    checksum TEXT NOT NULL,
    applied_at INTEGER NOT NULL
  ) STRICT`);
  const selectAll = db.prepare<[], AppliedRow>(
    'SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version',
  );
  const selectOne = db.prepare<[number], AppliedRow>(
    'SELECT version, name, checksum, applied_at FROM schema_migrations WHERE version = ?',
  );
  const insert = db.prepare<[number, string, string, number]>(
    'INSERT INTO schema_migrations (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)',
  );

  const applied = selectAll.all();
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
    const apply = db.transaction(() => {
      const existing = selectOne.get(file.version);
      if (existing) {
        checkApplied(existing, file, dirLabel);
        return;
      }
      db.exec(file.sql);
      const appliedAt = now();
      insert.run(file.version, file.name, file.checksum, appliedAt);
      newlyApplied.push({ version: file.version, name: file.name, checksum: file.checksum, appliedAt });
    });
    try {
      apply.immediate();
    } catch (error) {
      if (error instanceof MigrationError) throw error;
      throw new MigrationError(`Migration ${file.name} failed: ${String(error)}`, file.name, {
        cause: error,
      });
    }
  }
  return newlyApplied;
}
