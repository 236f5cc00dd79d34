import type { OutgoingMessage } from '../coach/types.ts';
import type { ContentBank, Pack } from '../content/load.ts';
import type { Progress } from '../store/types.ts';

const RULE = '─'.repeat(60);

export function renderMessages(messages: OutgoingMessage[]): string {
  return messages.map((m) => `${m.text}\n`).join(`${RULE}\n`);
}

const bandMark = (band: string | null) => (band ? band.replace(/-/g, ' ') : 'not yet');

export function renderProgress(progress: Progress, bank: ContentBank, pack?: Pack): string {
  const name = (id: string) => bank.principles.find((p) => p.id === id)?.name ?? id;
  const lines = [
    ...(pack ? [`Pack: ${pack.name} (${pack.id})`] : []),
    `Sessions completed: ${progress.sessionsCompleted} (${progress.sessionsThisWeek} this week). Streak: ${progress.streakDays} day(s).`,
    `Recommended next: ${name(progress.recommendedPrincipleId)} (${progress.recommendedPrincipleId})`,
    '',
    `${(pack?.kind.singular ?? 'Principle').padEnd(51)}Sessions  Best             Last`,
  ];
  for (const p of progress.principles) {
    lines.push(
      `${name(p.principleId).padEnd(51)}${String(p.sessions).padEnd(10)}${bandMark(p.bestBand).padEnd(17)}${bandMark(p.lastBand)}`,
    );
  }
  const rates = Object.entries(progress.criterionPassRates);
  if (rates.length > 0) {
    lines.push('', 'Pass rate per criterion (last 10 sessions):');
    for (const [id, rate] of rates) lines.push(`  ${id.padEnd(22)} ${Math.round((rate ?? 0) * 100)}%`);
  }
  return `${lines.join('\n')}\n`;
}
