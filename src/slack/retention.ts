import type { Logger } from '@slack/bolt';
import type { Store } from '../store/types.ts';

export const DAY_MS = 24 * 60 * 60 * 1000;

export interface RetentionDeps {
  store: Pick<Store, 'deleteSessionsBefore' | 'pruneDeliveredOutbox'>;
  clock: () => number;
  logger: Pick<Logger, 'info' | 'error'>;
  /** Finished sessions older than this many days are deleted; null keeps them until the user deletes them. */
  retentionDays: number | null;
  /** Delay before the first run after start (default one minute). */
  firstRunMs?: number;
  /** Delay between runs (default a day). */
  intervalMs?: number;
}

export interface RetentionResult {
  sessions: number;
  deliveredMessages: number;
}

/**
 * The daily clean-up: sessions past RETENTION_DAYS (when set) and, always, delivered outbox messages older than a
 * day (they quote answers and are only needed until Slack has them). Runs on an unref'd timer in the app process.
 */
export class RetentionJob {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<unknown> | null = null;
  private stopped = true;

  constructor(private readonly deps: RetentionDeps) {}

  start(): void {
    this.stopped = false;
    this.schedule(this.deps.firstRunMs ?? 60_000);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** One clean-up pass now; logs the counts. */
  async runOnce(): Promise<RetentionResult> {
    const { store, clock, logger, retentionDays } = this.deps;
    const now = clock();
    const sessions =
      retentionDays === null ? 0 : await store.deleteSessionsBefore(now - retentionDays * DAY_MS);
    const deliveredMessages = await store.pruneDeliveredOutbox(now - DAY_MS);
    const kept =
      retentionDays === null
        ? 'sessions are kept (no RETENTION_DAYS)'
        : `deleted ${sessions} session(s) older than ${retentionDays} day(s)`;
    logger.info(`Retention: ${kept}; deleted ${deliveredMessages} delivered message(s) older than a day.`);
    return { sessions, deliveredMessages };
  }

  private schedule(delayMs: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.runOnce()
        .catch((error: unknown) =>
          this.deps.logger.error('Retention clean-up failed; will try again tomorrow:', error),
        )
        .finally(() => {
          this.running = null;
          this.schedule(this.deps.intervalMs ?? DAY_MS);
        });
    }, delayMs);
    this.timer.unref();
  }
}
