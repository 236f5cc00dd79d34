import type { Logger } from '@slack/bolt';
import type { InboxEntry, Store } from '../../store/types.ts';
import type { ForwardedRequest } from './ack-front.ts';

export type InboxStore = Pick<Store, 'inboxHeads' | 'startInbound' | 'consumeInbound'>;

export interface InboxDrainerOptions {
  inbox: InboxStore;
  /** Runs one request through the app's listeners; resolves when they are done (their errors are theirs). */
  apply: (request: ForwardedRequest) => Promise<void>;
  logger: Logger;
  /** Lanes (people) applied at once; each lane one request at a time. */
  concurrency?: number;
  /**
   * A request whose applying started this many times without finishing is dropped: it keeps crashing the
   * process. Such suspects are applied alone, so a crash they cause never counts against other requests.
   */
  maxAttempts?: number;
  /**
   * Slow start-up work that applying may need (loading the language model), done before a suspect's attempt is
   * counted: a process killed again and again during that work is not the request's fault, so it must not use
   * up the request's attempts.
   */
  beforeSuspect?: () => void | Promise<void>;
  /** Looks for waiting requests this often even without a kick (a kick lost, a failed read). */
  pollIntervalMs?: number;
  /** A lane whose request failed to be read or consumed rests this long before it is tried again. */
  retryDelayMs?: number;
}

const DEFAULTS = { concurrency: 16, maxAttempts: 10, pollIntervalMs: 1_000, retryDelayMs: 1_000 };

/**
 * Applies the durable inbox: takes the first waiting request of each lane, applies it, then deletes it. The
 * inbox is the queue, so memory holds at most `concurrency` requests however far behind coaching falls, and a
 * request recorded before a crash is applied after the restart. A request is deleted only once its listeners
 * have finished: a crash in between applies it again, and the app's ledgers (message ids claimed in the turn's
 * transaction, event ids) make that second run a no-op. A request whose applying started before and never finished
 * (the process stopped meanwhile) is applied alone, after the others in flight.
 */
export class InboxDrainer {
  private readonly options: typeof DEFAULTS & InboxDrainerOptions;
  /** Lanes being applied, or resting after a failure. */
  private readonly busy = new Set<string>();
  private running = false;
  private pulling = false;
  private again = false;
  private poller: NodeJS.Timeout | null = null;
  private readonly resting = new Map<NodeJS.Timeout, string>();
  private idle: (() => void) | null = null;
  /** A request that was being applied when the process last stopped is being applied, alone. */
  private suspectRunning = false;

  constructor(options: InboxDrainerOptions) {
    this.options = { ...DEFAULTS, ...options };
  }

  /** Applies whatever is waiting (requests recorded before a restart included), then whatever arrives. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.poller = setInterval(() => this.kick(), this.options.pollIntervalMs);
    this.poller.unref();
    this.kick();
  }

  /** Something was recorded: look for work now. */
  kick(): void {
    if (!this.running) return;
    if (this.pulling) {
      this.again = true;
      return;
    }
    void this.pull();
  }

  /** Stops taking requests and waits for those being applied; the rest wait in the inbox for the next start. */
  async stop(): Promise<void> {
    this.running = false;
    if (this.poller) clearInterval(this.poller);
    this.poller = null;
    for (const [timer, lane] of this.resting) {
      clearTimeout(timer);
      this.busy.delete(lane);
    }
    this.resting.clear();
    if (this.inFlight() === 0) return;
    await new Promise<void>((resolve) => {
      this.idle = resolve;
    });
  }

  private inFlight(): number {
    return this.busy.size - this.resting.size;
  }

  private async pull(): Promise<void> {
    this.pulling = true;
    try {
      do {
        this.again = false;
        const free = this.options.concurrency - this.busy.size;
        if (free <= 0 || this.suspectRunning) break;
        const heads = await this.options.inbox.inboxHeads(free, [...this.busy]);
        if (!this.running) break;
        const suspect = heads.find((entry) => entry.attempts > 0);
        if (suspect) {
          // Wait for the others in flight to finish (each release pulls again), then apply it alone.
          if (this.inFlight() === 0) {
            this.suspectRunning = true;
            this.apply(suspect);
          }
          break;
        }
        for (const entry of heads) this.apply(entry);
        if (heads.length === free) this.again = true;
      } while (this.again && this.running);
    } catch (error) {
      this.options.logger.error('Reading the inbox failed (it is tried again shortly):', error);
    } finally {
      this.pulling = false;
    }
  }

  private apply(entry: InboxEntry): void {
    const { inbox, logger, maxAttempts } = this.options;
    this.busy.add(entry.lane);
    void (async () => {
      let failed = false;
      try {
        if (entry.attempts > 0) await this.options.beforeSuspect?.();
        const attempts = await inbox.startInbound(entry.id);
        // Another instance is applying it: the lane rests, and is looked at again after its turn.
        if (attempts < 0) {
          failed = true;
          return;
        }
        if (attempts > maxAttempts) {
          logger.error(
            `Dropped inbox request ${entry.id} (${entry.dedupeKey ?? 'no Slack id'}): applying it started ${attempts - 1} times and never finished.`,
          );
        } else if (attempts > 0) {
          await this.options.apply(entry.request as ForwardedRequest);
        }
        await inbox.consumeInbound(entry.id);
      } catch (error) {
        failed = true;
        logger.error(`Applying inbox request ${entry.id} failed (it is tried again shortly):`, error);
      } finally {
        if (entry.attempts > 0) this.suspectRunning = false;
        this.release(entry.lane, failed);
      }
    })();
  }

  private release(lane: string, rest: boolean): void {
    if (rest && this.running) {
      const timer = setTimeout(() => {
        this.resting.delete(timer);
        this.busy.delete(lane);
        this.kick();
      }, this.options.retryDelayMs);
      timer.unref();
      this.resting.set(timer, lane);
    } else this.busy.delete(lane);
    if (!this.running && this.inFlight() === 0) this.idle?.();
    this.kick();
  }
}
