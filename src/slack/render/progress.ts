import type { ContentBank, Pack } from '../../content/load.ts';
import type { JobFamilyId, LensId, Level } from '../../content/schema.ts';
import type { PrincipleProgress, Progress } from '../../store/types.ts';
import { bandBar, bandLabel } from './bands.ts';
import { familyLabel, LEVEL_LABELS, lensLabel } from './labels.ts';
import {
  type Block,
  capBlocks,
  context,
  escapeText,
  fallbackText,
  header,
  LIMITS,
  section,
} from './limits.ts';
import type { RenderedMessage } from './message.ts';

export interface ProgressView {
  progress: Progress;
  level: Level;
  lens: LensId | null;
  family?: JobFamilyId | null;
  /** The pack the progress is for (the bank is seen through it). */
  pack?: Pack;
}

export const principleName = (bank: ContentBank, id: string) =>
  bank.principles.find((p) => p.id === id)?.name ?? id;

/** One principle's line: bar, best band, and how often it was practised. */
export function principleLine(bank: ContentBank, p: PrincipleProgress): string {
  const sessions = p.sessions === 1 ? '1 session' : `${p.sessions} sessions`;
  const detail = p.practised ? `best: ${bandLabel(p.bestBand)} · ${sessions}` : '_not practised yet_';
  return `${bandBar(p.bestBand)}  *${escapeText(principleName(bank, p.principleId))}*  ${detail}`;
}

export function summaryLine(progress: Progress): string {
  const streak = progress.streakDays === 1 ? '1 day' : `${progress.streakDays} days`;
  return `:fire: Streak: *${streak}* · Sessions this week: *${progress.sessionsThisWeek}* · Completed: *${progress.sessionsCompleted}*`;
}

/** The reply to `/star-practice progress`. */
export function renderProgress(bank: ContentBank, view: ProgressView): RenderedMessage {
  const { progress } = view;
  const lines = progress.principles.map((p) => principleLine(bank, p));
  const blocks: Block[] = [
    header(view.pack ? `Your practice · ${view.pack.name}` : 'Your practice'),
    section(summaryLine(progress)),
    section(lines.join('\n')),
    context(
      `Recommended next: *${escapeText(principleName(bank, progress.recommendedPrincipleId))}* (\`/star-practice ${progress.recommendedPrincipleId}\`)`,
      `Level: ${LEVEL_LABELS[view.level]} · Lens: ${lensLabel(view.lens)} · Job family: ${familyLabel(view.family ?? null)}`,
    ),
  ];
  const practised = progress.principles.filter((p) => p.practised).length;
  const text = `Your practice: ${progress.sessionsCompleted} sessions completed, ${progress.sessionsThisWeek} this week, streak ${progress.streakDays} days; ${practised} of ${progress.principles.length} ${view.pack?.kind.plural.toLowerCase() ?? 'principles'} practised.`;
  return { text: fallbackText(text), blocks: capBlocks(blocks, LIMITS.messageBlocks) };
}
