import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import pg from 'pg';
import { afterAll } from 'vitest';
import { openPostgresStore } from '../../src/store/postgres/open.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import type { Store } from '../../src/store/types.ts';
import { type FreshDatabase, freshDatabase } from './postgres.ts';

/**
 * Which database the app-level tests run on: SQLite files (the default), or PostgreSQL with TEST_DATABASE=postgres.
 * On PostgreSQL each test file gets its own fresh database, and each database path a test makes (tempDbPath) its
 * own schema in it, so tests that expect an empty database still get one and a restart on the same path finds
 * its data again.
 */
export const TEST_DATABASE: 'sqlite' | 'postgres' =
  process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';

let fileDatabase: Promise<FreshDatabase> | undefined;
const schemas = new Map<string, Promise<string>>();
let memories = 0;

if (TEST_DATABASE === 'postgres') {
  afterAll(async () => {
    const created = fileDatabase;
    fileDatabase = undefined;
    schemas.clear();
    if (created) await (await created).drop();
  }, 60_000);
}

/** The PostgreSQL URL standing for a test's database path: its own schema in this file's database. */
export function postgresUrlFor(dbPath: string): Promise<string> {
  let url = schemas.get(dbPath);
  if (!url) {
    url = (async () => {
      fileDatabase ??= freshDatabase();
      const database = await fileDatabase;
      const schema = `t_${createHash('sha256').update(dbPath).digest('hex').slice(0, 16)}`;
      const client = new pg.Client({ connectionString: database.url });
      await client.connect();
      try {
        await client.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
      } finally {
        await client.end();
      }
      const withSchema = new URL(database.url);
      withSchema.searchParams.set('options', `-c search_path=${schema}`);
      return withSchema.toString();
    })();
    schemas.set(dbPath, url);
  }
  return url;
}

/** Opens the store a test app runs on: the SQLite file at dbPath, or its PostgreSQL stand-in. */
export async function openTestStore(dbPath: string, options: { clock?: () => number } = {}): Promise<Store> {
  if (TEST_DATABASE === 'sqlite') return openSqliteStore({ path: dbPath, ...options });
  // Each in-memory database is private to its opener; so is its stand-in.
  const key = dbPath === ':memory:' ? `:memory:${++memories}` : dbPath;
  return openPostgresStore({ url: await postgresUrlFor(key), ...options });
}

/**
 * Rows of a plain SELECT on a test app's database, written for both dialects with $1, $2… placeholders: for
 * looking at what the Store API does not show (what a deletion left behind).
 */
export async function testDbRows(dbPath: string, sql: string, ...params: unknown[]): Promise<unknown[][]> {
  if (TEST_DATABASE === 'sqlite') {
    const db = new Database(dbPath, { readonly: true });
    try {
      return db
        .prepare(sql.replace(/\$\d+/g, '?'))
        .raw()
        .all(...params) as unknown[][];
    } finally {
      db.close();
    }
  }
  const client = new pg.Client({ connectionString: await postgresUrlFor(dbPath) });
  await client.connect();
  try {
    return (await client.query({ text: sql, values: params, rowMode: 'array' })).rows;
  } finally {
    await client.end();
  }
}

/** The first column of the first row, as a number (counts). */
export async function testDbCount(dbPath: string, sql: string, ...params: unknown[]): Promise<number> {
  return Number((await testDbRows(dbPath, sql, ...params))[0]?.[0] ?? 0);
}
