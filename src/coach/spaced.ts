import { type Card, createEmptyCard, type FSRS, fsrs, type Grade, Rating } from 'ts-fsrs';
import type { Band } from '../rubric/types.ts';
import { localDateTime } from '../schedule/zoned-time.ts';

/**
 * Spaced re-practice: one FSRS schedule per person and principle, replayed from their finished sessions. Pure: the
 * sessions, the person's time zone and `now` come in; due dates come out. Scheduling is by calendar day (no
 * same-day learning steps) and without fuzz, so the same history always gives the same dates.
 */

/** How a finished session rates its principle for FSRS. */
export const RATING_OF_BAND: Record<Band, Grade> = {
  'strongly-not-inclined': Rating.Again,
  'not-inclined': Rating.Hard,
  inclined: Rating.Good,
  'strongly-inclined': Rating.Easy,
};

/** One finished, evaluated session: the only thing a schedule is built from. */
export interface PractisedSession {
  principleId: string;
  completedAt: number;
  band: Band;
}

export type SpacedState = 'due' | 'upcoming' | 'gap';

export interface SpacedItem {
  principleId: string;
  /** gap: never practised (not a due item); due: due today or earlier; upcoming: due on a later day. */
  state: SpacedState;
  /** YYYY-MM-DD in the person's zone; null for a gap. */
  dueDate: string | null;
  /** Local date of the latest finished session; null for a gap. */
  lastDate: string | null;
  reviews: number;
}

const DAY_MS = 86_400_000;
const scheduler: FSRS = fsrs({ enable_short_term: false, enable_fuzz: false });

/** A local date as the UTC midnight FSRS counts days from: whole days, whatever the person's zone. */
const dayInstant = (date: string) => new Date(`${date}T00:00:00Z`);
const dateOf = (instant: Date) => instant.toISOString().slice(0, 10);

export function daysBetween(from: string, to: string): number {
  return Math.round((dayInstant(to).getTime() - dayInstant(from).getTime()) / DAY_MS);
}

export function addDays(date: string, days: number): string {
  return dateOf(new Date(dayInstant(date).getTime() + days * DAY_MS));
}

/** Replays one principle's sessions (oldest first) through FSRS; returns the next due date. */
function replay(localDates: { date: string; band: Band }[]): string {
  let card: Card = createEmptyCard(dayInstant(localDates[0]!.date));
  for (const { date, band } of localDates)
    card = scheduler.next(card, dayInstant(date), RATING_OF_BAND[band]).card;
  const last = localDates[localDates.length - 1]!.date;
  const due = dateOf(card.due);
  // Nothing practised today is due today, whatever the rating.
  return due > last ? due : addDays(last, 1);
}

/** Every principle's schedule, in the order of `principleIds`: due first is the caller's choice of sort. */
export function spacedSchedule(input: {
  sessions: PractisedSession[];
  principleIds: string[];
  timeZone: string;
  now: number;
}): SpacedItem[] {
  const today = localDateTime(input.now, input.timeZone).date;
  const byPrinciple = new Map<string, { date: string; band: Band; at: number }[]>();
  for (const s of input.sessions) {
    if (s.completedAt > input.now) continue;
    const list = byPrinciple.get(s.principleId) ?? [];
    list.push({ date: localDateTime(s.completedAt, input.timeZone).date, band: s.band, at: s.completedAt });
    byPrinciple.set(s.principleId, list);
  }
  return input.principleIds.map((principleId) => {
    const history = (byPrinciple.get(principleId) ?? []).sort((a, b) => a.at - b.at);
    if (history.length === 0)
      return { principleId, state: 'gap', dueDate: null, lastDate: null, reviews: 0 } satisfies SpacedItem;
    const dueDate = replay(history);
    return {
      principleId,
      state: dueDate <= today ? 'due' : 'upcoming',
      dueDate,
      lastDate: history[history.length - 1]!.date,
      reviews: history.length,
    } satisfies SpacedItem;
  });
}

/** Due items first (most overdue first), then upcoming ones soonest first, then gaps in bank order. */
export function sortByDue(items: SpacedItem[]): SpacedItem[] {
  const rank = { due: 0, upcoming: 1, gap: 2 } as const;
  return [...items].sort(
    (a, b) => rank[a.state] - rank[b.state] || (a.dueDate ?? '').localeCompare(b.dueDate ?? ''),
  );
}

/** "2026-12-09 (in 3 days)", "2026-12-06 (today)", or for an overdue item "2026-12-01 (today; due since 5 days)". */
export function describeDueDate(dueDate: string, today: string): string {
  const days = daysBetween(today, dueDate);
  if (days === 0) return `${dueDate} (today)`;
  if (days === 1) return `${dueDate} (in 1 day)`;
  if (days > 1) return `${dueDate} (in ${days} days)`;
  return `${dueDate} (today; due since ${-days} day${days === -1 ? '' : 's'})`;
}

/** The finished, evaluated sessions among a person's stored sessions (shape of the store's session records). */
export function practisedSessions(
  records: {
    principleId: string;
    status: string;
    updatedAt: number;
    state: { evaluation: { overall: { band: Band } } | null };
  }[],
): PractisedSession[] {
  return records.flatMap((r) =>
    r.status === 'completed' && r.state.evaluation
      ? [{ principleId: r.principleId, completedAt: r.updatedAt, band: r.state.evaluation.overall.band }]
      : [],
  );
}
