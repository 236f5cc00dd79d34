import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  checksumOf,
  DEFAULT_MIGRATIONS_DIR,
  MigrationError,
  migrate,
  readMigrations,
} from '../../src/store/migrate.ts';
import { tempDir } from './fixtures.ts';

interface Recorded {
  version: number;
  name: string;
  checksum: string;
  applied_at: number;
}

describe('migrate', () => {
  let dir: string;
  let remove: () => void;
  let dbPath: string;
  const open: Database.Database[] = [];

  function openDb(): Database.Database {
    const db = new Database(dbPath);
    open.push(db);
    return db;
  }

  function writeMigration(name: string, sql: string): void {
    writeFileSync(join(dir, 'migrations', name), sql);
  }

  function recorded(db: Database.Database): Recorded[] {
    return db
      .prepare<[], Recorded>(
        'SELECT version, name, checksum, applied_at FROM schema_migrations ORDER BY version',
      )
      .all();
  }

  beforeEach(() => {
    ({ dir, remove } = tempDir('migrate'));
    dbPath = join(dir, 'test.db');
    mkdirSync(join(dir, 'migrations'));
  });

  afterEach(() => {
    for (const db of open.splice(0)) db.close();
    remove();
  });

  it('applies files in version order and records name, checksum and time', () => {
    // The second migration depends on the first, so applying out of order would fail.
    writeMigration('0002_add_colour.sql', 'ALTER TABLE things ADD COLUMN colour TEXT;');
    writeMigration('0001_things.sql', 'CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT);');
    const db = openDb();

    const applied = migrate(db, { dir: join(dir, 'migrations'), now: () => 1234 });

    expect(applied.map((m) => m.name)).toEqual(['0001_things.sql', '0002_add_colour.sql']);
    expect(recorded(db)).toEqual([
      {
        version: 1,
        name: '0001_things.sql',
        checksum: checksumOf('CREATE TABLE things (id INTEGER PRIMARY KEY, name TEXT);'),
        applied_at: 1234,
      },
      {
        version: 2,
        name: '0002_add_colour.sql',
        checksum: checksumOf('ALTER TABLE things ADD COLUMN colour TEXT;'),
        applied_at: 1234,
      },
    ]);
    const columns = db.prepare<[], { name: string }>('PRAGMA table_info(things)').all();
    expect(columns.map((c) => c.name)).toEqual(['id', 'name', 'colour']);
  });

  it('is idempotent when the database is opened again, and applies only new files', () => {
    writeMigration('0001_things.sql', 'CREATE TABLE things (id INTEGER PRIMARY KEY);');
    migrate(openDb(), { dir: join(dir, 'migrations'), now: () => 1 });

    const again = openDb();
    expect(migrate(again, { dir: join(dir, 'migrations'), now: () => 2 })).toEqual([]);

    writeMigration('0002_more.sql', 'CREATE TABLE more_things (id INTEGER PRIMARY KEY);');
    const third = openDb();
    const applied = migrate(third, { dir: join(dir, 'migrations'), now: () => 3 });
    expect(applied.map((m) => m.name)).toEqual(['0002_more.sql']);
    expect(recorded(third).map((r) => [r.name, r.applied_at])).toEqual([
      ['0001_things.sql', 1],
      ['0002_more.sql', 3],
    ]);
  });

  it('stops with a MigrationError naming an applied file that was edited', () => {
    writeMigration('0001_things.sql', 'CREATE TABLE things (id INTEGER PRIMARY KEY);');
    migrate(openDb(), { dir: join(dir, 'migrations') });
    writeMigration('0001_things.sql', 'CREATE TABLE things (id INTEGER PRIMARY KEY, extra TEXT);');

    const run = () => migrate(openDb(), { dir: join(dir, 'migrations') });
    expect(run).toThrow(MigrationError);
    expect(run).toThrow(/0001_things\.sql was edited/);
    try {
      run();
    } catch (error) {
      expect(error).toBeInstanceOf(MigrationError);
      expect(error instanceof MigrationError && error.file).toBe('0001_things.sql');
    }
  });

  it('does not treat a change of line endings as an edit', () => {
    writeMigration('0001_things.sql', 'CREATE TABLE things (\n  id INTEGER PRIMARY KEY\n);\n');
    migrate(openDb(), { dir: join(dir, 'migrations') });
    writeMigration('0001_things.sql', 'CREATE TABLE things (\r\n  id INTEGER PRIMARY KEY\r\n);\r\n');
    expect(migrate(openDb(), { dir: join(dir, 'migrations') })).toEqual([]);
  });

  it('errors when an applied migration file no longer exists', () => {
    writeMigration('0001_things.sql', 'CREATE TABLE things (id INTEGER PRIMARY KEY);');
    migrate(openDb(), { dir: join(dir, 'migrations') });
    rmSync(join(dir, 'migrations', '0001_things.sql'));

    expect(() => migrate(openDb(), { dir: join(dir, 'migrations') })).toThrow(
      /Applied migration 0001_things\.sql no longer exists/,
    );
  });

  it('errors when an applied migration file was renamed', () => {
    writeMigration('0001_things.sql', 'CREATE TABLE things (id INTEGER PRIMARY KEY);');
    migrate(openDb(), { dir: join(dir, 'migrations') });
    rmSync(join(dir, 'migrations', '0001_things.sql'));
    writeMigration('0001_stuff.sql', 'CREATE TABLE things (id INTEGER PRIMARY KEY);');

    expect(() => migrate(openDb(), { dir: join(dir, 'migrations') })).toThrow(
      /0001_things\.sql was renamed to 0001_stuff\.sql/,
    );
  });

  it.each([
    ['no number', 'init.sql'],
    ['three digits', '001_init.sql'],
    ['no name', '0001.sql'],
    ['capital letters', '0001_Init.sql'],
    ['wrong extension', '0001_init.txt'],
  ])('rejects a badly named file (%s)', (_, name) => {
    writeMigration(name, 'SELECT 1;');
    const run = () => migrate(openDb(), { dir: join(dir, 'migrations') });
    expect(run).toThrow(MigrationError);
    expect(run).toThrow(name);
  });

  it('rejects two files with the same version', () => {
    writeMigration('0001_a.sql', 'SELECT 1;');
    writeMigration('0001_b.sql', 'SELECT 1;');
    expect(() => readMigrations(join(dir, 'migrations'))).toThrow(/share version 0001/);
  });

  it('rejects a new file numbered below one already applied', () => {
    writeMigration('0002_second.sql', 'SELECT 1;');
    migrate(openDb(), { dir: join(dir, 'migrations') });
    writeMigration('0001_first.sql', 'SELECT 1;');
    expect(() => migrate(openDb(), { dir: join(dir, 'migrations') })).toThrow(
      /0001_first\.sql is numbered below the latest applied migration 0002_second\.sql/,
    );
  });

  it('rolls back a failing migration, keeps earlier ones and names the file', () => {
    writeMigration('0001_ok.sql', 'CREATE TABLE ok (id INTEGER PRIMARY KEY);');
    writeMigration('0002_broken.sql', 'CREATE TABLE half (id INTEGER PRIMARY KEY); SELECT * FROM missing;');
    const db = openDb();

    expect(() => migrate(db, { dir: join(dir, 'migrations') })).toThrow(/Migration 0002_broken\.sql failed/);
    expect(recorded(db).map((r) => r.name)).toEqual(['0001_ok.sql']);
    const tables = db
      .prepare<[], string>("SELECT name FROM sqlite_schema WHERE type = 'table' AND name = 'half'")
      .pluck()
      .all();
    expect(tables).toEqual([]);
  });

  it('ignores hidden files such as .gitkeep', () => {
    writeMigration('.gitkeep', '');
    writeMigration('0001_things.sql', 'CREATE TABLE things (id INTEGER PRIMARY KEY);');
    expect(readMigrations(join(dir, 'migrations')).map((m) => m.name)).toEqual(['0001_things.sql']);
  });

  it('reports a missing migrations folder as a MigrationError', () => {
    expect(() => readMigrations(join(dir, 'nowhere'))).toThrow(MigrationError);
  });

  it('finds the repository migrations by default', () => {
    const files = readMigrations();
    expect(files[0]?.name).toBe('0001_init.sql');
    expect(files[0]?.sql).toBe(readFileSync(new URL('0001_init.sql', DEFAULT_MIGRATIONS_DIR), 'utf8'));
  });
});
