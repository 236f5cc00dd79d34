import { randomUUID } from 'node:crypto';
import type { InboundRequest, InboxEntry } from '../types.ts';
import type { PgDb, Queryable } from './pool.ts';

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

/**
 * The durable inbox on PostgreSQL (as migration 0006 on SQLite), shared by every instance. A lane's head is the
 * row no other row of its lane sorts before; lanes and sort keys compare byte by byte (COLLATE "C"). Starting to
 * apply a request takes it for this instance: another skips its lane until that lease runs out (its holder died).
 */
export class PgInbox {
  /** This store instance, as the holder of the requests it applies. */
  private readonly holder = randomUUID();

  constructor(
    private readonly db: PgDb,
    /** How long another instance leaves a request this one started alone (then it may have died). */
    private readonly leaseMs = 60_000,
    private readonly clock: () => number = Date.now,
  ) {}

  async record(request: InboundRequest): Promise<boolean> {
    const inserted = await this.db.run(
      `INSERT INTO inbox (dedupe_key, workspace_id, user_id, lane, sort_key, received_at, request)
       VALUES ($1, $2, $3, $4, $5, $6, $7)
       ON CONFLICT (dedupe_key) DO NOTHING`,
      [
        request.dedupeKey,
        request.workspaceId,
        request.userId,
        request.lane,
        request.sortKey,
        request.receivedAt,
        JSON.stringify(request.request),
      ],
    );
    return inserted === 1;
  }

  async heads(limit: number, skipLanes: readonly string[]): Promise<InboxEntry[]> {
    const rows = await this.db.rows<InboxRow>(
      `SELECT * FROM inbox i
       WHERE NOT (i.lane = ANY ($1::text[]))
         AND i.id = (SELECT j.id FROM inbox j WHERE j.lane = i.lane ORDER BY j.sort_key, j.id LIMIT 1)
         AND (i.holder IS NULL OR i.holder = $3 OR i.started_at <= $4::bigint - $5::bigint)
       ORDER BY i.id LIMIT $2`,
      [skipLanes, limit, this.holder, this.clock(), this.leaseMs],
    );
    return rows.map(inboxEntry);
  }

  /** Takes the request for this instance (see Store.startInbound): -1 while another's lease on it runs. */
  async start(id: number): Promise<number> {
    const now = this.clock();
    const row = await this.db.one<{ attempts: number }>(
      `UPDATE inbox SET attempts = attempts + 1, holder = $2, started_at = $3
       WHERE id = $1 AND (holder IS NULL OR holder = $2 OR started_at <= $3::bigint - $4::bigint)
       RETURNING attempts`,
      [id, this.holder, now, this.leaseMs],
    );
    if (row) return row.attempts;
    return (await this.db.one('SELECT 1 FROM inbox WHERE id = $1', [id])) ? -1 : 0;
  }

  async consume(id: number): Promise<void> {
    await this.db.run('DELETE FROM inbox WHERE id = $1', [id]);
  }

  async size(): Promise<number> {
    return (await this.db.one<{ n: number }>('SELECT count(*) AS n FROM inbox'))?.n ?? 0;
  }
}

/** Forget-me and uninstall: the waiting requests of a person (userId set) or of a whole workspace (null). */
export function eraseInbox(db: PgDb, on: Queryable, workspaceId: string, userId: string | null) {
  return db.run(
    'DELETE FROM inbox WHERE workspace_id = $1 AND ($2::text IS NULL OR user_id = $2)',
    [workspaceId, userId],
    on,
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
