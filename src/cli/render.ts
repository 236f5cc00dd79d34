import { debriefText } from '../coach/debrief-text.ts';
import { bandOr, type ScoreView, viewDebrief } from '../coach/score-view.ts';
import type { Debrief, OutgoingMessage } from '../coach/types.ts';
import type { ContentBank, Pack } from '../content/load.ts';
import type { Progress } from '../store/types.ts';

const RULE = '─'.repeat(60);

export function renderMessages(messages: OutgoingMessage[]): string {
  return messages.map((m) => `${m.text}\n`).join(`${RULE}\n`);
}

/** `--progress`: sessions, streak, bands per principle, pass rates, then the debriefs of finished mocks. */
export function renderProgress(
  progress: Progress,
  bank: ContentBank,
  view: ScoreView,
  pack?: Pack,
  mocks: Debrief[] = [],
): string {
  const bandMark = (band: Parameters<typeof bandOr>[1]) => bandOr(view, band, 'not yet', '');
  const name = (id: string) => bank.principles.find((p) => p.id === id)?.name ?? id;
  const lines = [
    ...(pack ? [`Pack: ${pack.name} (${pack.id})`] : []),
    `Sessions completed: ${progress.sessionsCompleted} (${progress.sessionsThisWeek} this week). Streak: ${progress.streakDays} day(s).`,
    `Recommended next: ${name(progress.recommendedPrincipleId)} (${progress.recommendedPrincipleId})`,
    '',
    `${(pack?.kind.singular ?? 'Principle').padEnd(51)}Sessions${view.showScores ? '  Best             Last' : ''}`.trimEnd(),
  ];
  for (const p of progress.principles) {
    lines.push(
      `${name(p.principleId).padEnd(51)}${String(p.sessions).padEnd(10)}${bandMark(p.bestBand).padEnd(17)}${bandMark(p.lastBand)}`.trimEnd(),
    );
  }
  const rates = Object.entries(progress.criterionPassRates);
  if (rates.length > 0 && view.showScores) {
    lines.push('', 'Pass rate per criterion (last 10 sessions):');
    for (const [id, rate] of rates) lines.push(`  ${id.padEnd(22)} ${Math.round((rate ?? 0) * 100)}%`);
  }
  for (const mock of mocks) {
    lines.push(
      '',
      `Mock of ${new Date(mock.completedAt).toISOString().slice(0, 10)}`,
      debriefText(viewDebrief(view, mock)),
    );
  }
  return `${lines.join('\n')}\n`;
}
