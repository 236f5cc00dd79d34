import type pg from 'pg';
import {
  parseVerdicts,
  type SessionRow,
  stepLabel,
  toBand,
  toSessionRecord,
  verdictsJson,
} from '../codec.ts';
import { ActiveSessionExistsError, InvalidCommitError } from '../errors.ts';
import { computeProgress, PASS_RATE_WINDOW, type ProgressSession } from '../progress.ts';
import { DEFAULT_TIME_ZONE } from '../statements.ts';
import { TokenCipher } from '../token-cipher.ts';
import type {
  AttemptFailure,
  DeletionReport,
  InboundRequest,
  InboxEntry,
  OutboxEntry,
  OutboxHead,
  OutboxMessage,
  Progress,
  SessionRecord,
  Store,
  TurnCommit,
  UserKey,
  UserProfile,
  UserSettings,
} from '../types.ts';
import { PgDailyStore } from './daily.ts';
import { PgInbox } from './inbox.ts';
import { PgInstallations } from './installations.ts';
import { insertOutbox, PgOutbox } from './outbox.ts';
import { PgDb, type Queryable } from './pool.ts';
import { PgPrivacy } from './privacy.ts';
import { PgSpacedStore } from './spaced.ts';
import { PgStoryStore } from './stories.ts';
import { ensureUser, getUser, upsertUser } from './users.ts';

const SESSION_COLUMNS =
  'id, workspace_id, user_id, question_id, principle_id, source, status, created_at, updated_at, state';

function isActiveSessionConflict(error: unknown): boolean {
  return (
    error instanceof Error &&
    (error as { code?: unknown }).code === '23505' &&
    (error as { constraint?: unknown }).constraint === 'sessions_one_active'
  );
}

export interface PostgresStoreOptions {
  /** Clock for timestamps the Store interface does not pass in (delivery time). */
  clock?: () => number;
  /**
   * How long an instance holds an outbox message it started posting, or an inbox request it started applying,
   * before another may take it over (OUTBOX_LEASE_SECONDS).
   */
  outboxLeaseMs?: number;
  /** SLACK_TOKEN_ENCRYPTION_KEY (OAuth mode): installations can be stored and read only with it. */
  tokenKey?: Buffer;
}

/** The Store on PostgreSQL, for any number of instances on one database. One short file per area. */
export class PostgresStore implements Store {
  readonly daily: PgDailyStore;
  readonly stories: PgStoryStore;
  readonly spaced: PgSpacedStore;
  readonly installations: PgInstallations;
  private readonly db: PgDb;
  private readonly outbox: PgOutbox;
  private readonly inbox: PgInbox;
  private readonly privacy: PgPrivacy;
  private readonly clock: () => number;

  constructor(pool: pg.Pool, options: PostgresStoreOptions = {}) {
    this.db = new PgDb(pool);
    this.clock = options.clock ?? Date.now;
    this.daily = new PgDailyStore(this.db);
    this.stories = new PgStoryStore(this.db);
    this.spaced = new PgSpacedStore(this.db);
    this.installations = new PgInstallations(
      this.db,
      options.tokenKey ? new TokenCipher(options.tokenKey) : null,
    );
    this.outbox = new PgOutbox(this.db, options.outboxLeaseMs ?? 60_000);
    this.inbox = new PgInbox(this.db, options.outboxLeaseMs ?? 60_000, this.clock);
    this.privacy = new PgPrivacy(this.db);
  }

  getUser(key: UserKey): Promise<UserProfile | null> {
    return getUser(this.db, key);
  }

  upsertUser(key: UserKey, changes: Partial<UserSettings>, now: number): Promise<UserProfile> {
    return upsertUser(this.db, key, changes, now);
  }

  async getActiveSession(key: UserKey): Promise<SessionRecord | null> {
    const row = await this.db.one<SessionRow>(
      `SELECT ${SESSION_COLUMNS} FROM sessions WHERE workspace_id = $1 AND user_id = $2 AND status = 'active'`,
      [key.workspaceId, key.userId],
    );
    return row ? toSessionRecord(row) : null;
  }

  async getSession(key: UserKey, sessionId: string): Promise<SessionRecord | null> {
    const row = await this.db.one<SessionRow>(
      `SELECT ${SESSION_COLUMNS} FROM sessions WHERE id = $3 AND workspace_id = $1 AND user_id = $2`,
      [key.workspaceId, key.userId, sessionId],
    );
    return row ? toSessionRecord(row) : null;
  }

  /** The user's sessions, newest first. */
  async listSessions(key: UserKey): Promise<SessionRecord[]> {
    const rows = await this.db.rows<SessionRow>(
      `SELECT ${SESSION_COLUMNS} FROM sessions WHERE workspace_id = $1 AND user_id = $2
       ORDER BY created_at DESC, id DESC`,
      [key.workspaceId, key.userId],
    );
    return rows.map(toSessionRecord);
  }

  async commitTurn(commit: TurnCommit): Promise<boolean> {
    try {
      return await this.db.tx((client) => this.writeTurn(client, commit));
    } catch (error) {
      if (isActiveSessionConflict(error)) {
        throw new ActiveSessionExistsError(commit.key, commit.session.id, { cause: error });
      }
      throw error;
    }
  }

  async hasProcessed(key: UserKey, messageId: string): Promise<boolean> {
    const row = await this.db.one(
      'SELECT 1 FROM processed_messages WHERE workspace_id = $1 AND message_id = $3 AND user_id = $2',
      [key.workspaceId, key.userId, messageId],
    );
    return row !== undefined;
  }

  async enqueueMessages(key: UserKey, messages: OutboxMessage[], now: number): Promise<void> {
    if (messages.length === 0) return;
    await this.db.tx(async (client) => {
      await ensureUser(this.db, client, key, now);
      for (const message of messages) await insertOutbox(this.db, client, key, message, now);
    });
  }

  pendingOutbox(limit: number): Promise<OutboxEntry[]> {
    return this.outbox.pending(limit);
  }

  pendingOutboxHeads(afterId: number, limit: number): Promise<OutboxHead[]> {
    return this.outbox.heads(afterId, limit);
  }

  pendingOutboxEntry(id: number): Promise<OutboxEntry | undefined> {
    return this.outbox.entry(id);
  }

  markDelivered(id: number): Promise<void> {
    return this.outbox.delivered(id, this.clock());
  }

  markAbandoned(id: number): Promise<void> {
    return this.outbox.abandoned(id, this.clock());
  }

  markAttemptStarted(id: number, now: number): Promise<boolean> {
    return this.outbox.claim(id, now);
  }

  markAttemptFailed(id: number, failure: AttemptFailure = {}): Promise<void> {
    return this.outbox.failed(id, failure);
  }

  async claimEvent(eventId: string, now: number): Promise<boolean> {
    const inserted = await this.db.run(
      'INSERT INTO slack_events (event_id, received_at) VALUES ($1, $2) ON CONFLICT (event_id) DO NOTHING',
      [eventId, now],
    );
    return inserted === 1;
  }

  async hasEvent(eventId: string): Promise<boolean> {
    return (await this.db.one('SELECT 1 FROM slack_events WHERE event_id = $1', [eventId])) !== undefined;
  }

  pruneEvents(olderThan: number): Promise<number> {
    return this.db.run('DELETE FROM slack_events WHERE received_at < $1', [olderThan]);
  }

  async progress(key: UserKey, principleIds: string[], now: number): Promise<Progress> {
    const { timeZone, sessions } = await this.readProgressRows(key);
    return computeProgress({ sessions, timeZone, principleIds, now });
  }

  recordInbound(request: InboundRequest): Promise<boolean> {
    return this.inbox.record(request);
  }

  inboxHeads(limit: number, skipLanes: readonly string[]): Promise<InboxEntry[]> {
    return this.inbox.heads(limit, skipLanes);
  }

  startInbound(id: number): Promise<number> {
    return this.inbox.start(id);
  }

  consumeInbound(id: number): Promise<void> {
    return this.inbox.consume(id);
  }

  inboxSize(): Promise<number> {
    return this.inbox.size();
  }

  forgetUser(key: UserKey): Promise<DeletionReport> {
    return this.privacy.forgetUser(key.workspaceId, key.userId);
  }

  forgetWorkspace(workspaceId: string): Promise<DeletionReport> {
    return this.privacy.forgetWorkspace(workspaceId);
  }

  deleteSessionsBefore(cutoff: number): Promise<number> {
    return this.privacy.deleteSessionsBefore(cutoff);
  }

  pruneDeliveredOutbox(cutoff: number): Promise<number> {
    return this.privacy.pruneDeliveredOutbox(cutoff);
  }

  /** Whether the database answers a trivial query (for /healthz). */
  async ping(): Promise<boolean> {
    try {
      await this.db.rows('SELECT 1');
      return true;
    } catch {
      return false;
    }
  }

  private closed = false;

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.db.close();
  }

  /**
   * The person's time zone and completed sessions in one statement: one round trip, and one snapshot for both
   * (a single statement sees one, as SQLite's read transaction gives). Newest first; seq (insertion order) breaks
   * ties as SQLite's rowid does. Only the newest sessions feed the pass rates, so older criteria are never sent.
   * One row per session (one row of nulls for someone with none), not one JSON document: building that document
   * in the database took most of the query's time. The sessions come from one covering index (sessions_progress)
   * and only the window's sessions look up their evaluation, so a cold read touches a dozen pages, not two dozen.
   */
  private async readProgressRows(key: UserKey) {
    const rows = await this.db.prepared<{
      time_zone: string | null;
      p: string | null;
      c: number | null;
      b: string | null;
      /** The verdicts JSON's text, inside the window. */
      v: string | null;
    }>(
      'progress',
      `SELECT u.time_zone, d.p, d.c, d.b, d.v
       FROM (SELECT 1) one
       LEFT JOIN users u ON u.workspace_id = $1 AND u.user_id = $2
       LEFT JOIN LATERAL (
         SELECT s.principle_id AS p, s.completed_at AS c, s.seq, s.latest_band AS b,
                CASE WHEN s.n <= $3 THEN
                  (SELECT verdicts FROM evaluations WHERE session_id = s.id ORDER BY id DESC LIMIT 1) END AS v
         FROM (SELECT id, principle_id, completed_at, seq, latest_band,
                      row_number() OVER (ORDER BY completed_at DESC, seq DESC) AS n
               FROM sessions
               WHERE workspace_id = $1 AND user_id = $2 AND status = 'completed') s) d ON true
       ORDER BY d.c DESC, d.seq DESC`,
      [key.workspaceId, key.userId, PASS_RATE_WINDOW],
    );
    const sessions = rows.flatMap((row): ProgressSession[] =>
      row.p === null
        ? []
        : [
            {
              principleId: row.p,
              status: 'completed',
              completedAt: Number(row.c),
              band: row.b === null ? null : toBand(row.b),
              verdicts: row.v === null ? undefined : parseVerdicts(row.v),
            },
          ],
    );
    return { timeZone: rows[0]?.time_zone ?? DEFAULT_TIME_ZONE, sessions };
  }

  private async writeTurn(client: Queryable, commit: TurnCommit): Promise<boolean> {
    const { key, session, now } = commit;
    if (session.workspaceId !== key.workspaceId || session.userId !== key.userId) {
      throw new InvalidCommitError(`Session ${session.id} does not belong to the committing user`);
    }
    if (session.status !== session.state.status) {
      throw new InvalidCommitError(
        `Session ${session.id} has status ${session.status} but its state says ${session.state.status}`,
      );
    }
    const k = [key.workspaceId, key.userId];
    if (commit.messageId !== null) {
      // The unique key: a second instance applying the same message waits for the first, then changes nothing.
      const claimed = await this.db.run(
        `INSERT INTO processed_messages (workspace_id, message_id, user_id, session_id, applied_at)
         VALUES ($1, $3, $2, $4, $5) ON CONFLICT (workspace_id, message_id) DO NOTHING`,
        [...k, commit.messageId, session.id, now],
        client,
      );
      if (claimed === 0) return false;
    }
    await ensureUser(this.db, client, key, now);
    const saved = await this.db.run(
      `INSERT INTO sessions (id, workspace_id, user_id, question_id, principle_id, source, status, step,
                             created_at, updated_at, completed_at, state, latest_band)
       VALUES ($3, $1, $2, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
       ON CONFLICT (id) DO UPDATE SET
         status = excluded.status,
         step = excluded.step,
         updated_at = excluded.updated_at,
         completed_at = CASE WHEN excluded.status = 'completed'
                             THEN coalesce(sessions.completed_at, excluded.completed_at) END,
         state = excluded.state,
         latest_band = coalesce(excluded.latest_band, sessions.latest_band)
       WHERE sessions.workspace_id = excluded.workspace_id AND sessions.user_id = excluded.user_id`,
      [
        ...k,
        session.id,
        session.questionId,
        session.principleId,
        session.source,
        session.status,
        stepLabel(session.state.step),
        session.createdAt,
        now,
        session.status === 'completed' ? now : null,
        JSON.stringify(session.state),
        commit.evaluation?.band ?? null,
      ],
      client,
    );
    if (saved === 0) throw new InvalidCommitError(`Session id ${session.id} is already used by another user`);
    for (const answer of commit.answers ?? []) {
      await this.db.run(
        `INSERT INTO answers (session_id, part, source_message_id, updated_at, text) VALUES ($1, $2, $3, $4, $5)
         ON CONFLICT (session_id, part) DO UPDATE SET
           source_message_id = excluded.source_message_id, updated_at = excluded.updated_at, text = excluded.text`,
        [session.id, answer.part, answer.messageId, now, answer.text],
        client,
      );
    }
    if (commit.evaluation) {
      const { rubricVersion, score, band, criteria } = commit.evaluation;
      await this.db.run(
        `INSERT INTO evaluations (session_id, rubric_version, score, band, created_at, criteria, verdicts)
         VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [session.id, rubricVersion, score, band, now, JSON.stringify(criteria), verdictsJson(criteria)],
        client,
      );
    }
    if (commit.followUpAnswer) {
      const { followUpId, text, verdict, messageId } = commit.followUpAnswer;
      await this.db.run(
        `INSERT INTO follow_up_answers (session_id, follow_up_id, verdict, source_message_id, created_at, text)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (session_id, follow_up_id) DO UPDATE SET
           verdict = excluded.verdict, source_message_id = excluded.source_message_id, text = excluded.text`,
        [session.id, followUpId, verdict, messageId, now, text],
        client,
      );
    }
    for (const message of commit.outbox ?? []) await insertOutbox(this.db, client, key, message, now);
    return true;
  }
}
