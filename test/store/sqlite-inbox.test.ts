import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite.ts';
import { inboxPathFor, openSqliteInbox } from '../../src/store/sqlite-inbox.ts';
import type { InboundRequest } from '../../src/store/types.ts';
import { tempDbPath } from '../helpers/slack-app.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function store(path = ':memory:'): Promise<SqliteStore> {
  const opened = await openSqliteStore({ path });
  cleanups.push(() => opened.close());
  return opened;
}

let n = 0;
function inbound(lane: string, sortKey: string, extra: Partial<InboundRequest> = {}): InboundRequest {
  n += 1;
  const [workspaceId, userId] = lane.split(':');
  return {
    dedupeKey: `event:Ev${n}`,
    workspaceId: workspaceId!,
    userId: userId ?? null,
    lane,
    sortKey,
    receivedAt: 1_000 + n,
    request: { body: { n } },
    ...extra,
  };
}

describe('SqliteStore inbox', () => {
  it('on the acknowledgement path, waits for another writer without blocking the event loop', async () => {
    const db = tempDbPath();
    cleanups.push(() => db.remove());
    const front = await openSqliteInbox({ path: inboxPathFor(db.path), acknowledgementPath: true });
    cleanups.push(() => front.close());
    const other = new Database(inboxPathFor(db.path));
    cleanups.push(() => {
      other.close();
    });
    other.exec('BEGIN IMMEDIATE');
    let ticks = 0;
    const ticker = setInterval(() => {
      ticks += 1;
    }, 5);
    const recording = front.record(inbound('T1:U1', '001'));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(front.size()).toBe(0);
    other.exec('COMMIT');
    expect(await recording).toBe(true);
    clearInterval(ticker);
    // The loop kept turning while the write waited for the lock.
    expect(ticks).toBeGreaterThan(2);
    expect(front.size()).toBe(1);
  });

  it('records while a turn holds the database’s write lock: the inbox is a file of its own', async () => {
    const db = tempDbPath();
    cleanups.push(() => db.remove());
    const coaching = await store(db.path);
    const front = await openSqliteInbox({ path: inboxPathFor(db.path), acknowledgementPath: true });
    cleanups.push(() => front.close());
    const turn = new Database(db.path);
    cleanups.push(() => {
      turn.close();
    });
    turn.exec('BEGIN IMMEDIATE');
    expect(await front.record(inbound('T1:U1', '001'))).toBe(true);
    turn.exec('COMMIT');
    expect((await coaching.inboxHeads(10, [])).map((h) => h.lane)).toEqual(['T1:U1']);
  });

  it('adopts the requests an older version left in the database’s own inbox table', async () => {
    const db = tempDbPath();
    cleanups.push(() => db.remove());
    (await store(db.path)).close();
    const old = new Database(db.path);
    old
      .prepare(
        `INSERT INTO inbox (id, dedupe_key, workspace_id, user_id, lane, sort_key, received_at, attempts, request)
         VALUES (7, 'event:Old', 'T1', 'U1', 'T1:U1', '001', 5, 1, '{"body":{"old":true}}')`,
      )
      .run();
    old.close();
    const reopened = await store(db.path);
    const [head] = await reopened.inboxHeads(10, []);
    expect(head).toMatchObject({
      id: 7,
      dedupeKey: 'event:Old',
      attempts: 1,
      request: { body: { old: true } },
    });
    const left = new Database(db.path, { readonly: true });
    expect(left.prepare('SELECT count(*) AS n FROM inbox').get()).toEqual({ n: 0 });
    left.close();
  });

  it('a database used only by the terminal gets no inbox file, and forget-me does not create one', async () => {
    const db = tempDbPath();
    cleanups.push(() => db.remove());
    const s = await store(db.path);
    await s.forgetUser({ workspaceId: 'T1', userId: 'U1' });
    expect(existsSync(inboxPathFor(db.path))).toBe(false);
    await s.recordInbound(inbound('T1:U1', '001'));
    expect(existsSync(inboxPathFor(db.path))).toBe(true);
  });
});
