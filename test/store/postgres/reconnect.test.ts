import pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../../src/store/errors.ts';
import { openPostgresStore } from '../../../src/store/postgres/open.ts';
import { createPool, PgDb } from '../../../src/store/postgres/pool.ts';
import type { PostgresStore } from '../../../src/store/postgres/store.ts';
import {
  ADMIN_URL,
  describeWithPostgres,
  type FreshDatabase,
  freshDatabase,
} from '../../helpers/postgres.ts';
import { sessionRecord, T0, turn } from '../fixtures.ts';

const ALICE = { workspaceId: 'T1', userId: 'U1' };

describeWithPostgres('PostgresStore when connections drop', () => {
  let db: FreshDatabase;
  let store: PostgresStore;

  /** Ends every server process connected to the test database, as a failover or a restart would. */
  async function killConnections(): Promise<number> {
    const admin = new pg.Client({ connectionString: ADMIN_URL });
    await admin.connect();
    try {
      const killed = await admin.query(
        'SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()',
        [db.name],
      );
      return killed.rowCount ?? 0;
    } finally {
      await admin.end();
    }
  }

  beforeEach(async () => {
    db = await freshDatabase();
    store = await openPostgresStore({ url: db.url });
  });

  afterEach(async () => {
    await store.close();
    await db.drop();
  });

  it('a query cut off mid-way fails with StoreUnavailableError, and the next one reconnects', async () => {
    const raw = new PgDb(createPool({ connectionString: db.url, max: 1 }));
    try {
      const slow = raw.rows('SELECT pg_sleep(30)');
      const failed = expect(slow).rejects.toBeInstanceOf(StoreUnavailableError);
      // Wait until the sleep is running on the server, then cut it off.
      for (let i = 0; i < 100; i++) {
        const running = raw.pool.totalCount;
        if (running > 0 && (await killConnections()) > 0) break;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      await failed;
      expect(await raw.rows('SELECT 1 AS one')).toEqual([{ one: 1 }]);
    } finally {
      await raw.close();
    }
  });

  it('the store answers again after all its connections were killed, with nothing half-written', async () => {
    await store.commitTurn(turn(ALICE, sessionRecord(ALICE, 's1'), 'm1', T0));
    expect(await killConnections()).toBeGreaterThan(0);
    // The pool notices the dead connections and opens new ones.
    let answered = false;
    for (let i = 0; i < 3 && !answered; i++) {
      try {
        expect((await store.getActiveSession(ALICE))?.id).toBe('s1');
        answered = true;
      } catch (error) {
        expect(error).toBeInstanceOf(StoreUnavailableError);
      }
    }
    expect(answered).toBe(true);
    expect(await store.commitTurn(turn(ALICE, sessionRecord(ALICE, 's1'), 'm1', T0))).toBe(false);
    expect(await store.ping()).toBe(true);
  });

  it('an unreachable server is a StoreUnavailableError at open, naming no password', async () => {
    const url = 'postgres://coach:s3cret@127.0.0.1:1/none';
    const opening = openPostgresStore({ url });
    await expect(opening).rejects.toBeInstanceOf(StoreUnavailableError);
    await expect(opening).rejects.not.toThrow(/s3cret/);
  });
});
