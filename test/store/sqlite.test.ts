import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite.ts';
import type { UserKey } from '../../src/store/types.ts';
import { T0, tempDir } from './fixtures.ts';

const run = promisify(execFile);
const ALICE: UserKey = { workspaceId: 'T-A', userId: 'U1' };
const TABLES = [
  'users',
  'sessions',
  'answers',
  'evaluations',
  'follow_up_answers',
  'processed_messages',
  'outbox',
] as const;

describe('SqliteStore', () => {
  let dir: string;
  let remove: () => void;
  let dbPath: string;
  let store: SqliteStore;
  const extraStores: SqliteStore[] = [];
  const peekers: Database.Database[] = [];

  /** A second, plain connection to the same file, for looking at rows the Store API does not expose. */
  function peek(): Database.Database {
    const db = new Database(dbPath, { readonly: true });
    peekers.push(db);
    return db;
  }

  function _counts(): Record<(typeof TABLES)[number], number> {
    const db = peek();
    const entries = TABLES.map((table) => [
      table,
      db.prepare<[], number>(`SELECT count(*) FROM ${table}`).pluck().get() ?? -1,
    ]);
    return Object.fromEntries(entries);
  }

  beforeEach(async () => {
    ({ dir, remove } = tempDir('store'));
    dbPath = join(dir, 'nested', 'folder', 'coach.db');
    store = await openSqliteStore({ path: dbPath, clock: () => T0 + 999 });
  });

  afterEach(async () => {
    for (const db of peekers.splice(0)) db.close();
    for (const other of extraStores.splice(0)) await other.close();
    await store.close();
    remove();
  });

  describe('opening', () => {
    it('creates the missing parent folder and turns on WAL, foreign keys and a busy timeout', () => {
      expect(existsSync(dbPath)).toBe(true);
      expect(store.diagnostics()).toEqual({ journalMode: 'wal', foreignKeys: true, busyTimeoutMs: 5000 });
      expect(peek().pragma('journal_mode', { simple: true })).toBe('wal');
    });

    it('applies the repository migrations', () => {
      const names = peek().prepare<[], string>('SELECT name FROM schema_migrations').pluck().all();
      expect(names).toContain('0001_init.sql');
    });

    it('opens the same file again without re-applying anything', async () => {
      const again = await openSqliteStore({ path: dbPath });
      extraStores.push(again);
      const rows = peek().prepare<[], number>('SELECT count(*) FROM schema_migrations').pluck().get();
      const files = readdirSync(new URL('../../migrations/', import.meta.url)).filter((f) =>
        f.endsWith('.sql'),
      );
      expect(rows).toBe(files.length);
    });

    it('supports an in-memory database', async () => {
      const memory = await openSqliteStore({ path: ':memory:' });
      extraStores.push(memory);
      expect(memory.diagnostics().foreignKeys).toBe(true);
      await memory.upsertUser(ALICE, { level: 'senior' }, T0);
      expect((await memory.getUser(ALICE))?.level).toBe('senior');
    });
  });

  describe('two processes on one file', () => {
    it('loses no writes when two processes commit at the same time', async () => {
      // Both processes start on a file that does not exist yet, so they also race through migrations.
      await store.close();
      const shared = join(dir, 'race', 'shared.db');
      const writer = join(import.meta.dirname, 'concurrent-writer.ts');
      const count = 200;
      const startAt = Date.now() + 2000;
      const outputs = await Promise.all(
        ['left', 'right'].map((name) =>
          run(process.execPath, ['--import', 'tsx', writer, shared, name, String(count), String(startAt)], {
            cwd: join(import.meta.dirname, '..', '..'),
          }),
        ),
      );
      const results = outputs.map(({ stdout }) => JSON.parse(stdout));

      // Shared ids are applied exactly once between them; own ids always.
      const applied = results.reduce((sum, r) => sum + r.applied, 0);
      const duplicates = results.reduce((sum, r) => sum + r.duplicates, 0);
      expect(applied).toBe(3 * count);
      expect(duplicates).toBe(count);
      const db = new Database(shared, { readonly: true });
      peekers.push(db);
      const total = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
      expect(total('sessions')).toBe(3 * count);
      expect(total('processed_messages')).toBe(3 * count);
      expect(total('outbox')).toBe(3 * count);
      store = await openSqliteStore({ path: shared });
    }, 60_000);
  });
});
