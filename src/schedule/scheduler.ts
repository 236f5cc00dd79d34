import type { ContentBank } from '../content/load.ts';
import { packBank, packIdFor } from '../content/packs.ts';
import type { Principle, Question } from '../content/schema.ts';
import type { ChannelKey, DailyScheduleRecord, DailyStore } from '../store/daily-types.ts';
import { duePrompts } from './due.ts';
import { PostError } from './post-error.ts';
import { questionOfTheDay } from './rotation.ts';
import { Ticker } from './ticker.ts';
import { localDateTime } from './zoned-time.ts';

/** What the scheduler needs from the chat platform; the Slack adapter implements it. */
export interface PromptPoster {
  postPrompt(
    channel: ChannelKey,
    prompt: { question: Question; principle: Principle; localDate: string },
  ): Promise<{ ts: string }>;
  postRecap(channel: ChannelKey, threadTs: string, practised: number): Promise<void>;
  /** Tells the person who set the schedule up that it paused, and how to fix it. */
  notifyPaused(schedule: DailyScheduleRecord, code: string): Promise<void>;
}

export interface SchedulerLogger {
  info(message: string, fields?: Record<string, unknown>): void;
  warn(message: string, fields?: Record<string, unknown>): void;
  error(message: string, fields?: Record<string, unknown>): void;
}

export interface SchedulerDeps {
  daily: DailyStore;
  bank: ContentBank;
  poster: PromptPoster;
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  logger: SchedulerLogger;
  /** Identifies this process in claims, so two instances never post the same prompt. */
  holder: string;
  /** How long a claim protects a post in progress before another instance may take it over. */
  leaseMs?: number;
  /** Posts in flight at once per workspace. */
  concurrency?: number;
  maxAttempts?: number;
}

export type PostOutcome = 'posted' | 'already-posted' | 'paused' | 'failed';

/** Pauses a whole workspace when Slack answers 429, so every worker waits for the same Retry-After. */
class WorkspaceGate {
  private openAt = 0;
  constructor(
    private readonly clock: () => number,
    private readonly sleep: (ms: number) => Promise<void>,
  ) {}
  async pass(): Promise<void> {
    for (let wait = this.openAt - this.clock(); wait > 0; wait = this.openAt - this.clock())
      await this.sleep(wait);
  }
  closeFor(ms: number): void {
    this.openAt = Math.max(this.openAt, this.clock() + ms);
  }
}

export class DailyScheduler {
  private readonly gates = new Map<string, WorkspaceGate>();
  private readonly ticker = new Ticker(
    () => this.tick(),
    (error) => this.deps.logger.error('daily tick failed', { error: String(error) }),
  );

  constructor(private readonly deps: SchedulerDeps) {}

  /** Posts every prompt that is due now; returns how each went. */
  async tick(): Promise<Record<PostOutcome, number>> {
    const { daily, clock } = this.deps;
    const due = duePrompts(await daily.listSchedules(), clock());
    const byWorkspace = new Map<string, typeof due>();
    for (const d of due)
      byWorkspace.set(d.schedule.workspaceId, [...(byWorkspace.get(d.schedule.workspaceId) ?? []), d]);
    const counts: Record<PostOutcome, number> = { posted: 0, 'already-posted': 0, paused: 0, failed: 0 };
    await Promise.all(
      [...byWorkspace.values()].map((items) =>
        this.pool(items, async (item) => {
          counts[await this.postFor(item.schedule, item.localDate)]++;
        }),
      ),
    );
    return counts;
  }

  /** Posts a channel's prompt for a local date, once: claimed first, so restarts and other instances skip it. */
  async postFor(schedule: DailyScheduleRecord, localDate: string): Promise<PostOutcome> {
    const { daily, holder, clock } = this.deps;
    // The channel's pack, or the workspace's default when it has none (or its pack was removed).
    const bank = packBank(this.deps.bank, packIdFor(this.deps.bank, schedule.pack));
    const question = questionOfTheDay(
      bank.questions,
      bank.principles.map((p) => p.id),
      schedule.channelId,
      schedule.firstDate,
      localDate,
      schedule.days,
    );
    const principle = bank.principles.find((p) => p.id === question.principle)!;
    const claimed = await daily.claimPost(
      schedule,
      localDate,
      question.id,
      holder,
      clock(),
      this.deps.leaseMs ?? 120_000,
    );
    if (!claimed) return 'already-posted';
    const outcome = await this.deliver(schedule, localDate, () =>
      this.deps.poster.postPrompt(schedule, { question, principle, localDate }),
    );
    if (outcome.kind === 'ok') {
      await daily.markPosted(schedule, localDate, holder, outcome.value.ts, clock());
      await this.recap(schedule, localDate);
      return 'posted';
    }
    await daily.releaseClaim(schedule, localDate, holder);
    return outcome.kind;
  }

  /** "daily now": today's prompt in the schedule's zone, counted as today's. */
  postToday(schedule: DailyScheduleRecord): Promise<PostOutcome> {
    return this.postFor(schedule, localDateTime(this.deps.clock(), schedule.timeZone).date);
  }

  start(intervalMs = 30_000): void {
    this.ticker.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.ticker.stop();
  }

  /** Yesterday's practice count as a thread reply on yesterday's prompt (a count only, never who). */
  private async recap(channel: DailyScheduleRecord, localDate: string): Promise<void> {
    const { daily, clock, poster, logger } = this.deps;
    const previous = await daily.pendingRecap(channel, localDate);
    if (!previous?.messageTs) return;
    const practised = await daily.practiceCount(channel, previous.localDate);
    if (practised === 0 || !(await daily.claimRecap(channel, previous.localDate, clock()))) return;
    const outcome = await this.deliver(channel, localDate, () =>
      poster.postRecap(channel, previous.messageTs!, practised),
    );
    if (outcome.kind !== 'ok')
      logger.warn('daily recap not posted', { channel: channel.channelId, outcome: outcome.kind });
  }

  private gate(workspaceId: string): WorkspaceGate {
    let gate = this.gates.get(workspaceId);
    if (!gate) {
      gate = new WorkspaceGate(this.deps.clock, this.deps.sleep);
      this.gates.set(workspaceId, gate);
    }
    return gate;
  }

  /** Calls Slack, waiting out 429s, retrying transient errors, and pausing the schedule when the channel is gone. */
  private async deliver<T>(
    schedule: DailyScheduleRecord,
    localDate: string,
    call: () => Promise<T>,
  ): Promise<{ kind: 'ok'; value: T } | { kind: 'paused' | 'failed' }> {
    const { daily, poster, logger, clock, sleep } = this.deps;
    const gate = this.gate(schedule.workspaceId);
    const maxAttempts = this.deps.maxAttempts ?? 6;
    for (let attempt = 1; ; attempt++) {
      await gate.pass();
      try {
        return { kind: 'ok', value: await call() };
      } catch (error) {
        const failure =
          error instanceof PostError ? error.failure : { kind: 'transient' as const, detail: String(error) };
        if (failure.kind === 'channel-unavailable') {
          await daily.pauseSchedule(schedule, failure.code, clock());
          logger.warn('daily prompts paused', { channel: schedule.channelId, code: failure.code });
          await poster.notifyPaused(schedule, failure.code).catch((e: unknown) =>
            logger.error('could not tell the schedule owner it paused', {
              channel: schedule.channelId,
              error: String(e),
            }),
          );
          return { kind: 'paused' };
        }
        if (attempt >= maxAttempts) {
          logger.error('daily prompt failed', {
            channel: schedule.channelId,
            localDate,
            failure: failure.kind,
          });
          return { kind: 'failed' };
        }
        if (failure.kind === 'rate-limited') gate.closeFor(failure.retryAfterMs);
        else await sleep(Math.min(30_000, 500 * 2 ** (attempt - 1)));
      }
    }
  }

  private async pool<T>(items: T[], work: (item: T) => Promise<void>): Promise<void> {
    let next = 0;
    const worker = async () => {
      while (next < items.length) await work(items[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(this.deps.concurrency ?? 4, items.length) }, worker));
  }
}
