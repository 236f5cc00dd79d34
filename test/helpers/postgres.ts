import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { describe, it } from 'vitest';

/**
 * Real PostgreSQL for tests: the server on 127.0.0.1:5432 (trust auth, user postgres) unless TEST_POSTGRES_URL
 * names another. Each call of freshDatabase creates its own database, dropped afterwards.
 */
export const ADMIN_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** CI=true or REQUIRE_POSTGRES=1: a missing server fails the suites instead of skipping them. */
export const POSTGRES_REQUIRED = process.env.CI === 'true' || process.env.REQUIRE_POSTGRES === '1';

async function probe(): Promise<string | null> {
  const client = new pg.Client({ connectionString: ADMIN_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.query('SELECT 1');
    return null;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  } finally {
    await client.end().catch(() => {});
  }
}

/** Why PostgreSQL cannot be used, or null when it answers. Asked once per test file. */
export const POSTGRES_PROBLEM = await probe();

/**
 * `describe` for a suite that needs PostgreSQL: skipped, with one line on the console, when no server answers;
 * failing instead under CI=true or REQUIRE_POSTGRES=1.
 */
export function describeWithPostgres(name: string, body: () => void): void {
  if (POSTGRES_PROBLEM === null) {
    describe(name, body);
  } else if (POSTGRES_REQUIRED) {
    describe(name, () => {
      it('needs PostgreSQL (CI=true or REQUIRE_POSTGRES=1)', () => {
        throw new Error(`PostgreSQL does not answer at ${redact(ADMIN_URL)}: ${POSTGRES_PROBLEM}`);
      });
    });
  } else {
    console.log(`Skipping "${name}": no PostgreSQL at ${redact(ADMIN_URL)} (${POSTGRES_PROBLEM}).`);
    describe.skip(name, body);
  }
}

export interface FreshDatabase {
  name: string;
  /** Connection URL of the new database. */
  url: string;
  /** Drops it (closing any connection still open to it). */
  drop(): Promise<void>;
}

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** Creates `star_test_<pid>_<random>` through the `postgres` database. */
export async function freshDatabase(): Promise<FreshDatabase> {
  const name = `star_test_${process.pid}_${randomBytes(6).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    name,
    url: url.toString(),
    async drop() {
      if (dropped) return;
      dropped = true;
      await admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
    },
  };
}

function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'TEST_POSTGRES_URL';
  }
}
