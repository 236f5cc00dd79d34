import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import {
  assertTimeZone,
  parseVerdicts,
  type SessionRow,
  stepLabel,
  toBand,
  toSessionRecord,
  toUserProfile,
  type UserRow,
} from './codec.ts';
import { ActiveSessionExistsError, InvalidCommitError } from './errors.ts';
import { migrate } from './migrate.ts';
import { computeProgress, PASS_RATE_WINDOW, type ProgressSession } from './progress.ts';
import type {
  OutboxEntry,
  Progress,
  SessionRecord,
  Store,
  TurnCommit,
  UserKey,
  UserProfile,
} from './types.ts';

export interface SqliteStoreOptions {
  /** Database file, created with its folder when missing; ":memory:" for a private in-memory database. */
  path: string;
  /** Folder of `NNNN_name.sql` files; defaults to the repository's `migrations/`. */
  migrationsDir?: string | URL;
  /** Clock for timestamps the Store interface does not pass in (delivery time, migration time). */
  clock?: () => number;
}

export interface StoreDiagnostics {
  journalMode: string;
  foreignKeys: boolean;
  busyTimeoutMs: number;
}

const DEFAULT_LEVEL = 'mid';
const DEFAULT_TIME_ZONE = 'UTC';
const SESSION_COLUMNS =
  'id, workspace_id, user_id, question_id, principle_id, source, status, created_at, updated_at, state';

type KeyParams = { workspaceId: string; userId: string };

function isActiveSessionConflict(error: unknown): boolean {
  return (
    error instanceof Database.SqliteError &&
    error.code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    error.message.includes('sessions.workspace_id, sessions.user_id')
  );
}

function prepareStatements(db: Database.Database) {
  return {
    getUser: db.prepare<KeyParams, UserRow>(
      `SELECT workspace_id, user_id, level, lens, time_zone, created_at FROM users
       WHERE workspace_id = @workspaceId AND user_id = @userId`,
    ),
    upsertUser: db.prepare<
      KeyParams & {
        level: string;
        lens: string | null;
        timeZone: string;
        setLevel: number;
        setLens: number;
        setTimeZone: number;
        now: number;
      },
      UserRow
    >(
      `INSERT INTO users (workspace_id, user_id, level, lens, time_zone, created_at, updated_at)
       VALUES (@workspaceId, @userId, @level, @lens, @timeZone, @now, @now)
       ON CONFLICT (workspace_id, user_id) DO UPDATE SET
         level = CASE WHEN @setLevel THEN excluded.level ELSE level END,
         lens = CASE WHEN @setLens THEN excluded.lens ELSE lens END,
         time_zone = CASE WHEN @setTimeZone THEN excluded.time_zone ELSE time_zone END,
         updated_at = excluded.updated_at
       RETURNING workspace_id, user_id, level, lens, time_zone, created_at`,
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
      }
    >(
      `INSERT INTO sessions (id, workspace_id, user_id, question_id, principle_id, source, status, step,
                             created_at, updated_at, completed_at, state)
       VALUES (@id, @workspaceId, @userId, @questionId, @principleId, @source, @status, @step,
               @createdAt, @now, @completedAt, @state)
       ON CONFLICT (id) DO UPDATE SET
         status = excluded.status,
         step = excluded.step,
         updated_at = excluded.updated_at,
         completed_at = CASE WHEN excluded.status = 'completed'
                             THEN coalesce(completed_at, excluded.completed_at) END,
         state = excluded.state
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
    }>(
      `INSERT INTO evaluations (session_id, rubric_version, score, band, created_at, criteria)
       VALUES (@sessionId, @rubricVersion, @score, @band, @now, @criteria)`,
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

    pendingOutbox: db.prepare<
      [number],
      {
        id: number;
        workspace_id: string;
        user_id: string;
        channel: string | null;
        attempts: number;
        created_at: number;
        payload: string;
      }
    >(
      `SELECT id, workspace_id, user_id, channel, attempts, created_at, payload FROM outbox
       WHERE delivered_at IS NULL ORDER BY id LIMIT ?`,
    ),
    markDelivered: db.prepare<{ id: number; now: number }>(
      'UPDATE outbox SET delivered_at = @now WHERE id = @id AND delivered_at IS NULL',
    ),
    markAttemptFailed: db.prepare<[number]>(
      'UPDATE outbox SET attempts = attempts + 1 WHERE id = ? AND delivered_at IS NULL',
    ),

    claimEvent: db.prepare<[string, number]>(
      'INSERT INTO slack_events (event_id, received_at) VALUES (?, ?) ON CONFLICT (event_id) DO NOTHING',
    ),
    pruneEvents: db.prepare<[number]>('DELETE FROM slack_events WHERE received_at < ?'),

    // Newest first; rowid breaks ties so the order is the same on every call.
    completedSessions: db.prepare<
      KeyParams,
      { id: string; principle_id: string; completed_at: number; band: string | null }
    >(
      `SELECT s.id, s.principle_id, s.completed_at,
              (SELECT e.band FROM evaluations e WHERE e.session_id = s.id ORDER BY e.id DESC LIMIT 1) AS band
       FROM sessions s
       WHERE s.workspace_id = @workspaceId AND s.user_id = @userId AND s.status = 'completed'
       ORDER BY s.completed_at DESC, s.rowid DESC`,
    ),
    latestCriteria: db
      .prepare<[string], string>(
        'SELECT criteria FROM evaluations WHERE session_id = ? ORDER BY id DESC LIMIT 1',
      )
      .pluck(),

    forgetUser: db.prepare<KeyParams>(
      'DELETE FROM users WHERE workspace_id = @workspaceId AND user_id = @userId',
    ),
  };
}

/** The Store on SQLite. Safe for several instances (processes) sharing one database file. */
export class SqliteStore implements Store {
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly applyTurn: (commit: TurnCommit) => boolean;
  private readonly readProgressSnapshot: (params: KeyParams) => ReturnType<SqliteStore['readProgressRows']>;

  constructor(
    private readonly db: Database.Database,
    private readonly clock: () => number = Date.now,
  ) {
    this.statements = prepareStatements(db);
    // IMMEDIATE takes the write lock up front, so a concurrent writer waits (busy_timeout) instead of
    // failing when a read transaction tries to upgrade.
    const turn = db.transaction((commit: TurnCommit) => this.writeTurn(commit));
    this.applyTurn = (commit) => turn.immediate(commit);
    // One read transaction, so the progress rows all come from the same snapshot.
    const progressRows = db.transaction((params: KeyParams) => this.readProgressRows(params));
    this.readProgressSnapshot = (params) => progressRows.deferred(params);
  }

  async getUser(key: UserKey): Promise<UserProfile | null> {
    const row = this.statements.getUser.get(keyParams(key));
    return row ? toUserProfile(row) : null;
  }

  async upsertUser(
    key: UserKey,
    changes: Partial<Pick<UserProfile, 'level' | 'lens' | 'timeZone'>>,
    now: number,
  ): Promise<UserProfile> {
    if (changes.timeZone !== undefined) assertTimeZone(changes.timeZone);
    const row = this.statements.upsertUser.get({
      ...keyParams(key),
      level: changes.level ?? DEFAULT_LEVEL,
      lens: changes.lens ?? null,
      timeZone: changes.timeZone ?? DEFAULT_TIME_ZONE,
      setLevel: changes.level === undefined ? 0 : 1,
      setLens: changes.lens === undefined ? 0 : 1,
      setTimeZone: changes.timeZone === undefined ? 0 : 1,
      now,
    });
    if (!row) throw new Error('Upserting a user returned no row');
    return toUserProfile(row);
  }

  async getActiveSession(key: UserKey): Promise<SessionRecord | null> {
    const row = this.statements.activeSession.get(keyParams(key));
    return row ? toSessionRecord(row) : null;
  }

  async getSession(key: UserKey, sessionId: string): Promise<SessionRecord | null> {
    const row = this.statements.session.get({ ...keyParams(key), id: sessionId });
    return row ? toSessionRecord(row) : null;
  }

  /** The user's sessions, newest first. */
  async listSessions(key: UserKey): Promise<SessionRecord[]> {
    return this.statements.sessions.all(keyParams(key)).map(toSessionRecord);
  }

  async commitTurn(commit: TurnCommit): Promise<boolean> {
    try {
      return this.applyTurn(commit);
    } catch (error) {
      if (isActiveSessionConflict(error)) {
        throw new ActiveSessionExistsError(commit.key, commit.session.id, { cause: error });
      }
      throw error;
    }
  }

  async hasProcessed(key: UserKey, messageId: string): Promise<boolean> {
    return this.statements.hasProcessed.get({ ...keyParams(key), messageId }) !== undefined;
  }

  async pendingOutbox(limit: number): Promise<OutboxEntry[]> {
    return this.statements.pendingOutbox.all(limit).map((row) => ({
      id: row.id,
      workspaceId: row.workspace_id,
      userId: row.user_id,
      channel: row.channel,
      payload: JSON.parse(row.payload),
      attempts: row.attempts,
      createdAt: row.created_at,
    }));
  }

  async markDelivered(id: number): Promise<void> {
    this.statements.markDelivered.run({ id, now: this.clock() });
  }

  async markAttemptFailed(id: number): Promise<void> {
    this.statements.markAttemptFailed.run(id);
  }

  async claimEvent(eventId: string, now: number): Promise<boolean> {
    return this.statements.claimEvent.run(eventId, now).changes === 1;
  }

  /**
   * Deletes Slack event ids received before `olderThan`. Processed message ids are kept for the life of
   * the user's data: they are small, and keeping them makes "never applied twice" hold for any age.
   */
  async pruneEvents(olderThan: number): Promise<number> {
    return this.statements.pruneEvents.run(olderThan).changes;
  }

  async progress(key: UserKey, principleIds: string[], now: number): Promise<Progress> {
    const { timeZone, sessions } = this.readProgressSnapshot(keyParams(key));
    return computeProgress({ sessions, timeZone, principleIds, now });
  }

  /** Deletes the user and, through cascades, every row about them. */
  async forgetUser(key: UserKey): Promise<void> {
    this.statements.forgetUser.run(keyParams(key));
  }

  diagnostics(): StoreDiagnostics {
    return {
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      foreignKeys: this.db.pragma('foreign_keys', { simple: true }) === 1,
      busyTimeoutMs: Number(this.db.pragma('busy_timeout', { simple: true })),
    };
  }

  async close(): Promise<void> {
    if (!this.db.open) return;
    this.db.pragma('optimize');
    this.db.close();
  }

  private readProgressRows(params: KeyParams): { timeZone: string; sessions: ProgressSession[] } {
    const timeZone = this.statements.userTimeZone.get(params) ?? DEFAULT_TIME_ZONE;
    const sessions = this.statements.completedSessions.all(params).map(
      (row, index): ProgressSession => ({
        principleId: row.principle_id,
        status: 'completed',
        completedAt: row.completed_at,
        band: row.band === null ? null : toBand(row.band),
        // Only the newest sessions feed the pass rates; older criteria are never read or parsed.
        verdicts: index < PASS_RATE_WINDOW ? this.latestVerdicts(row.id) : undefined,
      }),
    );
    return { timeZone, sessions };
  }

  private latestVerdicts(sessionId: string) {
    const criteria = this.statements.latestCriteria.get(sessionId);
    return criteria === undefined ? undefined : parseVerdicts(criteria);
  }

  private writeTurn(commit: TurnCommit): boolean {
    const { key, session, now } = commit;
    if (session.workspaceId !== key.workspaceId || session.userId !== key.userId) {
      throw new InvalidCommitError(`Session ${session.id} does not belong to the committing user`);
    }
    if (session.status !== session.state.status) {
      throw new InvalidCommitError(
        `Session ${session.id} has status ${session.status} but its state says ${session.state.status}`,
      );
    }
    const params = keyParams(key);
    const s = this.statements;
    if (commit.messageId !== null) {
      const claimed = s.claimMessage.run({
        ...params,
        messageId: commit.messageId,
        sessionId: session.id,
        now,
      });
      if (claimed.changes === 0) return false;
    }
    s.ensureUser.run({ ...params, now });
    const saved = s.upsertSession.run({
      ...params,
      id: session.id,
      questionId: session.questionId,
      principleId: session.principleId,
      source: session.source,
      status: session.status,
      step: stepLabel(session.state.step),
      createdAt: session.createdAt,
      now,
      completedAt: session.status === 'completed' ? now : null,
      state: JSON.stringify(session.state),
    });
    if (saved.changes === 0) {
      throw new InvalidCommitError(`Session id ${session.id} is already used by another user`);
    }
    for (const answer of commit.answers ?? []) {
      s.upsertAnswer.run({
        sessionId: session.id,
        part: answer.part,
        text: answer.text,
        messageId: answer.messageId,
        now,
      });
    }
    if (commit.evaluation) {
      const { rubricVersion, score, band, criteria } = commit.evaluation;
      s.insertEvaluation.run({
        sessionId: session.id,
        rubricVersion,
        score,
        band,
        now,
        criteria: JSON.stringify(criteria),
      });
    }
    if (commit.followUpAnswer) {
      const { followUpId, text, verdict, messageId } = commit.followUpAnswer;
      s.upsertFollowUpAnswer.run({ sessionId: session.id, followUpId, verdict, messageId, now, text });
    }
    for (const message of commit.outbox ?? []) {
      s.insertOutbox.run({
        ...params,
        channel: message.channel,
        now,
        payload: JSON.stringify(message.payload),
      });
    }
    return true;
  }
}

function keyParams(key: UserKey): KeyParams {
  return { workspaceId: key.workspaceId, userId: key.userId };
}

function isFileBacked(path: string): boolean {
  return path !== '' && path !== ':memory:' && !path.startsWith('file:');
}

/** Opens (creating when missing) a database, sets it up for concurrent use and applies migrations. */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  if (isFileBacked(options.path)) mkdirSync(dirname(options.path), { recursive: true });
  const db = new Database(options.path);
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('journal_mode = WAL');
    db.pragma('foreign_keys = ON');
    migrate(db, { dir: options.migrationsDir, now: options.clock });
    return new SqliteStore(db, options.clock);
  } catch (error) {
    db.close();
    throw error;
  }
}
