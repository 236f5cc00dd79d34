import { randomUUID } from 'node:crypto';
import type { OutboxRow } from '../statements.ts';
import type { AttemptFailure, OutboxEntry, OutboxHead, OutboxMessage, UserKey } from '../types.ts';
import type { PgDb, Queryable } from './pool.ts';

const PENDING = 'delivered_at IS NULL AND abandoned_at IS NULL';
const ENTRY_COLUMNS = 'id, workspace_id, user_id, channel, attempts, created_at, attempt_started_at, payload';

/** Any fixed number: the transaction-level advisory lock that orders outbox ids. */
const OUTBOX_ORDER_LOCK = 7_146_232_020;

/**
 * Queues a message inside the caller's transaction. The deliverer reads pending messages after the highest id it
 * has seen, so ids must become visible in id order: a transaction that drew id 10 and committed after another's
 * id 11 would never be read. Holding this lock from the insert to the commit (it is released then) makes
 * outbox-writing transactions draw ids and commit one at a time; it is taken last in the transaction, so the
 * wait is short.
 */
export async function insertOutbox(
  db: PgDb,
  on: Queryable,
  key: UserKey,
  message: OutboxMessage,
  now: number,
): Promise<void> {
  await db.rows('SELECT pg_advisory_xact_lock($1)', [OUTBOX_ORDER_LOCK], on);
  await db.run(
    `INSERT INTO outbox (workspace_id, user_id, channel, attempts, created_at, payload)
     VALUES ($1, $2, $3, 0, $4, $5)`,
    [key.workspaceId, key.userId, message.channel, now, JSON.stringify(message.payload)],
    on,
  );
}

/**
 * The outbox on PostgreSQL, shared by every instance. Starting a post claims the message for this instance for
 * `leaseMs`: another instance may take it over only once that lease has run out (its holder died mid-post), and
 * then the deliverer's look-up in the channel finds a copy Slack already holds before posting again.
 */
export class PgOutbox {
  /** This store instance, as the holder of its posts' leases. */
  private readonly holder = randomUUID();

  constructor(
    private readonly db: PgDb,
    private readonly leaseMs: number,
  ) {}

  async pending(limit: number): Promise<OutboxEntry[]> {
    const rows = await this.db.rows<OutboxRow>(
      `SELECT ${ENTRY_COLUMNS} FROM outbox WHERE ${PENDING} ORDER BY id LIMIT $1`,
      [limit],
    );
    return rows.map(outboxEntry);
  }

  async heads(afterId: number, limit: number): Promise<OutboxHead[]> {
    const rows = await this.db.rows<{
      id: number;
      workspace_id: string;
      user_id: string;
      channel: string | null;
    }>(
      `SELECT id, workspace_id, user_id, channel FROM outbox WHERE id > $1 AND ${PENDING} ORDER BY id LIMIT $2`,
      [afterId, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      workspaceId: row.workspace_id,
      userId: row.user_id,
      channel: row.channel,
    }));
  }

  async entry(id: number): Promise<OutboxEntry | undefined> {
    const row = await this.db.one<OutboxRow>(
      `SELECT ${ENTRY_COLUMNS} FROM outbox WHERE id = $1 AND ${PENDING}`,
      [id],
    );
    return row ? outboxEntry(row) : undefined;
  }

  async delivered(id: number, now: number): Promise<void> {
    await this.db.run('UPDATE outbox SET delivered_at = $2 WHERE id = $1 AND delivered_at IS NULL', [
      id,
      now,
    ]);
  }

  async abandoned(id: number, now: number): Promise<void> {
    await this.db.run('UPDATE outbox SET abandoned_at = $2 WHERE id = $1 AND delivered_at IS NULL', [
      id,
      now,
    ]);
  }

  /**
   * Claims the message for a post: free (no post started, or the last one surely failed), already this
   * instance's, or its holder's lease ran out. SKIP LOCKED: a row another instance is claiming right now is
   * theirs, without waiting for them.
   */
  async claim(id: number, now: number): Promise<boolean> {
    const claimed = await this.db.run(
      `UPDATE outbox SET attempt_started_at = $2, attempt_holder = $3
       WHERE id = (
         SELECT id FROM outbox
         WHERE id = $1 AND ${PENDING}
           AND (attempt_started_at IS NULL OR attempt_holder IS NULL OR attempt_holder = $3
                OR attempt_started_at <= $2::bigint - $4::bigint)
         FOR UPDATE SKIP LOCKED)`,
      [id, now, this.holder, this.leaseMs],
    );
    return claimed === 1;
  }

  async failed(id: number, failure: AttemptFailure): Promise<void> {
    const { surelyNotPosted = false, counted = true } = failure;
    await this.db.run(
      `UPDATE outbox SET attempts = attempts + $2,
         attempt_started_at = CASE WHEN $3::boolean THEN NULL ELSE attempt_started_at END,
         attempt_holder = CASE WHEN $3::boolean THEN NULL ELSE attempt_holder END
       WHERE id = $1 AND delivered_at IS NULL`,
      [id, counted ? 1 : 0, surelyNotPosted],
    );
  }
}

function outboxEntry(row: OutboxRow): OutboxEntry {
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    userId: row.user_id,
    channel: row.channel,
    payload: JSON.parse(row.payload),
    attempts: row.attempts,
    createdAt: row.created_at,
    attemptStartedAt: row.attempt_started_at,
  };
}
