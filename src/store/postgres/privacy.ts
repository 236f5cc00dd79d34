import type { DeletionReport } from '../types.ts';
import { eraseInbox } from './inbox.ts';
import type { PgDb, Queryable } from './pool.ts';

const USER_ROWS = 'workspace_id = $1 AND ($2::text IS NULL OR user_id = $2)';
const USER_SESSIONS = `session_id IN (SELECT id FROM sessions WHERE ${USER_ROWS})`;

const COUNTED = {
  sessions: `sessions WHERE ${USER_ROWS}`,
  answers: `answers WHERE ${USER_SESSIONS}`,
  evaluations: `evaluations WHERE ${USER_SESSIONS}`,
  followUpAnswers: `follow_up_answers WHERE ${USER_SESSIONS}`,
  processedMessages: `processed_messages WHERE ${USER_ROWS}`,
  outbox: `outbox WHERE ${USER_ROWS}`,
  dailyPractice: `daily_practice WHERE ${USER_ROWS}`,
  stories: `stories WHERE ${USER_ROWS}`,
  nudgeSettings: `nudge_settings WHERE ${USER_ROWS}`,
  nudgesSent: `nudges_sent WHERE ${USER_ROWS}`,
  users: `users WHERE ${USER_ROWS}`,
} as const;

/**
 * Erasure and retention on PostgreSQL: every delete runs in one transaction with its counts. (Deleted rows stay
 * in PostgreSQL's files until VACUUM reuses their space; see README, "PostgreSQL".)
 */
export class PgPrivacy {
  constructor(private readonly db: PgDb) {}

  forgetUser(workspaceId: string, userId: string): Promise<DeletionReport> {
    return this.db.tx((client) => this.erase(client, workspaceId, userId));
  }

  forgetWorkspace(workspaceId: string): Promise<DeletionReport> {
    return this.db.tx((client) => this.erase(client, workspaceId, null));
  }

  deleteSessionsBefore(cutoff: number): Promise<number> {
    return this.db.tx(async (client) => {
      const deleted = await this.db.run(
        "DELETE FROM sessions WHERE updated_at < $1 AND status <> 'active'",
        [cutoff],
        client,
      );
      // A story lives in its versions: one whose every version aged out goes with them.
      if (deleted > 0) {
        await this.db.run(
          'DELETE FROM stories WHERE NOT EXISTS (SELECT 1 FROM story_sessions WHERE story_id = stories.id)',
          [],
          client,
        );
      }
      return deleted;
    });
  }

  pruneDeliveredOutbox(cutoff: number): Promise<number> {
    return this.db.run('DELETE FROM outbox WHERE coalesce(delivered_at, abandoned_at) < $1', [cutoff]);
  }

  private async erase(
    client: Queryable,
    workspaceId: string,
    userId: string | null,
  ): Promise<DeletionReport> {
    const scope = [workspaceId, userId];
    const counts = await this.db.one<Record<keyof typeof COUNTED, number>>(
      `SELECT ${Object.entries(COUNTED)
        .map(([name, from]) => `(SELECT count(*) FROM ${from}) AS "${name}"`)
        .join(', ')}`,
      scope,
      client,
    );
    const report: DeletionReport = {
      ...counts!,
      dailySchedulesUnlinked: 0,
      dailySchedules: 0,
      dailyPosts: 0,
    };
    if (userId !== null) {
      report.dailySchedulesUnlinked = await this.db.run(
        'UPDATE daily_schedules SET created_by = NULL WHERE workspace_id = $1 AND created_by = $2',
        [workspaceId, userId],
        client,
      );
    } else {
      report.dailySchedules = await this.db.run(
        'DELETE FROM daily_schedules WHERE workspace_id = $1',
        [workspaceId],
        client,
      );
      report.dailyPosts = await this.db.run(
        'DELETE FROM daily_posts WHERE workspace_id = $1',
        [workspaceId],
        client,
      );
    }
    await this.db.run(`DELETE FROM users WHERE ${USER_ROWS}`, scope, client);
    // processed_messages and outbox can hold rows for a user whose user row was never created.
    await this.db.run(`DELETE FROM processed_messages WHERE ${USER_ROWS}`, scope, client);
    await this.db.run(`DELETE FROM outbox WHERE ${USER_ROWS}`, scope, client);
    await eraseInbox(this.db, client, workspaceId, userId);
    return report;
  }
}
