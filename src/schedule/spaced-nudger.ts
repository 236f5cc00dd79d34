import { practisedSessions, type SpacedItem, sortByDue, spacedSchedule } from '../coach/spaced.ts';
import { planNudge, weeklyWindowStart } from '../coach/spaced-nudges.ts';
import type { NudgeRecord } from '../store/spaced-types.ts';
import type { Store, UserKey } from '../store/types.ts';
import type { SchedulerLogger } from './scheduler.ts';
import { Ticker } from './ticker.ts';
import { localDateTime } from './zoned-time.ts';

/** What the nudger needs from the chat platform; the Slack adapter implements it. */
export interface NudgeOutlet {
  /** The person's DM channel. */
  dmFor(key: UserKey): Promise<string>;
  /** The nudge as an outbox payload: the due principles, most overdue first. */
  render(due: SpacedItem[], today: string): unknown;
  /** Queued messages are waiting: deliver them. */
  queued(): void;
}

export interface NudgerDeps {
  store: Store;
  principleIds: string[];
  outlet: NudgeOutlet;
  clock: () => number;
  logger: SchedulerLogger;
}

/** A person's principles, due first, at `now` in their zone. */
export async function dueFor(
  store: Store,
  principleIds: string[],
  key: UserKey,
  timeZone: string,
  now: number,
): Promise<SpacedItem[]> {
  const sessions = practisedSessions(await store.listSessions(key));
  return sortByDue(spacedSchedule({ sessions, principleIds, timeZone, now }));
}

/**
 * Sends spaced re-practice nudges. Each tick looks at everyone with nudges on; a nudge that is due is recorded and
 * queued in the outbox in one transaction, keyed by person and local date, so restarts and other instances never
 * send a second one that day.
 */
export class SpacedNudger {
  private readonly ticker = new Ticker(
    () => this.tick(),
    (error) => this.deps.logger.error('nudge tick failed', { error: String(error) }),
  );

  constructor(private readonly deps: NudgerDeps) {}

  async tick(): Promise<{ sent: number }> {
    const { store } = this.deps;
    let sent = 0;
    for (const record of await store.spaced.listNudgesOn()) {
      try {
        if (await this.nudge(record)) sent++;
      } catch (error) {
        this.deps.logger.error('spaced nudge failed', { user: record.userId, error: String(error) });
      }
    }
    if (sent > 0) this.deps.outlet.queued();
    return { sent };
  }

  private async nudge(record: NudgeRecord): Promise<boolean> {
    const { store, principleIds, outlet, clock } = this.deps;
    const now = clock();
    const today = localDateTime(now, record.timeZone).date;
    const items = await dueFor(store, principleIds, record, record.timeZone, now);
    const due = items.filter((i) => i.state === 'due');
    const decision = planNudge({
      settings: record,
      timeZone: record.timeZone,
      now,
      dueCount: due.length,
      sentDates: await store.spaced.sentDates(record, weeklyWindowStart(today)),
    });
    if (!decision.send) return false;
    const channel = await outlet.dmFor(record);
    return store.spaced.sendNudge(
      record,
      decision.localDate,
      { channel, payload: outlet.render(due, today) },
      now,
    );
  }

  start(intervalMs = 60_000): void {
    this.ticker.start(intervalMs);
  }

  stop(): Promise<void> {
    return this.ticker.stop();
  }
}
