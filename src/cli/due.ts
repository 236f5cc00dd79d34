import {
  describeDueDate,
  practisedSessions,
  type SpacedItem,
  sortByDue,
  spacedSchedule,
} from '../coach/spaced.ts';
import type { ContentBank } from '../content/load.ts';
import { localDateTime } from '../schedule/zoned-time.ts';
import type { Store, UserKey } from '../store/types.ts';

/** Every principle's re-practice schedule for one person, due first. */
export async function dueItems(
  store: Store,
  bank: ContentBank,
  key: UserKey,
  now: number,
): Promise<{ items: SpacedItem[]; today: string }> {
  const user = await store.upsertUser(key, {}, now);
  const items = spacedSchedule({
    sessions: practisedSessions(await store.listSessions(key)),
    principleIds: bank.principles.map((p) => p.id),
    timeZone: user.timeZone,
    now,
  });
  return { items: sortByDue(items), today: localDateTime(now, user.timeZone).date };
}

/** `npm run practice -- --due`: what is due now, when the next ones fall due, and the gaps. */
export function renderDue(bank: ContentBank, items: SpacedItem[], today: string): string {
  const name = (id: string) => bank.principles.find((p) => p.id === id)?.name ?? id;
  const line = (i: SpacedItem) => `  ${name(i.principleId)}: ${describeDueDate(i.dueDate!, today)}\n`;
  const due = items.filter((i) => i.state === 'due');
  const upcoming = items.filter((i) => i.state === 'upcoming');
  const gaps = items.filter((i) => i.state === 'gap');
  let out = `Re-practice schedule (today is ${today}):\n`;
  out += due.length > 0 ? `Due now:\n${due.map(line).join('')}` : 'Nothing is due today.\n';
  if (upcoming.length > 0) out += `Next due:\n${upcoming.map(line).join('')}`;
  if (gaps.length > 0)
    out += `Not practised yet (gaps, not due items): ${gaps.map((g) => name(g.principleId)).join(', ')}\n`;
  if (due.length > 0) out += 'Practise one with `npm run practice -- --principle ID`.\n';
  return out;
}
