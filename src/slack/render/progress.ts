import { sameStoryWarning, verdictHeading } from '../../coach/debrief-text.ts';
import { type ScoreView, viewDebrief } from '../../coach/score-view.ts';
import type { Debrief } from '../../coach/types.ts';
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
  /** How the person sees results (scores on or off). */
  scores: ScoreView;
  /** Debriefs of the person's finished mock interviews, newest first. */
  mocks?: Debrief[];
}

export const principleName = (bank: ContentBank, id: string) =>
  bank.principles.find((p) => p.id === id)?.name ?? id;

/** One principle's line: bar, best band, and how often it was practised. */
export function principleLine(bank: ContentBank, p: PrincipleProgress, scores: ScoreView): string {
  const sessions = p.sessions === 1 ? '1 session' : `${p.sessions} sessions`;
  const best = bandLabel(p.bestBand, scores);
  const detail = p.practised ? `${best ? `best: ${best} · ` : ''}${sessions}` : '_not practised yet_';
  const bar = bandBar(p.bestBand, scores);
  return `${bar ? `${bar}  ` : ''}*${escapeText(principleName(bank, p.principleId))}*  ${detail}`;
}

/** The latest mock interviews, each in a line: its verdicts (when shown) and any same-story warning. */
export function mockLines(mocks: Debrief[], scores: ScoreView): string[] {
  return mocks.slice(0, SHOWN_MOCKS).map((d) => {
    const debrief = viewDebrief(scores, d);
    const day = new Date(d.completedAt).toISOString().slice(0, 10);
    const warning = sameStoryWarning(d.sameStory);
    return `:briefcase: *Mock of ${day}:* ${escapeText(debrief.principles.map(verdictHeading).join(' · '))}${warning ? `\n:warning: ${escapeText(warning)}` : ''}`;
  });
}

const SHOWN_MOCKS = 3;

export function summaryLine(progress: Progress): string {
  const streak = progress.streakDays === 1 ? '1 day' : `${progress.streakDays} days`;
  return `:fire: Streak: *${streak}* · Sessions this week: *${progress.sessionsThisWeek}* · Completed: *${progress.sessionsCompleted}*`;
}

/** The reply to `/star-practice progress`. */
export function renderProgress(bank: ContentBank, view: ProgressView): RenderedMessage {
  const { progress } = view;
  const lines = progress.principles.map((p) => principleLine(bank, p, view.scores));
  const mocks = mockLines(view.mocks ?? [], view.scores);
  const blocks: Block[] = [
    header(view.pack ? `Your practice · ${view.pack.name}` : 'Your practice'),
    section(summaryLine(progress)),
    section(lines.join('\n')),
    ...(mocks.length > 0 ? [section(`*Mock interviews*\n${mocks.join('\n')}`)] : []),
    context(
      `Recommended next: *${escapeText(principleName(bank, progress.recommendedPrincipleId))}* (\`/star-practice ${progress.recommendedPrincipleId}\`)`,
      `Level: ${LEVEL_LABELS[view.level]} · Lens: ${lensLabel(view.lens)} · Job family: ${familyLabel(view.family ?? null)}`,
    ),
  ];
  const practised = progress.principles.filter((p) => p.practised).length;
  const text = `Your practice: ${progress.sessionsCompleted} sessions completed, ${progress.sessionsThisWeek} this week, streak ${progress.streakDays} days; ${practised} of ${progress.principles.length} ${view.pack?.kind.plural.toLowerCase() ?? 'principles'} practised.`;
  return { text: fallbackText(text), blocks: capBlocks(blocks, LIMITS.messageBlocks) };
}
