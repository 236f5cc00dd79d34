import type { SessionState } from '../coach/types.ts';
import type { CriterionId, JobFamilyId, LensId, Level, PartName } from '../content/schema.ts';
import type { Band, CriterionResult, Verdict } from '../rubric/types.ts';
import type { DailyStore } from './daily-types.ts';
import type { InstallationStore } from './installation-types.ts';
import type { SpacedStore } from './spaced-types.ts';
import type { StoryStore } from './story-types.ts';

/** Every stored row belongs to one user in one workspace; every query is scoped by both. */
export interface UserKey {
  workspaceId: string;
  userId: string;
}

export interface UserProfile extends UserKey {
  level: Level;
  lens: LensId | null;
  /** IANA time zone name, e.g. "Europe/London". */
  timeZone: string;
  /** Whose examples the person sees (their own line of work); null: each question's own. */
  jobFamily: JobFamilyId | null;
  /** The pack they practise; null: the workspace's default pack. */
  pack: string | null;
  /** false: numeric scores and verdict bands are hidden from everything they see (`scores off`). */
  showScores: boolean;
  createdAt: number;
}

/** The profile fields a person sets. */
export type UserSettings = Pick<
  UserProfile,
  'level' | 'lens' | 'timeZone' | 'jobFamily' | 'pack' | 'showScores'
>;

export type SessionSource = 'slack' | 'cli' | 'daily';
export type SessionStatus = SessionState['status'];

export interface SessionRecord extends UserKey {
  id: string;
  questionId: string;
  principleId: string;
  source: SessionSource;
  status: SessionStatus;
  state: SessionState;
  createdAt: number;
  updatedAt: number;
}

export interface EvaluationRecord {
  rubricVersion: string;
  score: number;
  band: Band;
  criteria: CriterionResult[];
}

/** A message waiting to be delivered to the user (transactional outbox). */
export interface OutboxEntry {
  id: number;
  workspaceId: string;
  userId: string;
  /** Adapter-specific destination, e.g. a Slack DM channel id; null for the terminal. */
  channel: string | null;
  payload: unknown;
  attempts: number;
  createdAt: number;
  /** Set while a post is under way, and kept when its outcome is unknown: Slack may hold the message already. */
  attemptStartedAt: number | null;
}

/** How a post of an outbox message failed. */
export interface AttemptFailure {
  /** Slack answered with an error, so the message is not in Slack: the mark of the started attempt is cleared. */
  surelyNotPosted?: boolean;
  /** false when Slack only asked to wait (rate limited): the attempt count stays as it was. */
  counted?: boolean;
}

/** Where a pending message goes, without its payload: what the deliverer keeps in memory. */
export type OutboxHead = Pick<OutboxEntry, 'id' | 'workspaceId' | 'userId' | 'channel'>;

/** A message to queue: where it goes (null for the terminal) and what it says (adapter-specific JSON). */
export interface OutboxMessage {
  channel: string | null;
  payload: unknown;
}

/** One turn of a conversation, written atomically. */
export interface TurnCommit {
  key: UserKey;
  /** Chat message that caused the turn; a message id already applied makes the whole commit a no-op. */
  messageId: string | null;
  session: SessionRecord;
  /** Parts whose text changed in this turn. */
  answers?: { part: PartName; text: string; messageId: string | null }[];
  evaluation?: EvaluationRecord;
  followUpAnswer?: { followUpId: string; text: string; verdict: Verdict; messageId: string | null };
  outbox?: OutboxMessage[];
  now: number;
}

export interface PrincipleProgress {
  principleId: string;
  practised: boolean;
  sessions: number;
  bestBand: Band | null;
  lastBand: Band | null;
  lastPractisedAt: number | null;
}

export interface Progress {
  sessionsCompleted: number;
  sessionsThisWeek: number;
  principles: PrincipleProgress[];
  /** Pass rate (0..1) per criterion over the last N completed sessions; null when never judged. */
  criterionPassRates: Partial<Record<CriterionId, number>>;
  /** Consecutive local days with a completed session, ending today or yesterday. */
  streakDays: number;
  recommendedPrincipleId: string;
}

/** What a deletion removed, table by table, for the user's confirmation and the logs. */
export interface DeletionReport {
  sessions: number;
  answers: number;
  evaluations: number;
  followUpAnswers: number;
  processedMessages: number;
  outbox: number;
  dailyPractice: number;
  /** Story bank stories (their versions are the sessions counted above). */
  stories: number;
  /** Schedules this person set up: kept for the channel, but no longer naming them. */
  dailySchedulesUnlinked: number;
  /** Channel schedules and their post records (workspace deletion only). */
  dailySchedules: number;
  dailyPosts: number;
  /** Spaced re-practice nudge settings and the record of nudges sent. */
  nudgeSettings: number;
  nudgesSent: number;
  users: number;
}

/**
 * A verified Slack request, as the durable inbox records it before Slack is acknowledged. Dialect-neutral: the
 * request is stored as JSON; keys are plain strings compared byte by byte.
 */
export interface InboundRequest {
  /** Slack's own id for the delivery (an event id): a second copy of a request still waiting is dropped. */
  dedupeKey: string | null;
  workspaceId: string;
  /** The person the request is about, when there is one (forget-me and uninstall delete their records). */
  userId: string | null;
  /** Requests of one lane are applied one at a time, lowest sortKey first (ties: the order recorded). */
  lane: string;
  /** Fixed-width text so byte order is time order: Slack's message ts for DM messages, else the arrival time. */
  sortKey: string;
  receivedAt: number;
  /** The request itself (body and retry headers), any JSON value. */
  request: unknown;
}

/** A recorded request waiting to be applied. */
export interface InboxEntry extends InboundRequest {
  id: number;
  /** How many times applying it has started (a crash mid-apply leaves the count raised). */
  attempts: number;
}

export interface Store {
  getUser(key: UserKey): Promise<UserProfile | null>;
  /** Creates the user with defaults when missing; applies the given changes. */
  upsertUser(key: UserKey, changes: Partial<UserSettings>, now: number): Promise<UserProfile>;

  getActiveSession(key: UserKey): Promise<SessionRecord | null>;
  getSession(key: UserKey, sessionId: string): Promise<SessionRecord | null>;
  listSessions(key: UserKey): Promise<SessionRecord[]>;
  /** Applies a turn in one transaction. Returns false (and changes nothing) when messageId was already applied. */
  commitTurn(commit: TurnCommit): Promise<boolean>;
  hasProcessed(key: UserKey, messageId: string): Promise<boolean>;

  /**
   * Queues messages outside a coaching turn (help, notices, prompts): they are sent in order with the turns'
   * replies, and retried while Slack is unreachable. Creates the user with defaults when missing.
   */
  enqueueMessages(key: UserKey, messages: OutboxMessage[], now: number): Promise<void>;
  pendingOutbox(limit: number): Promise<OutboxEntry[]>;
  /** Pending messages with an id above `afterId`, oldest first, without payloads. */
  pendingOutboxHeads(afterId: number, limit: number): Promise<OutboxHead[]>;
  /** One message if it is still pending; undefined once delivered, abandoned or erased. */
  pendingOutboxEntry(id: number): Promise<OutboxEntry | undefined>;
  markDelivered(id: number): Promise<void>;
  /**
   * A post of this message is about to start: claims it for this store instance. False when it is no longer
   * pending, or another instance started posting it less than the lease ago (it is theirs to send).
   */
  markAttemptStarted(id: number, now: number): Promise<boolean>;
  /** A post failed; what is known of it decides what is recorded (defaults: outcome unknown, counted). */
  markAttemptFailed(id: number, failure?: AttemptFailure): Promise<void>;
  /** The deliverer gave up on this message: it leaves the pending queue without counting as delivered. */
  markAbandoned(id: number): Promise<void>;

  /** Records a Slack event id; false when it was seen before (retries, duplicate deliveries). */
  claimEvent(eventId: string, now: number): Promise<boolean>;
  /** Whether an event id was recorded by claimEvent (check before processing, claim after). */
  hasEvent(eventId: string): Promise<boolean>;
  pruneEvents(olderThan: number): Promise<number>;

  progress(key: UserKey, principleIds: string[], now: number): Promise<Progress>;

  /*
   * The durable inbox (see InboundRequest). The front records a request, and only then acknowledges it to Slack;
   * the coaching side takes the first request of each lane, marks it started, applies it, and consumes it.
   * A record outlives a crash of the process (kill -9): it is durable once recordInbound resolves.
   */
  /** Records a request; false (nothing written) when a request with the same dedupeKey is still waiting. */
  recordInbound(request: InboundRequest): Promise<boolean>;
  /**
   * The first waiting request of each lane (lowest sortKey, then id), except lanes in `skipLanes` (already being
   * applied), at most `limit`, the lanes whose head was recorded first coming first.
   */
  inboxHeads(limit: number, skipLanes: readonly string[]): Promise<InboxEntry[]>;
  /**
   * Counts a start of applying a request; returns its attempts including this one (0 when it is gone, -1 when
   * another instance started applying it less than the lease ago: it is theirs, leave it waiting).
   */
  startInbound(id: number): Promise<number>;
  /** The request was applied (or given up): its record is deleted. */
  consumeInbound(id: number): Promise<void>;
  /** How many requests are waiting. */
  inboxSize(): Promise<number>;

  /** Daily prompt schedules, claims and counts. */
  readonly daily: DailyStore;
  /** Spaced re-practice nudge settings and sent nudges. */
  readonly spaced: SpacedStore;

  /** The story bank: stories, their versions (finished sessions), titles and tags. */
  readonly stories: StoryStore;

  /** OAuth mode: each workspace's (or organisation's) installation and tokens, encrypted at rest. */
  readonly installations: InstallationStore;

  /** Erases everything stored about one person in one workspace, and says what was removed. */
  forgetUser(key: UserKey): Promise<DeletionReport>;
  /** Erases a whole workspace's data (the app was uninstalled). */
  forgetWorkspace(workspaceId: string): Promise<DeletionReport>;
  /** Retention: deletes finished sessions last touched before `cutoff`, and stories left without a version. */
  deleteSessionsBefore(cutoff: number): Promise<number>;
  /** Deletes delivered outbox messages (they quote answers) older than `cutoff`. */
  pruneDeliveredOutbox(cutoff: number): Promise<number>;
  close(): Promise<void>;
}
