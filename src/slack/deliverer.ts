import type { Logger } from '@slack/bolt';
import type { OutgoingMessage } from '../coach/types.ts';
import type { OutboxEntry, OutboxHead, Store } from '../store/types.ts';
import { AUTH_ERRORS, classifyApiError, describeApiError, surelyNotPosted } from './api-errors.ts';
import { type RenderedMessage, renderMessage } from './render/message.ts';

export interface DeliveryOptions {
  /** Attempts before a message is given up (each logged). */
  maxAttempts: number;
  /** How often the outbox is checked even when nothing kicked the deliverer. */
  pollIntervalMs: number;
  /** Pending messages read from the store per query. */
  batchSize: number;
  /** Most pending messages held in memory; the rest are read as these go out. */
  maxQueued: number;
  /** Posts in flight at once, so a backlog goes out in a steady stream instead of one burst. */
  maxInFlight: number;
  /**
   * Least time between two posts to one channel. Slack allows about one message per second per channel;
   * pacing to it avoids a 429 and its retry for every burst of replies.
   */
  channelIntervalMs: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_DELIVERY: DeliveryOptions = {
  maxAttempts: 8,
  pollIntervalMs: 5_000,
  batchSize: 200,
  maxQueued: 10_000,
  maxInFlight: 8,
  channelIntervalMs: 1_000,
  baseBackoffMs: 1_000,
  maxBackoffMs: 5 * 60_000,
};

export interface DelivererDeps {
  store: Pick<
    Store,
    | 'pendingOutboxHeads'
    | 'pendingOutboxEntry'
    | 'markDelivered'
    | 'markAttemptStarted'
    | 'markAttemptFailed'
    | 'markAbandoned'
  >;
  /** Posts a message, tagged with its outbox id so a later look-up can find it, with its workspace's token. */
  post: (channel: string, message: RenderedMessage, outboxId: number, workspaceId: string) => Promise<void>;
  /**
   * Whether the channel already holds the message with this outbox id, posted since `since`: asked before
   * posting again a message whose earlier attempt ended without an answer (a crash, a timeout).
   */
  alreadyPosted?: (channel: string, outboxId: number, since: number, workspaceId: string) => Promise<boolean>;
  /**
   * Makes sure the workspace can be served now (OAuth mode: an installation with a usable token), before an attempt
   * starts. When it throws, that workspace waits with backoff and its messages' attempts are not counted; other
   * workspaces carry on. A workspace that is no longer installed has its messages given up.
   */
  prepare?: (workspaceId: string) => Promise<void>;
  logger: Logger;
  /** Resolves when waiting Slack requests have been acknowledged; each send waits for it. */
  afterPendingRequests?: () => Promise<void>;
  /** Wall clock for retry timing (not the coaching clock, which tests may freeze). */
  now?: () => number;
  options?: Partial<DeliveryOptions>;
}

const MIN_WAKE_MS = 50;

type Outcome = 'delivered' | 'given-up' | 'later';

/** One destination's pending messages, oldest first, and when the next may go. */
interface ChannelQueue {
  key: string;
  heads: OutboxHead[];
  readyAt: number;
  busy: boolean;
}

/** An outbox payload that is already a Slack message: notices and prompts queued outside a coaching turn. */
export interface PreRendered {
  rendered: RenderedMessage;
}

function isPreRendered(payload: unknown): payload is PreRendered {
  if (typeof payload !== 'object' || payload === null || !('rendered' in payload)) return false;
  const { rendered } = payload;
  return (
    typeof rendered === 'object' &&
    rendered !== null &&
    typeof (rendered as { text?: unknown }).text === 'string' &&
    Array.isArray((rendered as { blocks?: unknown }).blocks)
  );
}

function isOutgoingMessage(payload: unknown): payload is OutgoingMessage {
  if (typeof payload !== 'object' || payload === null) return false;
  const { text, parts } = payload as { text?: unknown; parts?: unknown };
  return (
    typeof text === 'string' &&
    Array.isArray(parts) &&
    parts.every(
      (p) => typeof p === 'object' && p !== null && typeof (p as { kind?: unknown }).kind === 'string',
    )
  );
}

/**
 * Drains the transactional outbox into Slack. Messages to one channel go out in order, paced to Slack's
 * per-channel limit; a channel that is failing (rate limited, Slack errors) waits with backoff while other
 * channels carry on. Pending messages are read once, by id, and kept in memory as heads (no payload): the payload
 * is read just before sending, so a message erased meanwhile (forget-me) is never sent. Runs at start-up,
 * whenever kicked, and on a timer, so messages committed before a crash, or by another process, are still sent.
 */
export class OutboxDeliverer {
  private readonly options: DeliveryOptions;
  private readonly queues = new Map<string, ChannelQueue>();
  private queued = 0;
  /** Highest outbox id read so far: the next read starts after it. In memory: after a restart all is read. */
  private lastSeenId = 0;
  private wantRefill = false;
  /** The last read stopped at maxQueued: more pending messages wait in the store. */
  private heldBack = false;
  private refilling: Promise<void> | null = null;
  private running: Promise<void> | null = null;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  /** Workspaces whose token failed (OAuth mode): they wait until `readyAt`, each on its own backoff. */
  private readonly workspaces = new Map<string, { readyAt: number; failures: number }>();
  /** Workspaces whose rejected token was already logged, so a backlog logs it once. */
  private readonly authFailureLogged = new Set<string>();
  private readonly now: () => number;

  constructor(private readonly deps: DelivererDeps) {
    this.options = { ...DEFAULT_DELIVERY, ...deps.options };
    this.now = deps.now ?? Date.now;
  }

  start(): void {
    this.stopped = false;
    this.kick();
  }

  /** New messages may be waiting: read them and send what is due; coalesces with a pass already running. */
  kick(): void {
    if (this.stopped) return;
    this.wantRefill = true;
    this.running ??= this.run().finally(() => {
      this.running = null;
    });
  }

  /** Resolves when nothing is being read or sent (tests; shutdown). Paced or backed-off messages may remain. */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.idle();
  }

  /** One pass: read new messages and send everything due now (tests call it with the deliverer stopped). */
  async drainOnce(): Promise<void> {
    this.wantRefill = true;
    await this.sendDue();
  }

  private async run(): Promise<void> {
    do await this.sendDue();
    while (this.wantRefill && !this.stopped);
    this.scheduleWake();
  }

  /** Sends due messages on a few lanes; each lane takes the channel whose next message is oldest. */
  private async sendDue(): Promise<void> {
    const lane = async () => {
      for (;;) {
        await this.deps.afterPendingRequests?.();
        if (this.wantRefill || this.refilling) await this.refillShared();
        const queue = this.takeDue();
        if (!queue) return;
        try {
          await this.sendHead(queue);
        } finally {
          queue.busy = false;
        }
      }
    };
    await Promise.all(Array.from({ length: this.options.maxInFlight }, lane));
  }

  private refillShared(): Promise<void> {
    this.refilling ??= this.refill().finally(() => {
      this.refilling = null;
    });
    return this.refilling;
  }

  private async refill(): Promise<void> {
    this.wantRefill = false;
    try {
      this.heldBack = true;
      while (this.queued < this.options.maxQueued) {
        const limit = Math.min(this.options.batchSize, this.options.maxQueued - this.queued);
        const heads = await this.deps.store.pendingOutboxHeads(this.lastSeenId, limit);
        for (const head of heads) this.enqueue(head);
        if (heads.length < limit) {
          this.heldBack = false;
          return;
        }
      }
    } catch (error) {
      // The poll timer tries again; retrying after every send would only repeat the error.
      this.heldBack = false;
      this.deps.logger.error('Outbox: reading pending messages failed; will try again:', error);
    }
  }

  private enqueue(head: OutboxHead): void {
    this.lastSeenId = Math.max(this.lastSeenId, head.id);
    const key = `${head.workspaceId}\u0000${head.channel ?? head.userId}`;
    let queue = this.queues.get(key);
    if (!queue) {
      queue = { key, heads: [], readyAt: 0, busy: false };
      this.queues.set(key, queue);
    }
    queue.heads.push(head);
    this.queued += 1;
  }

  /** The idle, due channel whose next message is oldest, marked busy; undefined when none is due. */
  private takeDue(): ChannelQueue | undefined {
    const now = this.now();
    let best: ChannelQueue | undefined;
    for (const queue of this.queues.values()) {
      if (queue.busy || queue.readyAt > now) continue;
      const workspace = queue.heads[0] && this.workspaces.get(queue.heads[0].workspaceId);
      if (workspace && workspace.readyAt > now) continue;
      if (queue.heads.length === 0) {
        this.queues.delete(queue.key);
        continue;
      }
      if (!best || queue.heads[0]!.id < best.heads[0]!.id) best = queue;
    }
    if (best) best.busy = true;
    return best;
  }

  private async sendHead(queue: ChannelQueue): Promise<void> {
    const head = queue.heads[0]!;
    let outcome: Outcome;
    try {
      const entry = await this.deps.store.pendingOutboxEntry(head.id);
      // Delivered by another process, or erased (forget-me) since it was read: nothing to send.
      outcome = entry ? await this.deliverOne(entry, queue) : 'given-up';
    } catch (error) {
      this.deps.logger.error(`Outbox: message ${head.id} could not be read or updated in the store:`, error);
      queue.readyAt = this.now() + this.options.baseBackoffMs;
      return;
    }
    if (outcome === 'later') return;
    queue.heads.shift();
    this.queued -= 1;
    if (this.heldBack) this.wantRefill = true;
    if (outcome === 'delivered') queue.readyAt = this.now() + this.options.channelIntervalMs;
    // An empty queue is kept while paced, so the next message to the channel still waits its turn.
    if (queue.heads.length === 0 && queue.readyAt <= this.now()) this.queues.delete(queue.key);
  }

  private async deliverOne(entry: OutboxEntry, queue: ChannelQueue): Promise<Outcome> {
    const where = `message ${entry.id} for user ${entry.userId}`;
    if (entry.channel === null) return this.giveUp(entry, `${where} has no Slack channel`);
    let rendered: RenderedMessage;
    if (isPreRendered(entry.payload)) rendered = entry.payload.rendered;
    else if (!isOutgoingMessage(entry.payload))
      return this.giveUp(entry, `${where} has an unreadable payload`);
    else {
      try {
        rendered = renderMessage(entry.payload);
      } catch (error) {
        this.deps.logger.error(`Outbox: rendering ${where} failed:`, error);
        return this.giveUp(entry, `${where} could not be rendered`);
      }
    }
    if (this.deps.prepare) {
      const ready = await this.prepareWorkspace(entry);
      if (ready !== 'ready') return ready;
    }
    if (await this.foundInSlack(entry, entry.channel)) {
      await this.deps.store.markDelivered(entry.id);
      this.deps.logger.info(`Outbox: ${where} was already in Slack from an earlier attempt; not sent again.`);
      return 'delivered';
    }
    if (!(await this.deps.store.markAttemptStarted(entry.id, this.now()))) {
      // Another instance holds it (or it just left the queue): look again once its lease may have run out.
      queue.readyAt = this.now() + this.options.pollIntervalMs;
      return 'later';
    }
    try {
      await this.deps.post(entry.channel, rendered, entry.id, entry.workspaceId);
    } catch (error) {
      const failure = classifyApiError(error);
      if (failure.kind !== 'rejected-blocks') return this.failed(entry, queue, error);
      this.deps.logger.warn(
        `Outbox: Slack refused the blocks of ${where} (${failure.code}); sending the text only.`,
      );
      try {
        await this.deps.post(entry.channel, { text: rendered.text, blocks: [] }, entry.id, entry.workspaceId);
      } catch (fallbackError) {
        return this.failed(entry, queue, fallbackError);
      }
    }
    await this.deps.store.markDelivered(entry.id);
    this.deps.logger.debug(`Outbox: delivered ${where} to ${entry.channel}.`);
    return 'delivered';
  }

  /** After an attempt whose outcome was never learned, whether Slack holds the message already. */
  private async foundInSlack(entry: OutboxEntry, channel: string): Promise<boolean> {
    if (entry.attemptStartedAt === null || !this.deps.alreadyPosted) return false;
    try {
      return await this.deps.alreadyPosted(channel, entry.id, entry.attemptStartedAt, entry.workspaceId);
    } catch (error) {
      this.deps.logger.warn(
        `Outbox: could not check whether message ${entry.id} already reached Slack (${describeApiError(error)}); sending it.`,
      );
      return false;
    }
  }

  private async failed(entry: OutboxEntry, queue: ChannelQueue, error: unknown): Promise<Outcome> {
    const failure = classifyApiError(error);
    const where = `message ${entry.id} for user ${entry.userId} in ${entry.channel}`;
    if (failure.kind === 'permanent' || failure.kind === 'rejected-blocks') {
      if (AUTH_ERRORS.has(failure.code) && !this.authFailureLogged.has(entry.workspaceId)) {
        this.authFailureLogged.add(entry.workspaceId);
        this.deps.logger.error(
          this.deps.prepare
            ? `Slack no longer accepts the bot token of workspace ${entry.workspaceId} (${failure.code}): it must install the app again.`
            : `Slack no longer accepts the bot token (${failure.code}). Reinstall the app to the workspace and update SLACK_BOT_TOKEN.`,
        );
      }
      return this.giveUp(entry, `${where}: Slack said ${failure.code}, which retrying cannot fix`);
    }
    if (failure.kind === 'rate-limited') {
      // Slack said when to come back: that is no failure of the message, so it neither counts towards giving up
      // nor lengthens the backoff of later errors.
      await this.deps.store.markAttemptFailed(entry.id, { surelyNotPosted: true, counted: false });
      queue.readyAt = this.now() + failure.retryAfterMs;
      this.deps.logger.warn(
        `Outbox: ${where} rate limited (${failure.code}); retrying in ${Math.ceil(failure.retryAfterMs / 1000)} s.`,
      );
      return 'later';
    }
    await this.deps.store.markAttemptFailed(entry.id, { surelyNotPosted: surelyNotPosted(error) });
    const attempts = entry.attempts + 1;
    if (attempts >= this.options.maxAttempts) {
      return this.giveUp(entry, `${where}: still failing after ${attempts} attempts (last: ${failure.code})`);
    }
    const delay = Math.min(this.options.maxBackoffMs, this.options.baseBackoffMs * 2 ** (attempts - 1));
    queue.readyAt = this.now() + delay;
    this.deps.logger.warn(
      `Outbox: ${where} not delivered (${failure.code}, attempt ${attempts} of ${this.options.maxAttempts}); retrying in ${Math.ceil(delay / 1000)} s.`,
    );
    return 'later';
  }

  /** Whether the message's workspace can be served now; on failure the whole workspace backs off. */
  private async prepareWorkspace(entry: OutboxEntry): Promise<'ready' | Outcome> {
    try {
      await this.deps.prepare?.(entry.workspaceId);
      this.workspaces.delete(entry.workspaceId);
      return 'ready';
    } catch (error) {
      const failure = classifyApiError(error);
      if (failure.kind === 'permanent') {
        return this.giveUp(
          entry,
          `message ${entry.id}: workspace ${entry.workspaceId} cannot be reached (${failure.code})`,
        );
      }
      const state = this.workspaces.get(entry.workspaceId) ?? { readyAt: 0, failures: 0 };
      state.failures += 1;
      const delay = Math.min(
        this.options.maxBackoffMs,
        this.options.baseBackoffMs * 2 ** (state.failures - 1),
      );
      state.readyAt = this.now() + delay;
      this.workspaces.set(entry.workspaceId, state);
      this.deps.logger.warn(
        `Outbox: workspace ${entry.workspaceId} has no usable token now (${failure.code}); its messages wait ${Math.ceil(delay / 1000)} s, other workspaces carry on.`,
      );
      return 'later';
    }
  }

  /** Stops trying a message: it is marked abandoned, so it leaves the pending queue. */
  private async giveUp(entry: OutboxEntry, reason: string): Promise<Outcome> {
    this.deps.logger.error(`Outbox: giving up on ${reason}.`);
    await this.deps.store.markAbandoned(entry.id);
    return 'given-up';
  }

  private scheduleWake(): void {
    if (this.stopped) return;
    let soonest = Number.POSITIVE_INFINITY;
    for (const queue of this.queues.values()) {
      const head = queue.heads[0];
      if (!head) continue;
      const workspaceReadyAt = this.workspaces.get(head.workspaceId)?.readyAt ?? 0;
      soonest = Math.min(soonest, Math.max(queue.readyAt, workspaceReadyAt));
    }
    const delay = Math.max(MIN_WAKE_MS, Math.min(this.options.pollIntervalMs, soonest - this.now()));
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, delay);
    this.timer.unref();
  }
}
