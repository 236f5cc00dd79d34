import { describe, expect, it } from 'vitest';
import { postingIndex, questionOfTheDay } from '../../src/schedule/rotation.ts';
import { nextDate } from '../../src/schedule/zoned-time.ts';

const ids = Array.from({ length: 16 }, (_, i) => `principle-${i}`);
// Three questions per principle, as in the real bank.
const questions = ids.flatMap((principle) => [1, 2, 3].map((n) => ({ id: `${principle}/q${n}`, principle })));

function run(channel: string, first: string, count: number, days: 'weekdays' | 'everyday') {
  const picked: string[] = [];
  let date = first;
  while (picked.length < count) {
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    if (days === 'everyday' || (weekday >= 1 && weekday <= 5)) {
      picked.push(questionOfTheDay(questions, ids, channel, first, date, days).principle);
    }
    date = nextDate(date);
  }
  return picked;
}

describe('question of the day', () => {
  it('covers every principle before any repeats, on weekdays and every day', () => {
    for (const days of ['weekdays', 'everyday'] as const) {
      const picked = run('C123', '2026-11-26', ids.length * 2, days);
      expect(new Set(picked.slice(0, ids.length)).size).toBe(ids.length);
      expect(new Set(picked.slice(ids.length)).size).toBe(ids.length);
    }
  });

  it('is the same question for the same channel and date', () => {
    const a = questionOfTheDay(questions, ids, 'C1', '2026-11-02', '2026-11-26', 'weekdays');
    const b = questionOfTheDay(questions, ids, 'C1', '2026-11-02', '2026-11-26', 'weekdays');
    expect(a.id).toBe(b.id);
  });

  it("moves on to a principle's next question in the next round", () => {
    const dates = ['2026-01-01'];
    while (dates.length < 32) dates.push(nextDate(dates.at(-1)!));
    const picks = dates.map((d) => questionOfTheDay(questions, ids, 'C9', '2026-01-01', d, 'everyday').id);
    expect(picks.slice(0, 16).every((id) => id.endsWith('/q1'))).toBe(true);
    expect(picks.slice(16).every((id) => id.endsWith('/q2'))).toBe(true);
  });

  it('gives different channels different orders', () => {
    expect(run('C1', '2026-11-26', 16, 'everyday')).not.toEqual(run('C2', '2026-11-26', 16, 'everyday'));
  });

  it('counts posting days only', () => {
    expect(postingIndex('2026-11-23', '2026-11-30', 'weekdays')).toBe(5);
    expect(postingIndex('2026-11-23', '2026-11-30', 'everyday')).toBe(7);
    expect(postingIndex('2026-11-27', '2026-11-28', 'weekdays')).toBe(1);
  });
});
