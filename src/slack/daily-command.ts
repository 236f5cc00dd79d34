import { closestMatch } from '../coach/resolve.ts';
import type { DailyDays } from '../schedule/due.ts';
import { isValidTimeZone } from '../schedule/zoned-time.ts';

/** What `/star-practice daily ...` asks for. */
export type DailyCommand =
  | {
      kind: 'on';
      minutes: number | null;
      timeZone: string | null;
      days: DailyDays | null;
      /** `pack <id>` as typed (checked against the content by the runner); absent: keep the channel's. */
      pack?: string;
    }
  | { kind: 'off' }
  | { kind: 'status' }
  | { kind: 'now' }
  | { kind: 'invalid'; problem: string };

export const DAILY_USAGE =
  '`/star-practice daily on [HH:MM] [time zone] [weekdays|everyday] [pack <id>]`, `daily off`, `daily status` or `daily now`';

const ACTIONS = ['on', 'off', 'status', 'now'] as const;
const DAYS: Record<string, DailyDays> = {
  weekdays: 'weekdays',
  weekday: 'weekdays',
  workdays: 'weekdays',
  everyday: 'everyday',
  'every-day': 'everyday',
  daily: 'everyday',
  all: 'everyday',
};

/** "9", "09:00", "9.30", "9am", "5:30pm", "17h00" -> minutes after midnight; undefined when not a time. */
export function parseTimeOfDay(text: string): number | undefined | 'out-of-range' {
  const match = /^(\d{1,2})(?:[:.h](\d{2}))?\s*(am|pm)?$/i.exec(text.trim());
  if (!match) return undefined;
  let hours = Number(match[1]);
  const minutes = Number(match[2] ?? 0);
  const meridiem = match[3]?.toLowerCase();
  if (meridiem) {
    if (hours < 1 || hours > 12) return 'out-of-range';
    hours = (hours % 12) + (meridiem === 'pm' ? 12 : 0);
  }
  if (hours > 23 || minutes > 59) return 'out-of-range';
  return hours * 60 + minutes;
}

function parseOn(words: string[]): DailyCommand {
  let minutes: number | null = null;
  let timeZone: string | null = null;
  let days: DailyDays | null = null;
  let pack: string | undefined;
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    if (word.toLowerCase() === 'pack') {
      const id = words[++i];
      if (!id)
        return { kind: 'invalid', problem: 'Which pack? Write `pack <id>`, e.g. `pack core-competencies`.' };
      pack = id;
      continue;
    }
    const time = parseTimeOfDay(word);
    if (time === 'out-of-range')
      return {
        kind: 'invalid',
        problem: `\`${word}\` is not a time of day: use 24-hour HH:MM such as \`09:00\` or \`17:30\`.`,
      };
    if (time !== undefined) {
      minutes = time;
      continue;
    }
    const dayWord = Object.hasOwn(DAYS, word.toLowerCase()) ? DAYS[word.toLowerCase()] : undefined;
    if (dayWord) {
      days = dayWord;
      continue;
    }
    if (word.includes('/') || /^(utc|gmt)$/i.test(word)) {
      const zone = /^(utc|gmt)$/i.test(word) ? 'UTC' : word;
      if (!isValidTimeZone(zone)) {
        return {
          kind: 'invalid',
          problem: `\`${word}\` is not a time zone I know. Use an IANA name such as \`Europe/London\`, \`America/New_York\` or \`Asia/Kolkata\`.`,
        };
      }
      timeZone = zone;
      continue;
    }
    return { kind: 'invalid', problem: `I don't understand \`${word}\`. Use ${DAILY_USAGE}.` };
  }
  return { kind: 'on', minutes, timeZone, days, ...(pack ? { pack } : {}) };
}

/** Parses the words after `daily`. Pure. */
export function parseDailyCommand(argument: string): DailyCommand {
  const [first = '', ...rest] = argument.trim().split(/\s+/).filter(Boolean);
  const action = first.toLowerCase();
  if (action === 'on' || action === 'start') return parseOn(rest);
  if (action === 'off' || action === 'stop') return { kind: 'off' };
  if (action === 'status' || action === '') return { kind: 'status' };
  if (action === 'now') return { kind: 'now' };
  const guess = closestMatch(action, ACTIONS);
  return {
    kind: 'invalid',
    problem: `I don't know \`daily ${first}\`.${guess ? ` Did you mean \`daily ${guess}\`?` : ''} Use ${DAILY_USAGE}.`,
  };
}
