import pg from 'pg';
import type { Recorded } from './answer-kills.ts';
import { queuedText, TEAM } from './bot-process.ts';

/**
 * Reads the app's PostgreSQL database from the outside while its instances run, as bot-process.ts reads a
 * SQLite file: what was applied, what waits in the inbox and the outbox, what was queued for a DM.
 */
export class PgReader {
  private readonly pool: pg.Pool;

  constructor(url: string) {
    this.pool = new pg.Pool({ connectionString: url, max: 2 });
  }

  private async count(sql: string, params: unknown[] = []): Promise<number> {
    const { rows } = await this.pool.query<{ n: number }>(sql, params);
    return rows[0]?.n ?? 0;
  }

  isProcessed(messageId: string): Promise<boolean> {
    return this.count(
      'SELECT count(*)::int AS n FROM processed_messages WHERE workspace_id = $1 AND message_id = $2',
      [TEAM, messageId],
    ).then((n) => n > 0);
  }

  inboxSize(): Promise<number> {
    return this.count('SELECT count(*)::int AS n FROM inbox');
  }

  activeSessionCount(userId: string): Promise<number> {
    return this.count(
      "SELECT count(*)::int AS n FROM sessions WHERE workspace_id = $1 AND user_id = $2 AND status = 'active'",
      [TEAM, userId],
    );
  }

  pendingOutbox(): Promise<number> {
    return this.count(
      'SELECT count(*)::int AS n FROM outbox WHERE delivered_at IS NULL AND abandoned_at IS NULL',
    );
  }

  /** Messages given up on: none may be, in a run where Slack answers. */
  abandonedOutbox(): Promise<number> {
    return this.count('SELECT count(*)::int AS n FROM outbox WHERE abandoned_at IS NOT NULL');
  }

  /** What the app queued for one channel, rendered as it posts it, in queue order. */
  async queuedTexts(channel: string): Promise<string[]> {
    const { rows } = await this.pool.query<{ payload: string }>(
      'SELECT payload::text AS payload FROM outbox WHERE workspace_id = $1 AND channel = $2 ORDER BY id',
      [TEAM, channel],
    );
    return rows.map((row) => queuedText(row.payload));
  }

  async recorded(userId: string): Promise<Recorded> {
    const q = async <T extends pg.QueryResultRow>(sql: string, params: unknown[]) =>
      (await this.pool.query<T>(sql, params)).rows;
    const sessions = await q<Recorded['sessions'][number]>(
      'SELECT id, status, step FROM sessions WHERE workspace_id = $1 AND user_id = $2',
      [TEAM, userId],
    );
    const ids = sessions.map((s) => s.id);
    return {
      sessions,
      answers: await q('SELECT part, text, source_message_id FROM answers WHERE session_id = ANY ($1)', [
        ids,
      ]),
      followUps: await q(
        'SELECT text, source_message_id FROM follow_up_answers WHERE session_id = ANY ($1) ORDER BY created_at',
        [ids],
      ),
      evaluations: await this.count(
        'SELECT count(*)::int AS n FROM evaluations WHERE session_id = ANY ($1)',
        [ids],
      ),
      processed: (
        await q<{ message_id: string }>(
          'SELECT message_id FROM processed_messages WHERE workspace_id = $1 AND user_id = $2',
          [TEAM, userId],
        )
      ).map((r) => r.message_id),
    };
  }

  /** How many prompts were recorded as posted to a channel, per local date. */
  async dailyPosts(channel: string): Promise<{ local_date: string; message_ts: string | null }[]> {
    const { rows } = await this.pool.query<{ local_date: string; message_ts: string | null }>(
      'SELECT local_date, message_ts FROM daily_posts WHERE workspace_id = $1 AND channel_id = $2',
      [TEAM, channel],
    );
    return rows;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** Polls an asynchronous check until it holds (the app answers Slack first and works afterwards). */
export async function eventually(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 60_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
