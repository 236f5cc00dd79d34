import type Database from 'better-sqlite3';
import type { DeletionReport } from './types.ts';

type Scope = { workspaceId: string; userId?: string };

const USER_SESSIONS = `session_id IN (SELECT id FROM sessions WHERE workspace_id = @workspaceId
  AND (@userId IS NULL OR user_id = @userId))`;
const USER_ROWS = 'workspace_id = @workspaceId AND (@userId IS NULL OR user_id = @userId)';

function prepare(db: Database.Database) {
  const count = (sql: string) =>
    db.prepare<{ workspaceId: string; userId: string | null }, number>(sql).pluck();
  return {
    counts: {
      sessions: count(`SELECT count(*) FROM sessions WHERE ${USER_ROWS}`),
      answers: count(`SELECT count(*) FROM answers WHERE ${USER_SESSIONS}`),
      evaluations: count(`SELECT count(*) FROM evaluations WHERE ${USER_SESSIONS}`),
      followUpAnswers: count(`SELECT count(*) FROM follow_up_answers WHERE ${USER_SESSIONS}`),
      processedMessages: count(`SELECT count(*) FROM processed_messages WHERE ${USER_ROWS}`),
      outbox: count(`SELECT count(*) FROM outbox WHERE ${USER_ROWS}`),
      dailyPractice: count(`SELECT count(*) FROM daily_practice WHERE ${USER_ROWS}`),
      stories: count(`SELECT count(*) FROM stories WHERE ${USER_ROWS}`),
      nudgeSettings: count(`SELECT count(*) FROM nudge_settings WHERE ${USER_ROWS}`),
      nudgesSent: count(`SELECT count(*) FROM nudges_sent WHERE ${USER_ROWS}`),
      users: count(`SELECT count(*) FROM users WHERE ${USER_ROWS}`),
    },
    unlinkSchedules: db.prepare(
      'UPDATE daily_schedules SET created_by = NULL WHERE workspace_id = @workspaceId AND created_by = @userId',
    ),
    deleteUsers: db.prepare(`DELETE FROM users WHERE ${USER_ROWS}`),
    // processed_messages and outbox can hold rows for a user whose user row was never created.
    deleteProcessed: db.prepare(`DELETE FROM processed_messages WHERE ${USER_ROWS}`),
    deleteOutbox: db.prepare(`DELETE FROM outbox WHERE ${USER_ROWS}`),
    deleteSchedules: db.prepare('DELETE FROM daily_schedules WHERE workspace_id = @workspaceId'),
    deletePosts: db.prepare('DELETE FROM daily_posts WHERE workspace_id = @workspaceId'),
    deleteOldSessions: db.prepare("DELETE FROM sessions WHERE updated_at < @cutoff AND status <> 'active'"),
    deleteEmptyStories: db.prepare(
      'DELETE FROM stories WHERE NOT EXISTS (SELECT 1 FROM story_sessions WHERE story_id = stories.id)',
    ),
    pruneDelivered: db.prepare('DELETE FROM outbox WHERE coalesce(delivered_at, abandoned_at) < @cutoff'),
  };
}

const WIPE_ATTEMPTS = 5;
const WIPE_RETRY_MS = 200;

/**
 * Erasure and retention on the SQLite store: every delete runs in one transaction with its counts.
 *
 * A deleted row must not survive on disk. The store opens every connection with `secure_delete`, so SQLite
 * overwrites deleted content with zeros; but in WAL mode those zeroed pages are first appended to the WAL, whose
 * older frames still hold the text as it was written. After each delete, `wiped` checkpoints the WAL into the
 * database file and truncates it to nothing.
 */
export class SqlitePrivacy {
  private readonly s: ReturnType<typeof prepare>;
  private readonly erase: (scope: Scope) => DeletionReport;
  private readonly retain: (cutoff: number) => number;

  constructor(private readonly db: Database.Database) {
    this.s = prepare(db);
    const tx = db.transaction((scope: Scope) => this.eraseNow(scope));
    this.erase = (scope) => tx.immediate(scope);
    const retention = db.transaction((cutoff: number) => {
      const deleted = this.s.deleteOldSessions.run({ cutoff }).changes;
      // A story lives in its versions: one whose every version aged out goes with them.
      if (deleted > 0) this.s.deleteEmptyStories.run();
      return deleted;
    });
    this.retain = (cutoff) => retention.immediate(cutoff);
  }

  /** Everything stored about one person in one workspace. */
  forgetUser(workspaceId: string, userId: string): DeletionReport {
    return this.erase({ workspaceId, userId });
  }

  /** Everything stored for a workspace (the app was uninstalled). */
  forgetWorkspace(workspaceId: string): DeletionReport {
    return this.erase({ workspaceId });
  }

  /** Retention: finished sessions not touched since `cutoff`, with their answers, evaluations and stories. */
  deleteSessionsBefore(cutoff: number): number {
    return this.retain(cutoff);
  }

  /** Delivered (or abandoned) messages quote answers; they are only needed until Slack has them. */
  pruneDeliveredOutbox(cutoff: number): number {
    return this.s.pruneDelivered.run({ cutoff }).changes;
  }

  /**
   * Runs a delete, then copies the WAL into the database file and truncates it. A reader still on an older
   * snapshot (another process's long read) holds the checkpoint back: SQLite waits for it (busy_timeout), and
   * this tries again a few times. Returns the delete's result either way; SQLite's own checkpoints, and the last
   * connection's close, finish the job later.
   */
  async wiped<T>(remove: () => T): Promise<T> {
    const result = remove();
    for (let attempt = 1; attempt <= WIPE_ATTEMPTS; attempt++) {
      if (this.checkpoint()) break;
      await new Promise((resolve) => setTimeout(resolve, WIPE_RETRY_MS));
    }
    return result;
  }

  /** True when the whole WAL is in the database file and truncated (or there is no WAL: in-memory). */
  private checkpoint(): boolean {
    const [status] = this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
    return status === undefined || status.busy === 0;
  }

  private eraseNow({ workspaceId, userId }: Scope): DeletionReport {
    const params = { workspaceId, userId: userId ?? null };
    const c = this.s.counts;
    const report: DeletionReport = {
      sessions: c.sessions.get(params) ?? 0,
      answers: c.answers.get(params) ?? 0,
      evaluations: c.evaluations.get(params) ?? 0,
      followUpAnswers: c.followUpAnswers.get(params) ?? 0,
      processedMessages: c.processedMessages.get(params) ?? 0,
      outbox: c.outbox.get(params) ?? 0,
      dailyPractice: c.dailyPractice.get(params) ?? 0,
      stories: c.stories.get(params) ?? 0,
      nudgeSettings: c.nudgeSettings.get(params) ?? 0,
      nudgesSent: c.nudgesSent.get(params) ?? 0,
      users: c.users.get(params) ?? 0,
      dailySchedulesUnlinked: 0,
      dailySchedules: 0,
      dailyPosts: 0,
    };
    if (userId !== undefined) {
      report.dailySchedulesUnlinked = this.s.unlinkSchedules.run({ workspaceId, userId }).changes;
    } else {
      report.dailySchedules = this.s.deleteSchedules.run({ workspaceId }).changes;
      report.dailyPosts = this.s.deletePosts.run({ workspaceId }).changes;
    }
    this.s.deleteUsers.run(params);
    this.s.deleteProcessed.run(params);
    this.s.deleteOutbox.run(params);
    return report;
  }
}
