import type { Logger } from '@slack/bolt';
import type { OutgoingMessage } from '../coach/types.ts';
import type { OutboxEntry, Store } from '../store/types.ts';
import { AUTH_ERRORS, classifyApiError } from './api-errors.ts';
import { type RenderedMessage, renderMessage } from './render/message.ts';

export interface DeliveryOptions {
  /** Attempts before a message is given up (each logged). */
  maxAttempts: number;
  /** How often the outbox is checked even when nothing kicked the deliverer. */
  pollIntervalMs: number;
  batchSize: number;
  baseBackoffMs: number;
  maxBackoffMs: number;
}

export const DEFAULT_DELIVERY: DeliveryOptions = {
  maxAttempts: 8,
  pollIntervalMs: 5_000,
  batchSize: 200,
  baseBackoffMs: 1_000,
  maxBackoffMs: 5 * 60_000,
};

export interface DelivererDeps {
  store: Pick<Store, 'pendingOutbox' | 'markDelivered' | 'markAttemptFailed' | 'markAbandoned'>;
  post: (channel: string, message: RenderedMessage) => Promise<void>;
  logger: Logger;
  /** Wall clock for retry timing (not the coaching clock, which tests may freeze). */
  now?: () => number;
  options?: Partial<DeliveryOptions>;
}

const MIN_WAKE_MS = 50;

type Outcome = 'delivered' | 'given-up' | 'later';

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
 * Drains the transactional outbox into Slack. Messages to one channel go out in order; a channel that is failing
 * (rate limited, Slack errors) waits with backoff while other channels carry on. Runs at start-up, whenever
 * kicked, and on a timer, so messages committed before a crash are still sent.
 */
export class OutboxDeliverer {
  private readonly options: DeliveryOptions;
  /** Earliest time each failing entry may be tried again. In memory: after a restart everything is due. */
  private readonly retryAt = new Map<number, number>();
  private running: Promise<void> | null = null;
  private again = false;
  private timer: NodeJS.Timeout | null = null;
  private stopped = true;
  private authFailureLogged = false;
  private readonly now: () => number;

  constructor(private readonly deps: DelivererDeps) {
    this.options = { ...DEFAULT_DELIVERY, ...deps.options };
    this.now = deps.now ?? Date.now;
  }

  start(): void {
    this.stopped = false;
    this.kick();
  }

  /** Asks for a drain now; coalesces with one already running. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.loop().finally(() => {
      this.running = null;
    });
  }

  /** Resolves when no drain is running (tests; shutdown). */
  async idle(): Promise<void> {
    while (this.running) await this.running;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.idle();
  }

  private async loop(): Promise<void> {
    do {
      this.again = false;
      try {
        await this.drainOnce();
      } catch (error) {
        this.deps.logger.error('Outbox: reading pending messages failed; will try again:', error);
      }
    } while (this.again && !this.stopped);
    this.scheduleWake();
  }

  /** One pass over pending messages: channels in parallel, each channel's messages in order. */
  async drainOnce(): Promise<void> {
    const entries = await this.deps.store.pendingOutbox(this.options.batchSize);
    if (entries.length < this.options.batchSize) {
      const pending = new Set(entries.map((e) => e.id));
      for (const id of this.retryAt.keys()) if (!pending.has(id)) this.retryAt.delete(id);
    }
    const byChannel = new Map<string, OutboxEntry[]>();
    for (const entry of entries) {
      const key = `${entry.workspaceId}\u0000${entry.channel ?? entry.userId}`;
      byChannel.set(key, [...(byChannel.get(key) ?? []), entry]);
    }
    await Promise.all([...byChannel.values()].map((queue) => this.deliverInOrder(queue)));
  }

  private async deliverInOrder(queue: OutboxEntry[]): Promise<void> {
    for (const entry of queue) {
      if ((this.retryAt.get(entry.id) ?? 0) > this.now()) return;
      const outcome = await this.deliverOne(entry).catch((error: unknown): Outcome => {
        this.deps.logger.error(`Outbox: message ${entry.id} could not be updated in the store:`, error);
        return 'later';
      });
      if (outcome === 'later') return;
    }
  }

  private async deliverOne(entry: OutboxEntry): Promise<Outcome> {
    const where = `message ${entry.id} for user ${entry.userId}`;
    if (entry.channel === null) return this.giveUp(entry, `${where} has no Slack channel`);
    if (!isOutgoingMessage(entry.payload)) return this.giveUp(entry, `${where} has an unreadable payload`);
    let rendered: RenderedMessage;
    try {
      rendered = renderMessage(entry.payload);
    } catch (error) {
      this.deps.logger.error(`Outbox: rendering ${where} failed:`, error);
      return this.giveUp(entry, `${where} could not be rendered`);
    }
    try {
      await this.deps.post(entry.channel, rendered);
    } catch (error) {
      const failure = classifyApiError(error);
      if (failure.kind !== 'rejected-blocks') return this.failed(entry, error);
      this.deps.logger.warn(
        `Outbox: Slack refused the blocks of ${where} (${failure.code}); sending the text only.`,
      );
      try {
        await this.deps.post(entry.channel, { text: rendered.text, blocks: [] });
      } catch (fallbackError) {
        return this.failed(entry, fallbackError);
      }
    }
    await this.deps.store.markDelivered(entry.id);
    this.retryAt.delete(entry.id);
    this.deps.logger.debug(`Outbox: delivered ${where} to ${entry.channel}.`);
    return 'delivered';
  }

  private async failed(entry: OutboxEntry, error: unknown): Promise<Outcome> {
    const failure = classifyApiError(error);
    const where = `message ${entry.id} for user ${entry.userId} in ${entry.channel}`;
    if (failure.kind === 'permanent' || failure.kind === 'rejected-blocks') {
      if (AUTH_ERRORS.has(failure.code) && !this.authFailureLogged) {
        this.authFailureLogged = true;
        this.deps.logger.error(
          `Slack no longer accepts the bot token (${failure.code}). Reinstall the app to the workspace and update SLACK_BOT_TOKEN.`,
        );
      }
      return this.giveUp(entry, `${where}: Slack said ${failure.code}, which retrying cannot fix`);
    }
    await this.deps.store.markAttemptFailed(entry.id);
    const attempts = entry.attempts + 1;
    if (attempts >= this.options.maxAttempts) {
      return this.giveUp(entry, `${where}: still failing after ${attempts} attempts (last: ${failure.code})`);
    }
    const delay =
      failure.kind === 'rate-limited'
        ? failure.retryAfterMs
        : Math.min(this.options.maxBackoffMs, this.options.baseBackoffMs * 2 ** (attempts - 1));
    this.retryAt.set(entry.id, this.now() + delay);
    this.deps.logger.warn(
      `Outbox: ${where} not delivered (${failure.code}, attempt ${attempts} of ${this.options.maxAttempts}); retrying in ${Math.ceil(delay / 1000)} s.`,
    );
    return 'later';
  }

  /** Stops trying a message: it is marked abandoned, so it leaves the pending queue. */
  private async giveUp(entry: OutboxEntry, reason: string): Promise<Outcome> {
    this.deps.logger.error(`Outbox: giving up on ${reason}.`);
    await this.deps.store.markAbandoned(entry.id);
    this.retryAt.delete(entry.id);
    return 'given-up';
  }

  private scheduleWake(): void {
    if (this.stopped) return;
    const soonestRetry = Math.min(...this.retryAt.values());
    const delay = Math.max(MIN_WAKE_MS, Math.min(this.options.pollIntervalMs, soonestRetry - this.now()));
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      this.timer = null;
      this.kick();
    }, delay);
    this.timer.unref();
  }
}
