import type Database from 'better-sqlite3';
import { BUSY_GIVE_UP_MS, isBusy, isFileBacked, openSqliteFile } from './sqlite-file.ts';
import type { InboundRequest, InboxEntry } from './types.ts';

/** A row as stored (also the shape of the database's own inbox table, migration 0006). */
export interface InboxRow {
  id: number;
  dedupe_key: string | null;
  workspace_id: string;
  user_id: string | null;
  lane: string;
  sort_key: string;
  received_at: number;
  attempts: number;
  request: string;
}

/**
 * The inbox lives in a SQLite file of its own, beside the database (`star-coach.db-inbox`): the HTTP front records
 * requests there while the coaching side commits turns to the database, so an acknowledgement never waits for a
 * turn's write lock. An in-memory database gets an in-memory inbox.
 */
export function inboxPathFor(databasePath: string): string {
  return isFileBacked(databasePath) ? `${databasePath}-inbox` : ':memory:';
}

/** The inbox file's schema (the table migration 0006 once created in the database), versioned by user_version. */
const SCHEMA_VERSION = 1;
const SCHEMA = `
-- Each verified Slack request, written before Slack gets its acknowledgement, applied, then deleted. Requests of
-- one lane (one person in one workspace) are applied one at a time in sort_key order. dedupe_key (Slack's event
-- id) drops a second delivery of a request still waiting.
CREATE TABLE IF NOT EXISTS inbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dedupe_key TEXT UNIQUE,
  workspace_id TEXT NOT NULL,
  user_id TEXT,
  lane TEXT NOT NULL,
  sort_key TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  request TEXT NOT NULL CHECK (json_valid(request))
) STRICT;
CREATE INDEX IF NOT EXISTS inbox_by_lane ON inbox (lane, sort_key, id);
CREATE INDEX IF NOT EXISTS inbox_by_user ON inbox (workspace_id, user_id);
`;

export interface SqliteInboxOptions {
  /** The inbox file (see inboxPathFor), created with its folder when missing; ":memory:" for a private one. */
  path: string;
  /**
   * For the connection that records requests before Slack is acknowledged (the HTTP front): it never sleeps in
   * SQLite's busy handler, which would stall every acknowledgement behind one write (a busy write is tried again
   * shortly instead, off the event loop), and it leaves WAL checkpoints, which sync the disk, to the other side.
   */
  acknowledgementPath?: boolean;
}

/** Opens (creating when missing) the inbox file. A schema check is one `PRAGMA user_version` read. */
export async function openSqliteInbox(options: SqliteInboxOptions): Promise<SqliteInbox> {
  // Deleted requests are overwritten with zeros (they quote answers); `checkpoint` clears the WAL's copies.
  const db = await openSqliteFile(options.path);
  try {
    if (db.pragma('user_version', { simple: true }) !== SCHEMA_VERSION) {
      db.transaction(() => {
        db.exec(SCHEMA);
        db.pragma(`user_version = ${SCHEMA_VERSION}`);
      }).immediate();
    }
    if (options.acknowledgementPath) {
      db.pragma('busy_timeout = 0');
      // A checkpoint copies the WAL into the file and syncs both: the coaching side's connection does it.
      db.pragma('wal_autocheckpoint = 0');
    }
    return new SqliteInbox(db, options.acknowledgementPath ?? false);
  } catch (error) {
    db.close();
    throw error;
  }
}

/**
 * The durable inbox on SQLite. Each call is one statement, so one short implicit transaction: the coaching side
 * holds the inbox's write lock only for a row's update or delete, never across a turn.
 */
export class SqliteInbox {
  private readonly s;

  constructor(
    private readonly db: Database.Database,
    /** Busy writes are retried off the event loop (see SqliteInboxOptions.acknowledgementPath). */
    private readonly retryBusy = false,
  ) {
    this.s = {
      record: db.prepare<{
        dedupeKey: string | null;
        workspaceId: string;
        userId: string | null;
        lane: string;
        sortKey: string;
        receivedAt: number;
        request: string;
      }>(
        `INSERT INTO inbox (dedupe_key, workspace_id, user_id, lane, sort_key, received_at, request)
         VALUES (@dedupeKey, @workspaceId, @userId, @lane, @sortKey, @receivedAt, @request)
         ON CONFLICT (dedupe_key) DO NOTHING`,
      ),
      // A row is its lane's head when no row of the lane sorts before it (inbox_by_lane answers that).
      heads: db.prepare<[string, number], InboxRow>(
        `SELECT * FROM inbox i
         WHERE i.lane NOT IN (SELECT value FROM json_each(?))
           AND i.id = (SELECT j.id FROM inbox j WHERE j.lane = i.lane ORDER BY j.sort_key, j.id LIMIT 1)
         ORDER BY i.id LIMIT ?`,
      ),
      start: db
        .prepare<[number], number>('UPDATE inbox SET attempts = attempts + 1 WHERE id = ? RETURNING attempts')
        .pluck(),
      consume: db.prepare<[number]>('DELETE FROM inbox WHERE id = ?'),
      size: db.prepare<[], number>('SELECT count(*) FROM inbox').pluck(),
      erase: db.prepare<{ workspaceId: string; userId: string | null }>(
        'DELETE FROM inbox WHERE workspace_id = @workspaceId AND (@userId IS NULL OR user_id = @userId)',
      ),
    };
  }

  /** Records a request; false when one with the same dedupe key is still waiting. Durable once it resolves. */
  async record(request: InboundRequest): Promise<boolean> {
    const params = {
      dedupeKey: request.dedupeKey,
      workspaceId: request.workspaceId,
      userId: request.userId,
      lane: request.lane,
      sortKey: request.sortKey,
      receivedAt: request.receivedAt,
      request: JSON.stringify(request.request),
    };
    if (!this.retryBusy) return this.s.record.run(params).changes === 1;
    const giveUpAt = Date.now() + BUSY_GIVE_UP_MS;
    for (let attempt = 0; ; attempt++) {
      try {
        return this.s.record.run(params).changes === 1;
      } catch (error) {
        if (!isBusy(error) || Date.now() > giveUpAt) throw error;
        // The lock holder may be the coaching thread at idle priority: a timer, unlike a spin on setImmediate,
        // leaves it the CPU to finish its statement.
        await new Promise((resolve) => (attempt === 0 ? setImmediate(resolve) : setTimeout(resolve, 1)));
      }
    }
  }

  heads(limit: number, skipLanes: readonly string[]): InboxEntry[] {
    return this.s.heads.all(JSON.stringify(skipLanes), limit).map(inboxEntry);
  }

  start(id: number): number {
    return this.s.start.get(id) ?? 0;
  }

  consume(id: number): void {
    this.s.consume.run(id);
  }

  size(): number {
    return this.s.size.get() ?? 0;
  }

  /** Forget-me and uninstall: the waiting requests of a person (userId set) or of a whole workspace (null). */
  erase(workspaceId: string, userId: string | null): number {
    return this.s.erase.run({ workspaceId, userId }).changes;
  }

  /** Copies the WAL into the file and truncates it, so deleted requests leave no copy; false if a reader held it. */
  checkpoint(): boolean {
    const [status] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    return status === undefined || status.busy === 0;
  }

  /** Moves requests recorded by an older version in the database's own inbox table (migration 0006) here. */
  adopt(rows: readonly InboxRow[]): void {
    const insert = this.db.prepare(
      `INSERT OR IGNORE INTO inbox (id, dedupe_key, workspace_id, user_id, lane, sort_key, received_at, attempts, request)
       VALUES (@id, @dedupe_key, @workspace_id, @user_id, @lane, @sort_key, @received_at, @attempts, @request)`,
    );
    this.db
      .transaction(() => {
        for (const row of rows) insert.run(row);
      })
      .immediate();
  }

  async close(): Promise<void> {
    if (this.db.open) this.db.close();
  }
}

function inboxEntry(row: InboxRow): InboxEntry {
  return {
    id: row.id,
    dedupeKey: row.dedupe_key,
    workspaceId: row.workspace_id,
    userId: row.user_id,
    lane: row.lane,
    sortKey: row.sort_key,
    receivedAt: row.received_at,
    attempts: row.attempts,
    request: JSON.parse(row.request),
  };
}
