import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite.ts';
import type { InboundRequest } from '../../src/store/types.ts';
import { tempDbPath } from '../helpers/slack-app.ts';

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function store(path = ':memory:', acknowledgementPath = false): Promise<SqliteStore> {
  const opened = await openSqliteStore({ path, acknowledgementPath });
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
    const front = await store(db.path, true);
    const other = new Database(db.path);
    cleanups.push(() => {
      other.close();
    });
    other.exec('BEGIN IMMEDIATE');
    let ticks = 0;
    const ticker = setInterval(() => {
      ticks += 1;
    }, 5);
    const recording = front.recordInbound(inbound('T1:U1', '001'));
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(await front.inboxSize()).toBe(0);
    other.exec('COMMIT');
    expect(await recording).toBe(true);
    clearInterval(ticker);
    // The loop kept turning while the write waited for the lock.
    expect(ticks).toBeGreaterThan(2);
    expect(await front.inboxSize()).toBe(1);
  });
});
