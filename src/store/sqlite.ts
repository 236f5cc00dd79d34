import { existsSync } from 'node:fs';
import Database from 'better-sqlite3';
import {
  assertTimeZone,
  parseVerdicts,
  stepLabel,
  toBand,
  toSessionRecord,
  toUserProfile,
  verdictsJson,
} from './codec.ts';
import { ActiveSessionExistsError, InvalidCommitError } from './errors.ts';
import { migrate } from './migrate.ts';
import { computeProgress, PASS_RATE_WINDOW, type ProgressSession } from './progress.ts';
import { SqliteDailyStore } from './sqlite-daily.ts';
import { isFileBacked, openSqliteFile } from './sqlite-file.ts';
import { type InboxRow, inboxPathFor, openSqliteInbox, type SqliteInbox } from './sqlite-inbox.ts';
import { SqliteInstallations } from './sqlite-installations.ts';
import { SqlitePrivacy } from './sqlite-privacy.ts';
import { SqliteSpacedStore } from './sqlite-spaced.ts';
import { SqliteStoryStore } from './sqlite-stories.ts';
import {
  DEFAULT_LEVEL,
  DEFAULT_TIME_ZONE,
  type KeyParams,
  type OutboxRow,
  prepareStatements,
  type Statements,
} from './statements.ts';
import { TokenCipher } from './token-cipher.ts';
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
} from './types.ts';

export interface SqliteStoreOptions {
  /** Database file, created with its folder when missing; ":memory:" for a private in-memory database. */
  path: string;
  /** Folder of `NNNN_name.sql` files; defaults to the repository's `migrations/`. */
  migrationsDir?: string | URL;
  /** Clock for timestamps the Store interface does not pass in (delivery time, migration time). */
  clock?: () => number;
  /** SLACK_TOKEN_ENCRYPTION_KEY (32 bytes): installations can be stored and read only with it. */
  tokenKey?: Buffer | null;
}

export interface StoreDiagnostics {
  journalMode: string;
  foreignKeys: boolean;
  busyTimeoutMs: number;
}

function isActiveSessionConflict(error: unknown): boolean {
  return (
    error instanceof Database.SqliteError &&
    error.code === 'SQLITE_CONSTRAINT_UNIQUE' &&
    error.message.includes('sessions.workspace_id, sessions.user_id')
  );
}

/** The Store on SQLite. Safe for several instances (processes) sharing one database file. */
export class SqliteStore implements Store {
  private readonly statements: Statements;
  /** Daily prompt schedules and claims, on the same database. */
  readonly daily: SqliteDailyStore;
  /** The story bank, on the same database. */
  readonly stories: SqliteStoryStore;
  readonly spaced: SqliteSpacedStore;
  readonly installations: SqliteInstallations;
  private readonly privacy: SqlitePrivacy;
  /** The inbox file, opened on first use (the terminal never needs it). */
  private inboxOpened: Promise<SqliteInbox> | null = null;
  private readonly applyTurn: (commit: TurnCommit) => boolean;
  private readonly writeMessages: (key: UserKey, messages: OutboxMessage[], now: number) => void;
  private readonly readProgressSnapshot: (params: KeyParams) => ReturnType<SqliteStore['readProgressRows']>;

  constructor(
    private readonly db: Database.Database,
    private readonly clock: () => number = Date.now,
    /** The inbox's own file (see inboxPathFor). */
    private readonly inboxPath: string = ':memory:',
    tokenKey: Buffer | null = null,
  ) {
    this.statements = prepareStatements(db);
    this.daily = new SqliteDailyStore(db);
    this.stories = new SqliteStoryStore(db);
    this.spaced = new SqliteSpacedStore(db);
    this.installations = new SqliteInstallations(db, tokenKey ? new TokenCipher(tokenKey) : null);
    this.privacy = new SqlitePrivacy(db);
    // IMMEDIATE takes the write lock up front, so a concurrent writer waits (busy_timeout) instead of
    // failing when a read transaction tries to upgrade.
    const turn = db.transaction((commit: TurnCommit) => this.writeTurn(commit));
    this.applyTurn = (commit) => turn.immediate(commit);
    const enqueue = db.transaction((key: UserKey, messages: OutboxMessage[], now: number) => {
      this.statements.ensureUser.run({ ...keyParams(key), now });
      for (const message of messages) this.insertMessage(keyParams(key), message, now);
    });
    this.writeMessages = (key, messages, now) => enqueue.immediate(key, messages, now);
    // One read transaction, so the progress rows all come from the same snapshot.
    const progressRows = db.transaction((params: KeyParams) => this.readProgressRows(params));
    this.readProgressSnapshot = (params) => progressRows.deferred(params);
  }

  async getUser(key: UserKey): Promise<UserProfile | null> {
    const row = this.statements.getUser.get(keyParams(key));
    return row ? toUserProfile(row) : null;
  }

  async upsertUser(key: UserKey, changes: Partial<UserSettings>, now: number): Promise<UserProfile> {
    if (changes.timeZone !== undefined) assertTimeZone(changes.timeZone);
    const row = this.statements.upsertUser.get({
      ...keyParams(key),
      level: changes.level ?? DEFAULT_LEVEL,
      lens: changes.lens ?? null,
      timeZone: changes.timeZone ?? DEFAULT_TIME_ZONE,
      setLevel: changes.level === undefined ? 0 : 1,
      setLens: changes.lens === undefined ? 0 : 1,
      setTimeZone: changes.timeZone === undefined ? 0 : 1,
      jobFamily: changes.jobFamily ?? null,
      pack: changes.pack ?? null,
      setJobFamily: changes.jobFamily === undefined ? 0 : 1,
      setPack: changes.pack === undefined ? 0 : 1,
      showScores: changes.showScores === false ? 0 : 1,
      setShowScores: changes.showScores === undefined ? 0 : 1,
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

  async enqueueMessages(key: UserKey, messages: OutboxMessage[], now: number): Promise<void> {
    if (messages.length > 0) this.writeMessages(key, messages, now);
  }

  async pendingOutbox(limit: number): Promise<OutboxEntry[]> {
    return this.statements.pendingOutbox.all(limit).map(outboxEntry);
  }

  async pendingOutboxHeads(afterId: number, limit: number): Promise<OutboxHead[]> {
    return this.statements.pendingOutboxHeads.all(afterId, limit).map((row) => ({
      id: row.id,
      workspaceId: row.workspace_id,
      userId: row.user_id,
      channel: row.channel,
    }));
  }

  async pendingOutboxEntry(id: number): Promise<OutboxEntry | undefined> {
    const row = this.statements.pendingOutboxEntry.get(id);
    return row ? outboxEntry(row) : undefined;
  }

  async markDelivered(id: number): Promise<void> {
    this.statements.markDelivered.run({ id, now: this.clock() });
  }

  async markAbandoned(id: number): Promise<void> {
    this.statements.markAbandoned.run({ id, now: this.clock() });
  }

  async markAttemptStarted(id: number, now: number): Promise<boolean> {
    return this.statements.markAttemptStarted.run({ id, now }).changes === 1;
  }

  async markAttemptFailed(id: number, failure: AttemptFailure = {}): Promise<void> {
    const { surelyNotPosted = false, counted = true } = failure;
    this.statements.markAttemptFailed.run({ id, clear: surelyNotPosted ? 1 : 0, add: counted ? 1 : 0 });
  }

  async claimEvent(eventId: string, now: number): Promise<boolean> {
    return this.statements.claimEvent.run(eventId, now).changes === 1;
  }

  async hasEvent(eventId: string): Promise<boolean> {
    return this.statements.hasEvent.get(eventId) !== undefined;
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

  async recordInbound(request: InboundRequest): Promise<boolean> {
    return (await this.inbox()).record(request);
  }

  async inboxHeads(limit: number, skipLanes: readonly string[]): Promise<InboxEntry[]> {
    return (await this.inbox()).heads(limit, skipLanes);
  }

  async startInbound(id: number): Promise<number> {
    return (await this.inbox()).start(id);
  }

  async consumeInbound(id: number): Promise<void> {
    (await this.inbox()).consume(id);
  }

  async inboxSize(): Promise<number> {
    return (await this.inbox()).size();
  }

  /** Moves requests an older version recorded in the database's own inbox table into the inbox file. */
  async adoptLegacyInbox(): Promise<void> {
    const rows = this.db.prepare<[], InboxRow>('SELECT * FROM main.inbox').all();
    if (rows.length === 0) return;
    (await this.inbox()).adopt(rows);
    this.db.prepare('DELETE FROM main.inbox').run();
  }

  private inbox(): Promise<SqliteInbox> {
    this.inboxOpened ??= openSqliteInbox({ path: this.inboxPath });
    return this.inboxOpened;
  }

  /** The inbox for erasure: not created just to be emptied (a terminal-only database has none). */
  private async existingInbox(): Promise<SqliteInbox | null> {
    if (this.inboxOpened || (isFileBacked(this.inboxPath) && existsSync(this.inboxPath))) return this.inbox();
    return null;
  }

  /** Erases a person's (or a workspace's) waiting requests too, and clears the WAL copies of both files. */
  private async erased<T>(
    remove: () => T,
    scope?: { workspaceId: string; userId: string | null },
  ): Promise<T> {
    const inbox = await this.existingInbox();
    const result = await this.privacy.wiped(() => {
      const report = remove();
      if (scope) inbox?.erase(scope.workspaceId, scope.userId);
      return report;
    });
    inbox?.checkpoint();
    return result;
  }

  async forgetUser(key: UserKey): Promise<DeletionReport> {
    return this.erased(() => this.privacy.forgetUser(key.workspaceId, key.userId), {
      workspaceId: key.workspaceId,
      userId: key.userId,
    });
  }

  async forgetWorkspace(workspaceId: string): Promise<DeletionReport> {
    return this.erased(() => this.privacy.forgetWorkspace(workspaceId), { workspaceId, userId: null });
  }

  async deleteSessionsBefore(cutoff: number): Promise<number> {
    return this.erased(() => this.privacy.deleteSessionsBefore(cutoff));
  }

  async pruneDeliveredOutbox(cutoff: number): Promise<number> {
    return this.erased(() => this.privacy.pruneDeliveredOutbox(cutoff));
  }

  diagnostics(): StoreDiagnostics {
    return {
      journalMode: String(this.db.pragma('journal_mode', { simple: true })),
      foreignKeys: this.db.pragma('foreign_keys', { simple: true }) === 1,
      busyTimeoutMs: Number(this.db.pragma('busy_timeout', { simple: true })),
    };
  }

  async close(): Promise<void> {
    await (await this.inboxOpened?.catch(() => null))?.close();
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
    const verdicts = this.statements.latestVerdicts.get(sessionId);
    return verdicts == null ? undefined : parseVerdicts(verdicts);
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
      band: commit.evaluation?.band ?? null,
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
        verdicts: verdictsJson(criteria),
      });
    }
    if (commit.followUpAnswer) {
      const { followUpId, text, verdict, messageId } = commit.followUpAnswer;
      s.upsertFollowUpAnswer.run({ sessionId: session.id, followUpId, verdict, messageId, now, text });
    }
    for (const message of commit.outbox ?? []) this.insertMessage(params, message, now);
    return true;
  }

  private insertMessage(params: KeyParams, message: OutboxMessage, now: number): void {
    this.statements.insertOutbox.run({
      ...params,
      channel: message.channel,
      now,
      payload: JSON.stringify(message.payload),
    });
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

function keyParams(key: UserKey): KeyParams {
  return { workspaceId: key.workspaceId, userId: key.userId };
}

/** Opens (creating when missing) a database, sets it up for concurrent use and applies migrations. */
export async function openSqliteStore(options: SqliteStoreOptions): Promise<SqliteStore> {
  const db = await openSqliteFile(options.path);
  try {
    db.pragma('foreign_keys = ON');
    migrate(db, { dir: options.migrationsDir, now: options.clock });
  } catch (error) {
    db.close();
    throw error;
  }
  const store = new SqliteStore(db, options.clock, inboxPathFor(options.path), options.tokenKey ?? null);
  try {
    await store.adoptLegacyInbox();
    return store;
  } catch (error) {
    await store.close();
    throw error;
  }
}
