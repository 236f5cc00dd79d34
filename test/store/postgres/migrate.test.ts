import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import type pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { MigrationError, migrate, readMigrations } from '../../../src/store/migrate.ts';
import { migratePostgres, POSTGRES_MIGRATIONS_DIR } from '../../../src/store/postgres/migrate.ts';
import { createPool } from '../../../src/store/postgres/pool.ts';
import { describeWithPostgres, type FreshDatabase, freshDatabase } from '../../helpers/postgres.ts';
import { tempDir } from '../fixtures.ts';

describeWithPostgres('migratePostgres', () => {
  let db: FreshDatabase;
  const pools: pg.Pool[] = [];
  const pool = () => {
    const created = createPool({ connectionString: db.url, max: 2 });
    pools.push(created);
    return created;
  };

  beforeEach(async () => {
    db = await freshDatabase();
  });

  afterEach(async () => {
    for (const p of pools.splice(0)) await p.end();
    await db.drop();
  });

  it('two instances migrating a fresh database at once both come up, and the baseline is applied once', async () => {
    const [first, second] = await Promise.all([migratePostgres(pool()), migratePostgres(pool())]);
    const applied = [...first, ...second];
    expect(applied.map((m) => m.name)).toEqual(readMigrations(POSTGRES_MIGRATIONS_DIR).map((m) => m.name));
    const recorded = await pool().query('SELECT version, name FROM schema_migrations ORDER BY version');
    expect(recorded.rows).toEqual(
      readMigrations(POSTGRES_MIGRATIONS_DIR).map((m) => ({ version: m.version, name: m.name })),
    );
    expect(recorded.rows[0]).toEqual({ version: 9, name: '0009_baseline.sql' });
    // A third start finds nothing to do.
    expect(await migratePostgres(pool())).toEqual([]);
  });

  it('has the tables (and columns) SQLite has after the same migrations', async () => {
    await migratePostgres(pool());
    const columns = await pool().query<{ table_name: string; column_name: string }>(
      `SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'`,
    );
    const sqlite = new Database(':memory:');
    try {
      migrate(sqlite);
      const expected = sqlite
        .prepare<[], { t: string; c: string }>(
          `SELECT m.name AS t, p.name AS c FROM sqlite_master m, pragma_table_info(m.name) p
           WHERE m.type = 'table' AND m.name <> 'sqlite_sequence'`,
        )
        .all()
        .map((r) => `${r.t}.${r.c}`);
      // Only the leases PostgreSQL's instances need are its own.
      const own = new Set(['outbox.attempt_holder', 'sessions.seq']);
      const actual = columns.rows.map((r) => `${r.table_name}.${r.column_name}`).filter((c) => !own.has(c));
      expect(actual.sort()).toEqual(expected.sort());
    } finally {
      sqlite.close();
    }
  });

  describeEditedMigration();

  function describeEditedMigration() {
    let dir: string;
    let remove: () => void;
    beforeEach(() => {
      ({ dir, remove } = tempDir('pg-migrate'));
      mkdirSync(join(dir, 'm'));
    });
    afterEach(() => remove());

    it('refuses to start when an applied migration was edited, and rolls back a failing one', async () => {
      writeFileSync(join(dir, 'm', '0001_things.sql'), 'CREATE TABLE things (id INTEGER PRIMARY KEY);');
      await migratePostgres(pool(), { dir: join(dir, 'm') });
      writeFileSync(join(dir, 'm', '0001_things.sql'), 'CREATE TABLE things (id BIGINT PRIMARY KEY);');
      await expect(migratePostgres(pool(), { dir: join(dir, 'm') })).rejects.toThrow(/was edited/);
      writeFileSync(join(dir, 'm', '0001_things.sql'), 'CREATE TABLE things (id INTEGER PRIMARY KEY);');
      writeFileSync(join(dir, 'm', '0002_broken.sql'), 'CREATE TABLE half (id INT); SELECT * FROM missing;');
      await expect(migratePostgres(pool(), { dir: join(dir, 'm') })).rejects.toBeInstanceOf(MigrationError);
      const half = await pool().query("SELECT to_regclass('half') AS t");
      expect(half.rows[0].t).toBeNull();
    });
  }
});
