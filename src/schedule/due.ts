import { instantAt, localDateTime, weekdayOf } from './zoned-time.ts';

export type DailyDays = 'weekdays' | 'everyday';

export interface DailySchedule {
  workspaceId: string;
  channelId: string;
  /** Minutes after local midnight, e.g. 540 for 09:00. */
  minutes: number;
  timeZone: string;
  days: DailyDays;
  /** A paused schedule (the bot lost access to the channel) posts nothing until it is set up again. */
  paused: boolean;
}

export interface DuePrompt<S extends DailySchedule = DailySchedule> {
  schedule: S;
  /** The channel's local date the prompt is for (YYYY-MM-DD). */
  localDate: string;
  /** When it should have been posted. */
  scheduledAt: number;
}

/** How late a prompt may still go out when the app was down at the time. */
export const DEFAULT_GRACE_MS = 3 * 60 * 60 * 1000;

export function postsOn(days: DailyDays, date: string): boolean {
  const weekday = weekdayOf(date);
  return days === 'everyday' || (weekday >= 1 && weekday <= 5);
}

/**
 * Which prompts are due at `now`: the schedule's local day is a posting day, its local time has been reached, and
 * it is not more than `graceMs` late. Pure: whether a prompt was already posted is the claim's job.
 */
export function duePrompts<S extends DailySchedule>(
  schedules: S[],
  now: number,
  graceMs = DEFAULT_GRACE_MS,
): DuePrompt<S>[] {
  const due: DuePrompt<S>[] = [];
  for (const schedule of schedules) {
    if (schedule.paused) continue;
    const local = localDateTime(now, schedule.timeZone);
    if (!postsOn(schedule.days, local.date)) continue;
    const scheduledAt = instantAt(local.date, schedule.minutes, schedule.timeZone);
    if (now >= scheduledAt && now - scheduledAt < graceMs)
      due.push({ schedule, localDate: local.date, scheduledAt });
  }
  return due;
}

/** The next time a schedule posts after `now` (for confirmations and `daily status`). */
export function nextPostAt(schedule: Omit<DailySchedule, 'paused'>, now: number): number {
  let date = localDateTime(now, schedule.timeZone).date;
  for (let i = 0; i < 8; i++) {
    if (postsOn(schedule.days, date)) {
      const at = instantAt(date, schedule.minutes, schedule.timeZone);
      if (at > now) return at;
    }
    const [y, m, d] = date.split('-').map(Number);
    date = new Date(Date.UTC(y!, m! - 1, d! + 1)).toISOString().slice(0, 10);
  }
  throw new Error('unreachable: every schedule posts at least once a week');
}
