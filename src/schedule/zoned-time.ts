/** Calendar and wall-clock arithmetic in IANA time zones, with Intl only (no clock access: instants are passed in). */

export interface LocalDateTime {
  /** YYYY-MM-DD */
  date: string;
  /** Minutes since local midnight. */
  minutes: number;
  /** 0 = Sunday ... 6 = Saturday. */
  weekday: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      weekday: 'short',
    });
    formatters.set(timeZone, f);
  }
  return f;
}

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

export function isValidTimeZone(timeZone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone });
    return true;
  } catch {
    return false;
  }
}

export function localDateTime(instant: number, timeZone: string): LocalDateTime {
  const parts = Object.fromEntries(
    formatter(timeZone)
      .formatToParts(instant)
      .map((p) => [p.type, p.value]),
  );
  return {
    date: `${parts.year}-${parts.month}-${parts.day}`,
    minutes: Number(parts.hour) * 60 + Number(parts.minute),
    weekday: WEEKDAYS.indexOf(parts.weekday ?? ''),
  };
}

const wallKey = (l: LocalDateTime) => `${l.date} ${String(l.minutes).padStart(4, '0')}`;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

/**
 * The first instant at which the wall clock in `timeZone` reads `minutes` on `date` or later. A time skipped by a
 * DST change maps to the moment the clocks jump; a repeated time maps to its first occurrence.
 */
export function instantAt(date: string, minutes: number, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const naive = Date.UTC(y!, m! - 1, d!, Math.floor(minutes / 60), minutes % 60);
  const target = wallKey({ date, minutes, weekday: 0 });
  // Every zone's offset lies within +-14 h: the instant is in [naive - 14 h, naive + 14 h]. The wall clock only
  // moves backwards at a fall-back change, so search the earliest minute whose wall clock reaches the target.
  let low = naive - 15 * HOUR;
  let high = naive + 15 * HOUR;
  while (high - low > MINUTE) {
    const mid = low + Math.floor((high - low) / 2 / MINUTE) * MINUTE;
    if (wallKey(localDateTime(mid, timeZone)) >= target) high = mid;
    else low = mid;
  }
  // At a fall-back change the search can land on the second occurrence; step back an hour if the first also matches.
  const earlier = high - HOUR;
  if (wallKey(localDateTime(earlier, timeZone)) === target) return earlier;
  return high;
}

/** The calendar day after `date` (YYYY-MM-DD). */
export function nextDate(date: string): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + 1)).toISOString().slice(0, 10);
}

export function weekdayOf(date: string): number {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d!)).getUTCDay();
}
