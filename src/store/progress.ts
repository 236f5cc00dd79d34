import type { CriterionId } from '../content/schema.ts';
import type { Band, Verdict } from '../rubric/types.ts';
import { localDateTime } from '../schedule/zoned-time.ts';
import { BANDS, type CriterionVerdict } from './codec.ts';
import type { PrincipleProgress, Progress, SessionStatus } from './types.ts';

/** How many of the most recent completed sessions the criterion pass rates look at. */
export const PASS_RATE_WINDOW = 10;

const DAY_MS = 86_400_000;
const WEEK_MS = 7 * DAY_MS;
const VERDICT_SCORE: Record<Verdict, number | null> = { pass: 1, partial: 0.5, fail: 0, 'n/a': null };

/** One session as progress needs it: no answers, no state. */
export interface ProgressSession {
  principleId: string;
  status: SessionStatus;
  completedAt: number | null;
  /** Band of the session's latest evaluation; null when it was never evaluated. */
  band: Band | null;
  /**
   * Verdicts of the latest evaluation. Only read for the PASS_RATE_WINDOW most recent completed
   * sessions, so a caller may leave it out for older ones.
   */
  verdicts?: CriterionVerdict[];
}

export interface ProgressInput {
  sessions: ProgressSession[];
  /** The user's IANA time zone: streaks count the user's calendar days, not UTC days. */
  timeZone: string;
  /** Principle ids in bank order; decides the listing order and the recommendation. */
  principleIds: string[];
  now: number;
}

interface CompletedSession extends ProgressSession {
  completedAt: number;
}

const bandRank = (band: Band | null): number => (band === null ? -1 : BANDS.indexOf(band));

/** Day number of the calendar date the instant falls on in the zone; consecutive dates differ by one. */
function localDayNumber(instant: number, timeZone: string): number {
  return Date.parse(localDateTime(instant, timeZone).date) / DAY_MS;
}

function streakDays(completed: CompletedSession[], timeZone: string, now: number): number {
  const days = new Set(completed.map((s) => localDayNumber(s.completedAt, timeZone)));
  const today = localDayNumber(now, timeZone);
  let day = days.has(today) ? today : today - 1;
  let streak = 0;
  while (days.has(day)) {
    streak += 1;
    day -= 1;
  }
  return streak;
}

function passRates(recent: CompletedSession[]): Partial<Record<CriterionId, number>> {
  const totals = new Map<CriterionId, { sum: number; count: number }>();
  for (const session of recent) {
    for (const { id, verdict } of session.verdicts ?? []) {
      const score = VERDICT_SCORE[verdict];
      if (score === null) continue;
      const total = totals.get(id) ?? { sum: 0, count: 0 };
      total.sum += score;
      total.count += 1;
      totals.set(id, total);
    }
  }
  const rates: Partial<Record<CriterionId, number>> = {};
  for (const [id, { sum, count }] of totals) rates[id] = sum / count;
  return rates;
}

function principleProgress(principleId: string, newestFirst: CompletedSession[]): PrincipleProgress {
  const mine = newestFirst.filter((s) => s.principleId === principleId);
  let bestBand: Band | null = null;
  for (const { band } of mine) if (bandRank(band) > bandRank(bestBand)) bestBand = band;
  return {
    principleId,
    practised: mine.length > 0,
    sessions: mine.length,
    bestBand,
    lastBand: mine.find((s) => s.band !== null)?.band ?? null,
    lastPractisedAt: mine[0]?.completedAt ?? null,
  };
}

/**
 * First unpractised principle in bank order; otherwise the one whose last band is weakest
 * (never evaluated counts as weakest), ties going to the least recently practised.
 */
function recommend(principles: PrincipleProgress[]): string {
  const first = principles[0];
  if (!first) throw new RangeError('Progress needs at least one principle id');
  const unpractised = principles.find((p) => !p.practised);
  if (unpractised) return unpractised.principleId;
  let weakest = first;
  for (const candidate of principles.slice(1)) {
    const byBand = bandRank(candidate.lastBand) - bandRank(weakest.lastBand);
    const byRecency = (candidate.lastPractisedAt ?? 0) - (weakest.lastPractisedAt ?? 0);
    if (byBand < 0 || (byBand === 0 && byRecency < 0)) weakest = candidate;
  }
  return weakest.principleId;
}

export function computeProgress({ sessions, timeZone, principleIds, now }: ProgressInput): Progress {
  // Stable sort: sessions completed at the same instant keep the caller's order.
  const completed = sessions
    .filter((s): s is CompletedSession => s.status === 'completed' && s.completedAt !== null)
    .sort((a, b) => b.completedAt - a.completedAt);
  const principles = principleIds.map((id) => principleProgress(id, completed));
  return {
    sessionsCompleted: completed.length,
    sessionsThisWeek: completed.filter((s) => s.completedAt > now - WEEK_MS && s.completedAt <= now).length,
    principles,
    criterionPassRates: passRates(completed.slice(0, PASS_RATE_WINDOW)),
    streakDays: streakDays(completed, timeZone, now),
    recommendedPrincipleId: recommend(principles),
  };
}
