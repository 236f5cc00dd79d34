import Database from 'better-sqlite3';
import type pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe } from 'vitest';
import { openPostgresStore } from '../../../src/store/postgres/open.ts';
import { createPool } from '../../../src/store/postgres/pool.ts';
import { openSqliteStore } from '../../../src/store/sqlite.ts';
import type { Store } from '../../../src/store/types.ts';
import { describeWithPostgres, type FreshDatabase, freshDatabase } from '../../helpers/postgres.ts';
import { T0, tempDir } from '../fixtures.ts';

/** SLACK_TOKEN_ENCRYPTION_KEY of every store under test (installations need one). */
export const CONTRACT_TOKEN_KEY = Buffer.alloc(32, 9);

/** The clock stores under test use for times the Store interface does not pass in (delivery time). */
export const STORE_CLOCK = T0 + 999;

/** For another instance: its lease (PostgreSQL) and its clock (default STORE_CLOCK). */
export interface OpenOptions {
  outboxLeaseMs?: number;
  clock?: () => number;
}

/** What a contract test sees: a fresh store, more instances on the same database, and raw reads of its rows. */
export interface ContractDb {
  readonly kind: 'sqlite' | 'postgres';
  /** Opened on an empty (migrated) database before each test. */
  readonly store: Store;
  /** Another instance on the same database, as a second process would open it; closed after the test. */
  open(options?: OpenOptions): Promise<Store>;
  /** Rows of a plain SELECT written for both dialects, placeholders $1, $2… */
  rows<T = Record<string, unknown>>(sql: string, ...params: unknown[]): Promise<T[]>;
  /** The first column of the first row. */
  value<T = unknown>(sql: string, ...params: unknown[]): Promise<T>;
  /** The first column of every row. */
  column<T = unknown>(sql: string, ...params: unknown[]): Promise<T[]>;
}

interface Backend {
  readonly kind: ContractDb['kind'];
  setUp(): Promise<void>;
  /** An empty database for the next test. */
  fresh(): Promise<void>;
  open(options?: OpenOptions): Promise<Store>;
  rows(sql: string, params: unknown[]): Promise<Record<string, unknown>[]>;
  tearDown(): Promise<void>;
}

function sqliteBackend(): Backend {
  let folder: { dir: string; remove: () => void };
  let path = '';
  let n = 0;
  return {
    kind: 'sqlite',
    async setUp() {
      folder = tempDir('contract');
    },
    async fresh() {
      n += 1;
      path = `${folder.dir}/coach-${n}.db`;
    },
    open: (options) =>
      openSqliteStore({ path, clock: options?.clock ?? (() => STORE_CLOCK), tokenKey: CONTRACT_TOKEN_KEY }),
    async rows(sql, params) {
      const db = new Database(path, { readonly: true });
      try {
        return db.prepare(sql.replace(/\$\d+/g, '?')).all(...params) as Record<string, unknown>[];
      } finally {
        db.close();
      }
    },
    async tearDown() {
      folder?.remove();
    },
  };
}

function postgresBackend(): Backend {
  let database: FreshDatabase;
  let peek: pg.Pool;
  return {
    kind: 'postgres',
    async setUp() {
      database = await freshDatabase();
      peek = createPool({ connectionString: database.url, max: 2 });
    },
    async fresh() {
      // Migrated once by the first open; later tests start from emptied tables.
      const tables = await peek.query<{ table_name: string }>(
        `SELECT table_name FROM information_schema.tables
         WHERE table_schema = 'public' AND table_name <> 'schema_migrations'`,
      );
      if (tables.rows.length > 0) {
        await peek.query(
          `TRUNCATE ${tables.rows.map((t) => `"${t.table_name}"`).join(', ')} RESTART IDENTITY CASCADE`,
        );
      }
    },
    open: (options) =>
      openPostgresStore({
        url: database.url,
        clock: options?.clock ?? (() => STORE_CLOCK),
        maxConnections: 4,
        tokenKey: CONTRACT_TOKEN_KEY,
        ...(options?.outboxLeaseMs ? { outboxLeaseMs: options.outboxLeaseMs } : {}),
      }),
    async rows(sql, params) {
      return (await peek.query(sql, params)).rows;
    },
    async tearDown() {
      await peek?.end();
      await database?.drop();
    },
  };
}

/** Runs contract parts against one backend, each test on an empty database. */
function run(name: string, backend: Backend, parts: ((db: ContractDb) => void)[]): void {
  const opened: Store[] = [];
  let store: Store | undefined;
  const db: ContractDb = {
    kind: backend.kind,
    get store() {
      if (!store) throw new Error('no store open');
      return store;
    },
    async open(options) {
      const another = await backend.open(options);
      opened.push(another);
      return another;
    },
    rows: <T>(sql: string, ...params: unknown[]) => backend.rows(sql, params) as Promise<T[]>,
    async value<T>(sql: string, ...params: unknown[]) {
      const [row] = await backend.rows(sql, params);
      return (row ? Object.values(row)[0] : undefined) as T;
    },
    async column<T>(sql: string, ...params: unknown[]) {
      return (await backend.rows(sql, params)).map((row) => Object.values(row)[0] as T);
    },
  };
  beforeAll(() => backend.setUp(), 60_000);
  afterAll(() => backend.tearDown(), 60_000);
  beforeEach(async () => {
    await backend.fresh();
    store = await backend.open();
  });
  afterEach(async () => {
    for (const other of opened.splice(0)) await other.close();
    await store?.close();
    store = undefined;
  });
  describe(name, () => {
    // Each part in its own block, so its set-up (seed rows) stays its own.
    for (const part of parts) describe(part.name.replace(/Contract$/, ''), () => part(db));
  });
}

export function sqliteContract(parts: ((db: ContractDb) => void)[]): void {
  describe('Store contract on SQLite', () => run('SqliteStore', sqliteBackend(), parts));
}

export function postgresContract(parts: ((db: ContractDb) => void)[]): void {
  describeWithPostgres('Store contract on PostgreSQL', () => run('PostgresStore', postgresBackend(), parts));
}
