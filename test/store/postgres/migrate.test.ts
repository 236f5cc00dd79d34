import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { MigrationError, readMigrations } from '../../../src/store/migrate.ts';
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

  it('has the tables of the SQLite schema after 0009_spaced.sql', async () => {
    await migratePostgres(pool());
    const tables = await pool().query<{ table_name: string }>(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' ORDER BY table_name",
    );
    expect(tables.rows.map((r) => r.table_name)).toEqual(
      [
        'answers',
        'daily_posts',
        'daily_practice',
        'daily_schedules',
        'evaluations',
        'follow_up_answers',
        'inbox',
        'nudge_settings',
        'nudges_sent',
        'outbox',
        'processed_messages',
        'schema_migrations',
        'sessions',
        'slack_events',
        'stories',
        'story_sessions',
        'users',
      ].sort(),
    );
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
