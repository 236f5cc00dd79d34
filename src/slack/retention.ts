import type { Logger } from '@slack/bolt';
import { Ticker } from '../schedule/ticker.ts';
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
  private readonly ticker = new Ticker(
    () => this.runOnce(),
    (error) => this.deps.logger.error('Retention clean-up failed; will try again tomorrow:', error),
  );

  constructor(private readonly deps: RetentionDeps) {}

  start(): void {
    this.ticker.start(this.deps.intervalMs ?? DAY_MS, this.deps.firstRunMs ?? 60_000);
  }

  stop(): Promise<void> {
    return this.ticker.stop();
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
}
