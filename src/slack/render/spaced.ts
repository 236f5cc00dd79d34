import type { SpacedItem } from '../../coach/spaced.ts';
import { describeDueDate } from '../../coach/spaced.ts';
import type { ContentBank } from '../../content/load.ts';
import type { NudgeRecord } from '../../store/spaced-types.ts';
import { SPACED_ACTION } from '../spaced-action-ids.ts';
import {
  actions,
  type Block,
  button,
  context,
  divider,
  escapeText,
  fallbackText,
  header,
  section,
} from './limits.ts';
import type { RenderedMessage } from './message.ts';

/** Nudge times offered on the Home tab: all outside quiet hours (20:00-08:00). */
export const HOME_NUDGE_TIMES = [8 * 60, 9 * 60, 12 * 60 + 30, 17 * 60 + 30, 19 * 60];

export const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

const nameOf = (bank: ContentBank, id: string) => bank.principles.find((p) => p.id === id)?.name ?? id;

/** The nudge DM: what is due, and three buttons. Practise now starts the most overdue principle. */
export function renderNudge(bank: ContentBank, due: SpacedItem[], today: string): RenderedMessage {
  const first = due[0];
  const names = due.map((i) => nameOf(bank, i.principleId));
  const list = due.map(
    (i) => `• ${escapeText(nameOf(bank, i.principleId))}: ${describeDueDate(i.dueDate!, today)}`,
  );
  return {
    text: fallbackText(`Time for a quick re-practice: ${names.join(', ')}.`),
    blocks: [
      section(
        `*Time for a quick re-practice.* A short answer now keeps these ready for interview day:\n${list.join('\n')}`,
      ),
      actions('spaced-nudge', [
        button('Practise now', SPACED_ACTION.practiseNow, first?.principleId ?? '', 'primary'),
        button('Snooze', SPACED_ACTION.snooze, 'snooze'),
        button('Stop these', SPACED_ACTION.stop, 'stop'),
      ]),
      context(
        'At most 3 a week, never between 20:00 and 08:00 your time. `/star-practice nudges off` stops them.',
      ),
    ],
  };
}

/** Offered once, after the first finished session. */
export function renderNudgeOffer(): RenderedMessage {
  return {
    text: fallbackText('Want a gentle nudge when a principle is due for re-practice?'),
    blocks: [
      section(
        '*Want a gentle nudge when a principle is due for re-practice?* I space them out the way memory research suggests: at most 3 a week, at 09:00 your time, never in the evening or at night.',
      ),
      actions('spaced-offer', [
        button('Yes, nudge me', SPACED_ACTION.offerYes, 'yes', 'primary'),
        button('No thanks', SPACED_ACTION.offerNo, 'no'),
      ]),
      context('You can change this any time: `/star-practice nudges on|off`, or the Home tab.'),
    ],
  };
}

export function describeNudges(record: NudgeRecord | null): string {
  if (!record?.enabled) return 'Re-practice nudges are *off*.';
  const snoozed = record.snoozedUntil ? ` Snoozed until ${record.snoozedUntil}.` : '';
  return `Re-practice nudges are *on*: ${hhmm(record.minutes)} your time (${record.timeZone}) on days something is due, at most 3 a week.${snoozed}`;
}

/** The Home tab's "Due" list and nudge settings. */
export function homeDueBlocks(
  bank: ContentBank,
  items: SpacedItem[],
  today: string,
  nudges: NudgeRecord | null,
): Block[] {
  const due = items.filter((i) => i.state === 'due');
  const upcoming = items.filter((i) => i.state === 'upcoming').slice(0, 5);
  const gaps = items.filter((i) => i.state === 'gap');
  const line = (i: SpacedItem) =>
    `• ${escapeText(nameOf(bank, i.principleId))}: ${describeDueDate(i.dueDate!, today)}`;
  const blocks: Block[] = [divider(), header('Due for re-practice')];
  blocks.push(
    section(
      due.length > 0
        ? due.map(line).join('\n')
        : items.some((i) => i.state !== 'gap')
          ? 'Nothing is due today.'
          : 'Nothing yet: finish a session and I will schedule its principle for re-practice.',
      due[0] ? button('Practise now', SPACED_ACTION.practiseNow, due[0].principleId, 'primary') : undefined,
    ),
  );
  if (upcoming.length > 0) blocks.push(section(`*Next due:*\n${upcoming.map(line).join('\n')}`));
  if (gaps.length > 0 && gaps.length < items.length)
    blocks.push(
      context(
        `Not practised yet (gaps): ${gaps.map((g) => escapeText(nameOf(bank, g.principleId))).join(', ')}`,
      ),
    );
  const on = nudges?.enabled ?? false;
  blocks.push(
    section(describeNudges(nudges)),
    actions('spaced-home-nudges', [
      on
        ? button('Turn nudges off', SPACED_ACTION.homeOff, 'off')
        : button('Turn nudges on', SPACED_ACTION.homeOn, 'on', 'primary'),
      ...HOME_NUDGE_TIMES.map((m) =>
        button(
          hhmm(m),
          `${SPACED_ACTION.homeTimePrefix}${hhmm(m).replace(':', '')}`,
          String(m),
          on && nudges?.minutes === m ? 'primary' : undefined,
        ),
      ),
    ]),
  );
  return blocks;
}
