import { bandWords, type ScoreView } from '../coach/score-view.ts';
import type { StoryView } from '../coach/stories.ts';
import type { Coverage } from '../coach/stories-plan.ts';
import type { ContentBank } from '../content/load.ts';
import type { CriterionId } from '../content/schema.ts';
import type { PlanResult, StoryOverview } from '../service/story-bank.ts';

const COVERAGE_MARK: Record<Coverage, string> = { strong: 'strong', weak: 'weak  ', none: 'none  ' };

const day = (ms: number | null) => (ms === null ? 'never' : new Date(ms).toISOString().slice(0, 10));
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export const principleName = (bank: ContentBank, id: string) =>
  bank.principles.find((p) => p.id === id)?.name ?? id;
export const criterionTitle = (bank: ContentBank, id: CriterionId) => bank.general.criteria[id]?.title ?? id;

export function bandText(story: StoryView, view: ScoreView): string | undefined {
  return story.bestBand ? bandWords(view, story.bestBand, story.bestScore) : 'not graded';
}

function storyLines(bank: ContentBank, story: StoryView, overview: StoryOverview, view: ScoreView): string[] {
  const best = bandText(story, view);
  const names = story.principles.map((id) => principleName(bank, id)).join(', ') || 'none yet';
  const lines = [
    `${String(story.number).padStart(3)}. ${story.title}${story.retired ? ' (retired)' : ''}`,
    `     Principles: ${names}`,
    `     ${best ? `Best: ${best} · ` : ''}${plural(story.versions, 'version')} · last practised ${day(story.lastPractisedAt)}`,
  ];
  if (story.weakestCriteria.length > 0)
    lines.push(`     Work on: ${story.weakestCriteria.map((c) => criterionTitle(bank, c)).join('; ')}`);
  for (const s of overview.suggestions.get(story.id) ?? [])
    lines.push(
      `     Could also answer ${principleName(bank, s.principleId)}: it shows ${s.shows} ("${s.evidence}")`,
    );
  return lines;
}

/** `--stories`: every story, then the coverage matrix of the person's pack with the gaps named first. */
export function renderStories(bank: ContentBank, overview: StoryOverview, view: ScoreView): string {
  const { stories, matrix, pack } = overview;
  const lines: string[] = [];
  if (stories.length === 0) {
    lines.push('You have no stories yet: every practice session you finish becomes one.');
  } else {
    lines.push(`Your stories (${stories.length}):`, '');
    for (const story of stories) lines.push(...storyLines(bank, story, overview, view), '');
  }
  lines.push(`Coverage of ${pack.name} (${matrix.rows.length}):`);
  const gapNames = matrix.gaps.map((id) => principleName(bank, id));
  lines.push(
    gapNames.length
      ? `Gaps (${gapNames.length}): ${gapNames.join(', ')}`
      : 'No gaps: every principle has a story.',
  );
  if (matrix.weak.length)
    lines.push(
      `Only a weak story (${matrix.weak.length}): ${matrix.weak.map((id) => principleName(bank, id)).join(', ')}`,
    );
  lines.push('');
  for (const row of matrix.rows) {
    const told = row.stories.map((s) => `#${s.number}`).join(' ');
    lines.push(`  ${COVERAGE_MARK[row.coverage]}  ${row.name.padEnd(46)}${told}`.trimEnd());
  }
  lines.push(
    '',
    'Change a story: --story N --rename "New title" | --tag ownership,earn-trust | --untag ID | --merge M | --retire | --restore',
    'Plan a loop: --plan dive-deep,ownership,earn-trust (or a preset: --plan loop-4)',
  );
  return `${lines.join('\n')}\n`;
}

/** `--plan`: one story per principle, then the gaps and weak spots to practise. */
export function renderPlan(
  bank: ContentBank,
  result: Extract<PlanResult, { ok: true }>,
  view: ScoreView,
): string {
  const { plan, principles, preset } = result;
  const width = Math.max(...principles.map((p) => p.name.length)) + 2;
  const lines = [
    `Loop plan${preset ? `: ${preset.name}` : ''} (${plural(principles.length, 'principle')}, a different story for each):`,
    '',
  ];
  for (const slot of plan.slots) {
    const name = principleName(bank, slot.principleId).padEnd(width);
    if (slot.story) {
      const weak = slot.coverage === 'weak' ? ' (weak: practise it again)' : '';
      const band = bandText(slot.story, view);
      lines.push(
        `  ${name}story ${slot.story.number}: “${slot.story.title}”${band ? `, ${band}` : ''}${weak}`,
      );
    } else {
      const taken = slot.takenElsewhere.map((s) => `story ${s.number}`).join(', ');
      lines.push(`  ${name}no story${taken ? ` (${taken} already told for another principle)` : ''}`);
    }
  }
  lines.push('');
  const names = (ids: string[]) => ids.map((id) => principleName(bank, id)).join(', ');
  if (plan.gaps.length)
    lines.push(`Gaps: ${names(plan.gaps)} ${plan.gaps.length === 1 ? 'has' : 'have'} no story.`);
  if (plan.weak.length)
    lines.push(`Weak: ${names(plan.weak)} ${plan.weak.length === 1 ? 'has' : 'have'} only a weak story.`);
  if (!plan.gaps.length && !plan.weak.length) lines.push('Every principle has a strong story of its own.');
  return `${lines.join('\n')}\n`;
}
