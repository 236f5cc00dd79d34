import { describeDueDate, type SpacedItem } from '../coach/spaced.ts';
import type { ContentBank } from '../content/load.ts';
import type { NudgeRecord } from '../store/spaced-types.ts';

const hhmm = (m: number) =>
  `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;

/** The export's re-practice section: each practised principle's next due date, and the nudge settings and history. */
export function spacedMarkdown(
  bank: ContentBank,
  items: SpacedItem[],
  today: string,
  nudges: NudgeRecord | null,
  sentDates: string[],
): string {
  const name = (id: string) => bank.principles.find((p) => p.id === id)?.name ?? id;
  const scheduled = items.filter((i) => i.state !== 'gap');
  const lines = ['## Re-practice schedule', ''];
  if (scheduled.length === 0) lines.push('Nothing scheduled yet.');
  for (const i of scheduled)
    lines.push(
      `- ${name(i.principleId)}: due ${describeDueDate(i.dueDate!, today)}, ${i.reviews} session(s), last ${i.lastDate}`,
    );
  lines.push('', '### Nudges', '');
  lines.push(
    nudges?.enabled
      ? `On, at ${hhmm(nudges.minutes)} (${nudges.timeZone})${nudges.snoozedUntil ? `, snoozed until ${nudges.snoozedUntil}` : ''}.`
      : 'Off.',
  );
  lines.push(sentDates.length > 0 ? `Sent on: ${sentDates.join(', ')}.` : 'None sent.', '');
  return lines.join('\n');
}
