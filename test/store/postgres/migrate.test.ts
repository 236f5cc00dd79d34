import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
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

  it("0013 fills each session's latest band and each evaluation's verdicts from what was stored", async () => {
    const { dir, remove } = tempDir('pg-before-0013');
    try {
      for (const m of readMigrations(POSTGRES_MIGRATIONS_DIR).filter((m) => m.version < 13)) {
        copyFileSync(new URL(m.name, POSTGRES_MIGRATIONS_DIR), join(dir, m.name));
      }
      await migratePostgres(pool(), { dir });
      const criteria = JSON.stringify([
        { id: 'first-person', verdict: 'pass', evidence: ['I called'], advice: 'Keep it' },
        { id: 'no-blame', verdict: 'fail', evidence: ['their fault'], advice: 'Own it' },
      ]);
      await pool().query(
        `INSERT INTO users (workspace_id, user_id, time_zone, created_at, updated_at) VALUES ('T1', 'U1', 'UTC', 1, 1)`,
      );
      await pool().query(
        `INSERT INTO sessions (id, workspace_id, user_id, question_id, principle_id, source, status, step,
                               created_at, updated_at, completed_at, state)
         VALUES ('s1', 'T1', 'U1', 'q', 'dive-deep', 'slack', 'completed', 'closed', 1, 1, 1, '{}'),
                ('s2', 'T1', 'U1', 'q', 'dive-deep', 'slack', 'active', 'situation', 1, 1, NULL, '{}')`,
      );
      await pool().query(
        `INSERT INTO evaluations (session_id, rubric_version, score, band, created_at, criteria)
         VALUES ('s1', 'r1', 20, 'not-inclined', 1, '[]'), ('s1', 'r1', 80, 'inclined', 2, $1)`,
        [criteria],
      );
      await migratePostgres(pool());
      const sessions = await pool().query('SELECT id, latest_band FROM sessions ORDER BY id');
      expect(sessions.rows).toEqual([
        { id: 's1', latest_band: 'inclined' },
        { id: 's2', latest_band: null },
      ]);
      const evaluations = await pool().query('SELECT verdicts FROM evaluations ORDER BY id');
      expect(evaluations.rows.map((r) => JSON.parse(r.verdicts))).toEqual([
        null,
        [
          { id: 'first-person', verdict: 'pass' },
          { id: 'no-blame', verdict: 'fail' },
        ],
      ]);
    } finally {
      remove();
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
