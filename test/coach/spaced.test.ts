import { describe, expect, it } from 'vitest';
import { describeDueDate, RATING_OF_BAND, sortByDue, spacedSchedule } from '../../src/coach/spaced.ts';
import { isAllowedNudgeTime, planNudge, snoozeUntil } from '../../src/coach/spaced-nudges.ts';
import { instantAt } from '../../src/schedule/zoned-time.ts';

const ZONE = 'Asia/Tokyo';
const at = (date: string, hh: number, mm = 0, zone = ZONE) => instantAt(date, hh * 60 + mm, zone);
const IDS = ['dive-deep', 'ownership', 'frugality'];

describe('spacedSchedule', () => {
  it('rates bands Again / Hard / Good / Easy', () => {
    expect(Object.values(RATING_OF_BAND)).toEqual([1, 2, 3, 4]);
  });

  it('schedules by day: first Good due in 3 days, Easy in 8, Hard in 2, Again the next day', () => {
    const due = (band: 'inclined' | 'strongly-inclined' | 'strongly-not-inclined' | 'not-inclined') =>
      spacedSchedule({
        sessions: [{ principleId: 'dive-deep', completedAt: at('2026-05-01', 23, 50), band }],
        principleIds: IDS,
        timeZone: ZONE,
        now: at('2026-05-01', 23, 55),
      })[0]!.dueDate;
    expect(due('inclined')).toBe('2026-05-04');
    expect(due('strongly-inclined')).toBe('2026-05-09');
    expect(due('not-inclined')).toBe('2026-05-03');
    expect(due('strongly-not-inclined')).toBe('2026-05-02');
  });

  it('counts the person’s local day, not UTC', () => {
    // 00:30 on 2 May in Tokyo is still 1 May in UTC.
    const [item] = spacedSchedule({
      sessions: [{ principleId: 'dive-deep', completedAt: at('2026-05-02', 0, 30), band: 'inclined' }],
      principleIds: IDS,
      timeZone: ZONE,
      now: at('2026-05-02', 1),
    });
    expect(item).toMatchObject({ lastDate: '2026-05-02', dueDate: '2026-05-05', state: 'upcoming' });
  });

  it('a good second review pushes the next one further out than the first', () => {
    const sessions = [
      { principleId: 'dive-deep', completedAt: at('2026-05-01', 10), band: 'inclined' as const },
      { principleId: 'dive-deep', completedAt: at('2026-05-04', 10), band: 'inclined' as const },
    ];
    const [item] = spacedSchedule({ sessions, principleIds: IDS, timeZone: ZONE, now: at('2026-05-04', 11) });
    expect(item!.reviews).toBe(2);
    expect(item!.dueDate! > '2026-05-07').toBe(true);
  });

  it('nothing practised today is due today, even after an earlier due date passed', () => {
    const sessions = [
      { principleId: 'ownership', completedAt: at('2026-05-01', 10), band: 'strongly-not-inclined' as const },
      { principleId: 'ownership', completedAt: at('2026-05-06', 10), band: 'strongly-not-inclined' as const },
    ];
    const items = spacedSchedule({ sessions, principleIds: IDS, timeZone: ZONE, now: at('2026-05-06', 12) });
    expect(items[1]).toMatchObject({ state: 'upcoming', dueDate: '2026-05-07' });
  });

  it('never-practised principles are gaps, not due items; due ones sort first', () => {
    const items = spacedSchedule({
      sessions: [{ principleId: 'frugality', completedAt: at('2026-05-01', 10), band: 'not-inclined' }],
      principleIds: IDS,
      timeZone: ZONE,
      now: at('2026-05-03', 10),
    });
    expect(items.map((i) => i.state)).toEqual(['gap', 'gap', 'due']);
    expect(sortByDue(items)[0]!.principleId).toBe('frugality');
  });

  it('describes dates as YYYY-MM-DD with today / in N days', () => {
    expect(describeDueDate('2026-05-03', '2026-05-03')).toBe('2026-05-03 (today)');
    expect(describeDueDate('2026-05-04', '2026-05-03')).toBe('2026-05-04 (in 1 day)');
    expect(describeDueDate('2026-05-10', '2026-05-03')).toBe('2026-05-10 (in 7 days)');
    expect(describeDueDate('2026-05-01', '2026-05-03')).toBe('2026-05-01 (today; due since 2 days)');
  });
});

describe('planNudge', () => {
  const on = { enabled: true, minutes: 9 * 60, snoozedUntil: null };
  const plan = (now: number, extra: Partial<Parameters<typeof planNudge>[0]> = {}) =>
    planNudge({ settings: on, timeZone: ZONE, now, dueCount: 1, sentDates: [], ...extra });

  it('sends at the local nudge time and within the grace after it', () => {
    expect(plan(at('2026-05-04', 8, 59))).toEqual({ send: false, reason: 'not-yet' });
    expect(plan(at('2026-05-04', 9))).toMatchObject({ send: true, localDate: '2026-05-04' });
    expect(plan(at('2026-05-04', 12, 1))).toEqual({ send: false, reason: 'too-late' });
  });

  it('never in quiet hours, and no quiet-hours time can be chosen', () => {
    const evening = { ...on, minutes: 19 * 60 + 30 };
    expect(plan(at('2026-05-04', 20, 0), { settings: evening })).toEqual({
      send: false,
      reason: 'quiet-hours',
    });
    expect(isAllowedNudgeTime(20 * 60)).toBe(false);
    expect(isAllowedNudgeTime(7 * 60 + 59)).toBe(false);
    expect(isAllowedNudgeTime(8 * 60)).toBe(true);
    expect(isAllowedNudgeTime(19 * 60 + 59)).toBe(true);
  });

  it('one per local day, at most 3 in any 7 days, nothing when nothing is due or off', () => {
    expect(plan(at('2026-05-04', 9, 5), { sentDates: ['2026-05-04'] })).toEqual({
      send: false,
      reason: 'sent-today',
    });
    const three = ['2026-04-28', '2026-04-30', '2026-05-02'];
    expect(plan(at('2026-05-04', 9, 5), { sentDates: three })).toEqual({
      send: false,
      reason: 'weekly-limit',
    });
    expect(plan(at('2026-05-05', 9, 5), { sentDates: three })).toMatchObject({ send: true });
    expect(plan(at('2026-05-04', 9, 5), { dueCount: 0 })).toEqual({ send: false, reason: 'nothing-due' });
    expect(plan(at('2026-05-04', 9, 5), { settings: { ...on, enabled: false } })).toEqual({
      send: false,
      reason: 'off',
    });
  });

  it('snooze lasts until the next local day’s nudge time', () => {
    const until = snoozeUntil(at('2026-05-04', 23, 30), ZONE);
    expect(until).toBe('2026-05-05');
    const snoozed = { ...on, snoozedUntil: until };
    expect(plan(at('2026-05-04', 9, 5), { settings: snoozed })).toEqual({ send: false, reason: 'snoozed' });
    expect(plan(at('2026-05-05', 8, 59), { settings: snoozed })).toEqual({ send: false, reason: 'not-yet' });
    expect(plan(at('2026-05-05', 9), { settings: snoozed })).toMatchObject({ send: true });
  });

  it('follows the wall clock across a daylight-saving change', () => {
    const london = (date: string, hh: number, mm = 0) => at(date, hh, mm, 'Europe/London');
    const input = { settings: on, timeZone: 'Europe/London', dueCount: 1, sentDates: [] };
    // Clocks go forward on 29 March 2026: 09:00 local is 08:00 UTC that day; 06:59 UTC is 07:59 local, quiet.
    expect(planNudge({ ...input, now: london('2026-03-29', 9) })).toMatchObject({ send: true });
    expect(london('2026-03-29', 9)).toBe(Date.UTC(2026, 2, 29, 8));
    expect(planNudge({ ...input, now: Date.UTC(2026, 2, 29, 6, 59) })).toEqual({
      send: false,
      reason: 'quiet-hours',
    });
  });
});
