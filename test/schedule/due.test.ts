import { describe, expect, it } from 'vitest';
import { type DailySchedule, duePrompts, nextPostAt } from '../../src/schedule/due.ts';
import { instantAt, localDateTime } from '../../src/schedule/zoned-time.ts';

const MINUTE = 60_000;
const schedule = (
  timeZone: string,
  hh: number,
  mm = 0,
  days: DailySchedule['days'] = 'everyday',
): DailySchedule => ({
  workspaceId: 'T1',
  channelId: 'C1',
  minutes: hh * 60 + mm,
  timeZone,
  days,
  paused: false,
});

/** Ticks a scheduler every minute from `from` to `to` with claims like the real one: one post per local date. */
function simulate(s: DailySchedule, from: string, to: string): Map<string, string> {
  const posted = new Map<string, string>();
  for (let t = Date.parse(from); t <= Date.parse(to); t += MINUTE) {
    for (const due of duePrompts([s], t)) {
      if (!posted.has(due.localDate)) posted.set(due.localDate, new Date(t).toISOString());
    }
  }
  return posted;
}

describe('duePrompts across daylight-saving changes', () => {
  it('New York 09:00 posts at 09:00 local on both sides of the spring change', () => {
    const posts = simulate(schedule('America/New_York', 9), '2026-03-07T00:00:00Z', '2026-03-10T00:00:00Z');
    expect([...posts.entries()]).toEqual([
      ['2026-03-07', '2026-03-07T14:00:00.000Z'],
      ['2026-03-08', '2026-03-08T13:00:00.000Z'],
      ['2026-03-09', '2026-03-09T13:00:00.000Z'],
    ]);
  });

  it('London 09:00 posts at 09:00 local on both sides of both changes', () => {
    const spring = simulate(schedule('Europe/London', 9), '2026-03-28T00:00:00Z', '2026-03-30T00:00:00Z');
    expect([...spring.values()]).toEqual(['2026-03-28T09:00:00.000Z', '2026-03-29T08:00:00.000Z']);
    const autumn = simulate(schedule('Europe/London', 9), '2026-10-24T00:00:00Z', '2026-10-26T00:00:00Z');
    expect([...autumn.values()]).toEqual(['2026-10-24T08:00:00.000Z', '2026-10-25T09:00:00.000Z']);
  });

  it('a time skipped by the spring change posts once, when the clocks jump', () => {
    const posts = simulate(
      schedule('America/New_York', 2, 30),
      '2026-03-08T00:00:00Z',
      '2026-03-09T04:00:00Z',
    );
    expect(posts.get('2026-03-08')).toBe('2026-03-08T07:00:00.000Z'); // 03:00 EDT
    expect(posts.size).toBe(1);
  });

  it('a time repeated by the autumn change posts once, at its first occurrence', () => {
    const s = schedule('America/New_York', 1, 30);
    const posts = simulate(s, '2026-11-01T00:00:00Z', '2026-11-02T04:00:00Z');
    expect(posts.get('2026-11-01')).toBe('2026-11-01T05:30:00.000Z'); // 01:30 EDT, not 01:30 EST
    expect(posts.size).toBe(1);
    expect(instantAt('2026-11-01', 90, 'America/New_York')).toBe(Date.parse('2026-11-01T05:30:00Z'));
  });

  it('Sydney 09:00 follows the southern-hemisphere change', () => {
    const posts = simulate(schedule('Australia/Sydney', 9), '2026-04-03T12:00:00Z', '2026-04-06T12:00:00Z');
    expect(posts.get('2026-04-04')).toBe('2026-04-03T22:00:00.000Z'); // AEDT +11
    expect(posts.get('2026-04-05')).toBe('2026-04-04T23:00:00.000Z'); // AEST +10
  });
});

describe('duePrompts rules', () => {
  const nineUtc = Date.parse('2026-11-26T09:00:00Z'); // a Thursday

  it('is due from the scheduled minute until the grace period ends', () => {
    const s = schedule('UTC', 9);
    expect(duePrompts([s], nineUtc - MINUTE)).toHaveLength(0);
    expect(duePrompts([s], nineUtc)).toHaveLength(1);
    expect(duePrompts([s], nineUtc + 2 * 60 * MINUTE)).toHaveLength(1);
    expect(duePrompts([s], nineUtc + 3 * 60 * MINUTE)).toHaveLength(0);
  });

  it('weekday schedules skip Saturday and Sunday', () => {
    const s = schedule('UTC', 9, 0, 'weekdays');
    expect(duePrompts([s], Date.parse('2026-11-28T09:00:00Z'))).toHaveLength(0);
    expect(duePrompts([s], Date.parse('2026-11-29T09:00:00Z'))).toHaveLength(0);
    expect(duePrompts([s], Date.parse('2026-11-30T09:00:00Z'))).toHaveLength(1);
  });

  it('paused schedules are never due', () => {
    expect(duePrompts([{ ...schedule('UTC', 9), paused: true }], nineUtc)).toHaveLength(0);
  });

  it('uses the local date of the channel, not UTC', () => {
    const [due] = duePrompts([schedule('Pacific/Auckland', 9)], Date.parse('2026-11-25T20:00:00Z'));
    expect(due?.localDate).toBe('2026-11-26');
  });

  it('nextPostAt skips to Monday from a Friday afternoon for weekday schedules', () => {
    const friday = Date.parse('2026-11-27T15:00:00Z');
    const next = nextPostAt(schedule('Europe/London', 9, 0, 'weekdays'), friday);
    expect(new Date(next).toISOString()).toBe('2026-11-30T09:00:00.000Z');
    expect(localDateTime(next, 'Europe/London').weekday).toBe(1);
  });
});
