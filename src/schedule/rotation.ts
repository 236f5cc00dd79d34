import { type DailyDays, postsOn } from './due.ts';

function hash(text: string): number {
  let h = 2166136261;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return h >>> 0;
}

/** A deterministic shuffle (seeded by `seed`), so each channel gets its own order. */
function shuffled<T>(items: readonly T[], seed: string): T[] {
  return items
    .map((item, i) => ({ item, key: hash(`${seed}:${i}`) }))
    .sort((a, b) => a.key - b.key)
    .map(({ item }) => item);
}

const DAY = 86_400_000;
const dayNumber = (date: string) => Math.floor(Date.parse(`${date}T00:00:00Z`) / DAY);

/** How many posting days lie between the schedule's first day and `date` (0 on the first day). */
export function postingIndex(firstDate: string, date: string, days: DailyDays): number {
  const from = dayNumber(firstDate);
  const to = dayNumber(date);
  if (to <= from) return 0;
  if (days === 'everyday') return to - from;
  const weeks = Math.floor((to - from) / 7);
  let count = weeks * 5;
  for (let d = from + weeks * 7; d < to; d++) {
    if (postsOn('weekdays', new Date(d * DAY).toISOString().slice(0, 10))) count++;
  }
  return count;
}

/**
 * The question of the day for a channel: every principle once (in a channel-specific order) before any repeats,
 * and within a principle its questions in turn. Same channel and date, same question.
 */
export function questionOfTheDay<Q extends { principle: string }>(
  questions: readonly Q[],
  principleIds: readonly string[],
  channelId: string,
  firstDate: string,
  date: string,
  days: DailyDays,
): Q {
  const index = postingIndex(firstDate, date, days);
  const round = Math.floor(index / principleIds.length);
  const order = shuffled(principleIds, `${channelId}:${round}`);
  const principleId = order[index % principleIds.length]!;
  const candidates = questions.filter((q) => q.principle === principleId);
  const pool = candidates.length > 0 ? candidates : [...questions];
  return pool[round % pool.length]!;
}
