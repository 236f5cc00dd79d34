import type Database from 'better-sqlite3';
import type { InboundRequest, InboxEntry } from './types.ts';

interface InboxRow {
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

/** The durable inbox on SQLite (migration 0006). Each call is one statement, so one implicit transaction. */
export class SqliteInbox {
  private readonly s;

  constructor(db: Database.Database) {
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
    };
  }

  record(request: InboundRequest): boolean {
    return (
      this.s.record.run({
        dedupeKey: request.dedupeKey,
        workspaceId: request.workspaceId,
        userId: request.userId,
        lane: request.lane,
        sortKey: request.sortKey,
        receivedAt: request.receivedAt,
        request: JSON.stringify(request.request),
      }).changes === 1
    );
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
}

/** Forget-me and uninstall: the waiting requests of a person (userId set) or of a whole workspace (userId null). */
export function inboxEraser(db: Database.Database) {
  return db.prepare<{ workspaceId: string; userId: string | null }>(
    'DELETE FROM inbox WHERE workspace_id = @workspaceId AND (@userId IS NULL OR user_id = @userId)',
  );
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
