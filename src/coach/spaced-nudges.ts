import { instantAt, localDateTime } from '../schedule/zoned-time.ts';
import { addDays } from './spaced.ts';

/**
 * When a gentle nudge may go out. Pure: settings, what was sent, the person's zone and `now` in; a verdict out.
 * Reminders that come too often get muted, so the limits are rules, not preferences.
 */
export const NUDGE_RULES = {
  defaultMinutes: 9 * 60,
  maxPerWeek: 3,
  /** Quiet hours, local: from 20:00 to 08:00 no nudge is sent. */
  quietFrom: 20 * 60,
  quietUntil: 8 * 60,
  /** A nudge missed while the app was down may still go out this long after its time (not into quiet hours). */
  graceMs: 3 * 60 * 60 * 1000,
} as const;

export interface NudgeSettings {
  enabled: boolean;
  /** Local minutes after midnight of the nudge time. */
  minutes: number;
  /** Snoozed: nothing before this local date's nudge time. */
  snoozedUntil: string | null;
}

export type NudgeDecision =
  | { send: true; localDate: string; scheduledAt: number }
  | {
      send: false;
      reason:
        | 'off'
        | 'nothing-due'
        | 'not-yet'
        | 'too-late'
        | 'quiet-hours'
        | 'snoozed'
        | 'weekly-limit'
        | 'sent-today';
    };

export function isQuietTime(minutes: number): boolean {
  return minutes >= NUDGE_RULES.quietFrom || minutes < NUDGE_RULES.quietUntil;
}

/** A nudge time the person may choose: outside quiet hours. */
export function isAllowedNudgeTime(minutes: number): boolean {
  return Number.isInteger(minutes) && minutes >= 0 && minutes < 24 * 60 && !isQuietTime(minutes);
}

/**
 * Whether to nudge now: on, something due, at or after today's nudge time (within the grace), never in quiet hours,
 * not snoozed past today, at most one per local day and `maxPerWeek` in any 7 local days.
 */
export function planNudge(input: {
  settings: NudgeSettings;
  timeZone: string;
  now: number;
  dueCount: number;
  /** Local dates nudges were sent on (any order). */
  sentDates: string[];
}): NudgeDecision {
  const { settings, timeZone, now } = input;
  if (!settings.enabled) return { send: false, reason: 'off' };
  const local = localDateTime(now, timeZone);
  if (input.sentDates.includes(local.date)) return { send: false, reason: 'sent-today' };
  if (input.dueCount === 0) return { send: false, reason: 'nothing-due' };
  if (settings.snoozedUntil && local.date < settings.snoozedUntil) return { send: false, reason: 'snoozed' };
  if (isQuietTime(local.minutes)) return { send: false, reason: 'quiet-hours' };
  const scheduledAt = instantAt(local.date, settings.minutes, timeZone);
  if (now < scheduledAt) return { send: false, reason: 'not-yet' };
  if (now - scheduledAt >= NUDGE_RULES.graceMs) return { send: false, reason: 'too-late' };
  const weekStart = addDays(local.date, -6);
  const thisWeek = input.sentDates.filter((d) => d >= weekStart && d <= local.date).length;
  if (thisWeek >= NUDGE_RULES.maxPerWeek) return { send: false, reason: 'weekly-limit' };
  return { send: true, localDate: local.date, scheduledAt };
}

/** Snooze: until the next local day's nudge time. */
export function snoozeUntil(now: number, timeZone: string): string {
  return addDays(localDateTime(now, timeZone).date, 1);
}

/** The oldest sent date still needed to apply the weekly limit on `today`. */
export function weeklyWindowStart(today: string): string {
  return addDays(today, -6);
}
