import type Database from 'better-sqlite3';
import type { SessionRow, UserRow } from './codec.ts';

export const DEFAULT_LEVEL = 'mid';
export const DEFAULT_TIME_ZONE = 'UTC';
const SESSION_COLUMNS =
  'id, workspace_id, user_id, question_id, principle_id, source, status, created_at, updated_at, state';

export type KeyParams = { workspaceId: string; userId: string };

/** One outbox row as SQLite returns it (payload still JSON). */
export interface OutboxRow {
  id: number;
  workspace_id: string;
  user_id: string;
  channel: string | null;
  attempts: number;
  created_at: number;
  attempt_started_at: number | null;
  payload: string;
}

const USER_COLUMNS =
  'workspace_id, user_id, level, lens, time_zone, job_family, pack, show_scores, created_at';

/** Every statement the SQLite store runs, prepared once per connection. */
export function prepareStatements(db: Database.Database) {
  return {
    getUser: db.prepare<KeyParams, UserRow>(
      `SELECT ${USER_COLUMNS} FROM users
       WHERE workspace_id = @workspaceId AND user_id = @userId`,
    ),
    upsertUser: db.prepare<
      KeyParams & {
        level: string;
        lens: string | null;
        timeZone: string;
        jobFamily: string | null;
        pack: string | null;
        showScores: number;
        setLevel: number;
        setLens: number;
        setTimeZone: number;
        setJobFamily: number;
        setPack: number;
        setShowScores: number;
        now: number;
      },
      UserRow
    >(
      `INSERT INTO users (workspace_id, user_id, level, lens, time_zone, job_family, pack, show_scores, created_at, updated_at)
       VALUES (@workspaceId, @userId, @level, @lens, @timeZone, @jobFamily, @pack, @showScores, @now, @now)
       ON CONFLICT (workspace_id, user_id) DO UPDATE SET
         level = CASE WHEN @setLevel THEN excluded.level ELSE level END,
         lens = CASE WHEN @setLens THEN excluded.lens ELSE lens END,
         time_zone = CASE WHEN @setTimeZone THEN excluded.time_zone ELSE time_zone END,
         job_family = CASE WHEN @setJobFamily THEN excluded.job_family ELSE job_family END,
         pack = CASE WHEN @setPack THEN excluded.pack ELSE pack END,
         show_scores = CASE WHEN @setShowScores THEN excluded.show_scores ELSE show_scores END,
         updated_at = excluded.updated_at
       RETURNING ${USER_COLUMNS}`,
    ),
    ensureUser: db.prepare<KeyParams & { now: number }>(
      `INSERT INTO users (workspace_id, user_id, level, lens, time_zone, created_at, updated_at)
       VALUES (@workspaceId, @userId, '${DEFAULT_LEVEL}', NULL, '${DEFAULT_TIME_ZONE}', @now, @now)
       ON CONFLICT (workspace_id, user_id) DO NOTHING`,
    ),
    userTimeZone: db
      .prepare<KeyParams, string>(
        'SELECT time_zone FROM users WHERE workspace_id = @workspaceId AND user_id = @userId',
      )
      .pluck(),

    activeSession: db.prepare<KeyParams, SessionRow>(
      `SELECT ${SESSION_COLUMNS} FROM sessions
       WHERE workspace_id = @workspaceId AND user_id = @userId AND status = 'active'`,
    ),
    session: db.prepare<KeyParams & { id: string }, SessionRow>(
      `SELECT ${SESSION_COLUMNS} FROM sessions
       WHERE id = @id AND workspace_id = @workspaceId AND user_id = @userId`,
    ),
    sessions: db.prepare<KeyParams, SessionRow>(
      `SELECT ${SESSION_COLUMNS} FROM sessions
       WHERE workspace_id = @workspaceId AND user_id = @userId
       ORDER BY created_at DESC, id DESC`,
    ),

    claimMessage: db.prepare<KeyParams & { messageId: string; sessionId: string; now: number }>(
      `INSERT INTO processed_messages (workspace_id, message_id, user_id, session_id, applied_at)
       VALUES (@workspaceId, @messageId, @userId, @sessionId, @now)
       ON CONFLICT (workspace_id, message_id) DO NOTHING`,
    ),
    hasProcessed: db
      .prepare<KeyParams & { messageId: string }, number>(
        `SELECT 1 FROM processed_messages
         WHERE workspace_id = @workspaceId AND message_id = @messageId AND user_id = @userId`,
      )
      .pluck(),
    // Updates only a session the same user owns; zero changes means the id belongs to someone else.
    upsertSession: db.prepare<
      KeyParams & {
        id: string;
        questionId: string;
        principleId: string;
        source: string;
        status: string;
        step: string;
        createdAt: number;
        now: number;
        completedAt: number | null;
        state: string;
        /** The band of an evaluation this commit adds; null keeps the one stored. */
        band: string | null;
      }
    >(
      `INSERT INTO sessions (id, workspace_id, user_id, question_id, principle_id, source, status, step,
                             created_at, updated_at, completed_at, state, latest_band)
       VALUES (@id, @workspaceId, @userId, @questionId, @principleId, @source, @status, @step,
               @createdAt, @now, @completedAt, @state, @band)
       ON CONFLICT (id) DO UPDATE SET
         status = excluded.status,
         step = excluded.step,
         updated_at = excluded.updated_at,
         completed_at = CASE WHEN excluded.status = 'completed'
                             THEN coalesce(completed_at, excluded.completed_at) END,
         state = excluded.state,
         latest_band = coalesce(excluded.latest_band, latest_band)
       WHERE workspace_id = excluded.workspace_id AND user_id = excluded.user_id`,
    ),
    upsertAnswer: db.prepare<{
      sessionId: string;
      part: string;
      text: string;
      messageId: string | null;
      now: number;
    }>(
      `INSERT INTO answers (session_id, part, source_message_id, updated_at, text)
       VALUES (@sessionId, @part, @messageId, @now, @text)
       ON CONFLICT (session_id, part) DO UPDATE SET
         source_message_id = excluded.source_message_id,
         updated_at = excluded.updated_at,
         text = excluded.text`,
    ),
    insertEvaluation: db.prepare<{
      sessionId: string;
      rubricVersion: string;
      score: number;
      band: string;
      now: number;
      criteria: string;
      verdicts: string;
    }>(
      `INSERT INTO evaluations (session_id, rubric_version, score, band, created_at, criteria, verdicts)
       VALUES (@sessionId, @rubricVersion, @score, @band, @now, @criteria, @verdicts)`,
    ),
    upsertFollowUpAnswer: db.prepare<{
      sessionId: string;
      followUpId: string;
      verdict: string;
      messageId: string | null;
      now: number;
      text: string;
    }>(
      `INSERT INTO follow_up_answers (session_id, follow_up_id, verdict, source_message_id, created_at, text)
       VALUES (@sessionId, @followUpId, @verdict, @messageId, @now, @text)
       ON CONFLICT (session_id, follow_up_id) DO UPDATE SET
         verdict = excluded.verdict,
         source_message_id = excluded.source_message_id,
         text = excluded.text`,
    ),
    insertOutbox: db.prepare<KeyParams & { channel: string | null; now: number; payload: string }>(
      `INSERT INTO outbox (workspace_id, user_id, channel, attempts, created_at, payload)
       VALUES (@workspaceId, @userId, @channel, 0, @now, @payload)`,
    ),

    pendingOutbox: db.prepare<[number], OutboxRow>(
      `SELECT id, workspace_id, user_id, channel, attempts, created_at, attempt_started_at, payload FROM outbox
       WHERE delivered_at IS NULL AND abandoned_at IS NULL ORDER BY id LIMIT ?`,
    ),
    pendingOutboxHeads: db.prepare<
      [number, number],
      { id: number; workspace_id: string; user_id: string; channel: string | null }
    >(
      `SELECT id, workspace_id, user_id, channel FROM outbox
       WHERE id > ? AND delivered_at IS NULL AND abandoned_at IS NULL ORDER BY id LIMIT ?`,
    ),
    pendingOutboxEntry: db.prepare<[number], OutboxRow>(
      `SELECT id, workspace_id, user_id, channel, attempts, created_at, attempt_started_at, payload FROM outbox
       WHERE id = ? AND delivered_at IS NULL AND abandoned_at IS NULL`,
    ),
    markDelivered: db.prepare<{ id: number; now: number }>(
      'UPDATE outbox SET delivered_at = @now WHERE id = @id AND delivered_at IS NULL',
    ),
    markAbandoned: db.prepare<{ id: number; now: number }>(
      'UPDATE outbox SET abandoned_at = @now WHERE id = @id AND delivered_at IS NULL',
    ),
    markAttemptStarted: db.prepare<{ id: number; now: number }>(
      'UPDATE outbox SET attempt_started_at = @now WHERE id = @id AND delivered_at IS NULL',
    ),
    markAttemptFailed: db.prepare<{ id: number; clear: number; add: number }>(
      `UPDATE outbox SET attempts = attempts + @add,
         attempt_started_at = CASE WHEN @clear = 1 THEN NULL ELSE attempt_started_at END
       WHERE id = @id AND delivered_at IS NULL`,
    ),

    claimEvent: db.prepare<[string, number]>(
      'INSERT INTO slack_events (event_id, received_at) VALUES (?, ?) ON CONFLICT (event_id) DO NOTHING',
    ),
    hasEvent: db.prepare<[string], number>('SELECT 1 FROM slack_events WHERE event_id = ?').pluck(),
    pruneEvents: db.prepare<[number]>('DELETE FROM slack_events WHERE received_at < ?'),

    // Newest first; rowid breaks ties so the order is the same on every call.
    completedSessions: db.prepare<
      KeyParams,
      { id: string; principle_id: string; completed_at: number; band: string | null }
    >(
      `SELECT s.id, s.principle_id, s.completed_at, s.latest_band AS band
       FROM sessions s
       WHERE s.workspace_id = @workspaceId AND s.user_id = @userId AND s.status = 'completed'
       ORDER BY s.completed_at DESC, s.rowid DESC`,
    ),
    latestVerdicts: db
      .prepare<[string], string | null>(
        'SELECT verdicts FROM evaluations WHERE session_id = ? ORDER BY id DESC LIMIT 1',
      )
      .pluck(),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
