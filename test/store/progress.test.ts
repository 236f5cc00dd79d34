import { describe, expect, it } from 'vitest';
import type { Band } from '../../src/rubric/types.ts';
import { computeProgress, PASS_RATE_WINDOW, type ProgressSession } from '../../src/store/progress.ts';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const BANK = ['customer-obsession', 'ownership', 'dive-deep'];

function completed(
  principleId: string,
  completedAt: number,
  band: Band | null = 'inclined',
): ProgressSession {
  return { principleId, status: 'completed', completedAt, band };
}

function progress(sessions: ProgressSession[], now: number, timeZone = 'UTC', principleIds = BANK) {
  return computeProgress({ sessions, timeZone, principleIds, now });
}

describe('computeProgress', () => {
  const now = Date.UTC(2026, 5, 15, 12, 0); // Monday 15 June 2026, 12:00 UTC

  it('is empty for a new user and recommends the first principle in the bank', () => {
    expect(progress([], now)).toEqual({
      sessionsCompleted: 0,
      sessionsThisWeek: 0,
      principles: BANK.map((principleId) => ({
        principleId,
        practised: false,
        sessions: 0,
        bestBand: null,
        lastBand: null,
        lastPractisedAt: null,
      })),
      criterionPassRates: {},
      streakDays: 0,
      recommendedPrincipleId: 'customer-obsession',
    });
  });

  it('counts only completed sessions, and this week as the last seven days', () => {
    const result = progress(
      [
        completed('ownership', now - HOUR),
        completed('ownership', now - 7 * DAY + HOUR),
        completed('ownership', now - 7 * DAY - HOUR),
        { principleId: 'dive-deep', status: 'abandoned', completedAt: null, band: null },
        { principleId: 'dive-deep', status: 'active', completedAt: null, band: null },
      ],
      now,
    );
    expect(result.sessionsCompleted).toBe(3);
    expect(result.sessionsThisWeek).toBe(2);
    expect(result.principles.find((p) => p.principleId === 'dive-deep')?.practised).toBe(false);
  });

  it('tracks best band, last band and last practice time per principle', () => {
    const result = progress(
      [
        completed('ownership', now - 3 * DAY, 'strongly-inclined'),
        completed('ownership', now - 1 * DAY, 'not-inclined'),
        completed('ownership', now - 2 * DAY, 'inclined'),
        completed('ownership', now - 1 * HOUR, null),
      ],
      now,
    );
    expect(result.principles[1]).toEqual({
      principleId: 'ownership',
      practised: true,
      sessions: 4,
      bestBand: 'strongly-inclined',
      lastBand: 'not-inclined',
      lastPractisedAt: now - HOUR,
    });
  });

  describe('recommendation', () => {
    it('picks the first unpractised principle in bank order', () => {
      const result = progress([completed('customer-obsession', now - DAY, 'not-inclined')], now);
      expect(result.recommendedPrincipleId).toBe('ownership');
    });

    it('picks the weakest last band once all are practised', () => {
      const result = progress(
        [
          completed('customer-obsession', now - 5 * DAY, 'inclined'),
          completed('ownership', now - 4 * DAY, 'strongly-not-inclined'),
          completed('ownership', now - 3 * DAY, 'strongly-inclined'),
          completed('dive-deep', now - 2 * DAY, 'not-inclined'),
        ],
        now,
      );
      // Ownership was once the weakest, but its last band is now the best.
      expect(result.recommendedPrincipleId).toBe('dive-deep');
    });

    it('breaks a tie on band by the least recently practised', () => {
      const result = progress(
        [
          completed('customer-obsession', now - 1 * DAY, 'not-inclined'),
          completed('ownership', now - 2 * DAY, 'inclined'),
          completed('dive-deep', now - 3 * DAY, 'not-inclined'),
        ],
        now,
      );
      expect(result.recommendedPrincipleId).toBe('dive-deep');
    });

    it('ignores sessions of principles no longer in the bank', () => {
      const result = progress(
        [completed('retired', now - DAY, 'strongly-not-inclined'), completed('ownership', now - DAY)],
        now,
        'UTC',
        ['ownership'],
      );
      expect(result.recommendedPrincipleId).toBe('ownership');
      expect(result.sessionsCompleted).toBe(2);
    });

    it('needs at least one principle', () => {
      expect(() => progress([], now, 'UTC', [])).toThrow(RangeError);
    });
  });

  describe('criterion pass rates', () => {
    it('scores pass 1, partial 0.5, fail 0 and leaves n/a out', () => {
      const result = progress(
        [
          {
            ...completed('ownership', now - DAY),
            verdicts: [
              { id: 'first-person', verdict: 'pass' },
              { id: 'quantified-result', verdict: 'partial' },
              { id: 'no-blame', verdict: 'n/a' },
            ],
          },
          {
            ...completed('ownership', now - 2 * DAY),
            verdicts: [
              { id: 'first-person', verdict: 'fail' },
              { id: 'quantified-result', verdict: 'n/a' },
              { id: 'no-blame', verdict: 'n/a' },
            ],
          },
        ],
        now,
      );
      expect(result.criterionPassRates).toEqual({ 'first-person': 0.5, 'quantified-result': 0.5 });
    });

    it(`looks only at the ${PASS_RATE_WINDOW} most recent completed sessions`, () => {
      const recentPasses = Array.from({ length: PASS_RATE_WINDOW }, (_, i) => ({
        ...completed('ownership', now - (i + 1) * HOUR),
        verdicts: [{ id: 'first-person' as const, verdict: 'pass' as const }],
      }));
      const olderFail = {
        ...completed('ownership', now - 30 * DAY),
        verdicts: [{ id: 'first-person' as const, verdict: 'fail' as const }],
      };
      const abandonedFail: ProgressSession = {
        principleId: 'ownership',
        status: 'abandoned',
        completedAt: null,
        band: null,
        verdicts: [{ id: 'first-person', verdict: 'fail' }],
      };
      // The old failure comes first in the input: the window must follow completion time, not input order.
      const result = progress([olderFail, abandonedFail, ...recentPasses], now);
      expect(result.criterionPassRates).toEqual({ 'first-person': 1 });
    });
  });

  describe('streak', () => {
    it('counts consecutive days ending today', () => {
      const sessions = [0, 1, 2].map((d) => completed('ownership', now - d * DAY));
      expect(progress(sessions, now).streakDays).toBe(3);
    });

    it('still counts a streak that ended yesterday, but not one that ended the day before', () => {
      const endingYesterday = [1, 2].map((d) => completed('ownership', now - d * DAY));
      expect(progress(endingYesterday, now).streakDays).toBe(2);
      const endingEarlier = [2, 3].map((d) => completed('ownership', now - d * DAY));
      expect(progress(endingEarlier, now).streakDays).toBe(0);
    });

    it('counts several sessions on one day once and stops at a gap', () => {
      const sessions = [0, 0.1, 1, 3, 4].map((d) => completed('ownership', now - d * DAY));
      expect(progress(sessions, now).streakDays).toBe(2);
    });

    it('uses the user’s calendar days, not UTC days', () => {
      // Auckland is UTC+12 in June. 11:30 and 12:30 UTC on 14 June are 23:30 on the 14th and 00:30 on
      // the 15th in Auckland: two local days, but a single UTC day.
      const lateOn14 = Date.UTC(2026, 5, 14, 11, 30);
      const earlyOn15 = Date.UTC(2026, 5, 14, 12, 30);
      const sessions = [completed('ownership', lateOn14), completed('ownership', earlyOn15)];
      const soonAfter = Date.UTC(2026, 5, 14, 13, 0);

      expect(progress(sessions, soonAfter, 'Pacific/Auckland').streakDays).toBe(2);
      expect(progress(sessions, soonAfter, 'UTC').streakDays).toBe(1);
    });

    it('decides today and yesterday in the user’s zone', () => {
      // 20:00 UTC on 15 June is already 08:00 on 16 June in Auckland.
      const at = Date.UTC(2026, 5, 15, 20, 0);
      const sessions = [completed('ownership', Date.UTC(2026, 5, 14, 10, 0))]; // 22:00 on the 14th in Auckland
      expect(progress(sessions, at, 'UTC').streakDays).toBe(1);
      expect(progress(sessions, at, 'Pacific/Auckland').streakDays).toBe(0);
    });

    it('steps back one calendar day across a daylight-saving change', () => {
      // New York moves clocks forward on 8 March 2026, so that local day has only 23 hours:
      // 24 hours before 00:30 on 9 March is 23:30 on 7 March, not a time on the 8th.
      const noonNewYork = (day: number) => Date.UTC(2026, 2, day, 16, 0);
      const sessions = [7, 8].map((day) => completed('ownership', noonNewYork(day)));
      const justAfterMidnightOn9 = Date.UTC(2026, 2, 9, 4, 30);
      expect(progress(sessions, justAfterMidnightOn9, 'America/New_York').streakDays).toBe(2);
    });
  });
});
