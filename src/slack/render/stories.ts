import type { types } from '@slack/bolt';
import type { ScoreView } from '../../coach/score-view.ts';
import type { StoryView } from '../../coach/stories.ts';
import type { Coverage } from '../../coach/stories-plan.ts';
import type { ContentBank } from '../../content/load.ts';
import type { PlanResult, StoryOverview } from '../../service/story-bank.ts';
import { ACTION } from '../action-ids.ts';
import { bandBar, bandLabel } from './bands.ts';
import {
  type Block,
  button,
  clip,
  context,
  escapeText,
  fallbackText,
  header,
  LIMITS,
  quoteUser,
  section,
} from './limits.ts';
import type { RenderedMessage } from './message.ts';

/** Stories with their own buttons in one message: three blocks each keeps the message under 50 blocks. */
const MAX_STORIES_IN_MESSAGE = 12;
export const MAX_STORIES_ON_HOME = 5;
const OPTION_TEXT = 75;

const COVERAGE_EMOJI: Record<Coverage, string> = {
  strong: ':large_green_circle:',
  weak: ':large_yellow_circle:',
  none: ':white_circle:',
};

const name = (bank: ContentBank, id: string) => bank.principles.find((p) => p.id === id)?.name ?? id;
const day = (ms: number | null) => (ms === null ? 'never' : new Date(ms).toISOString().slice(0, 10));
const plural = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

/** Select option values carry both ids: "<story id> <argument>". */
export const optionValue = (storyId: string, argument: string) => `${storyId} ${argument}`;

function option(text: string, value: string): types.PlainTextOption {
  return { text: { type: 'plain_text', text: clip(text, OPTION_TEXT), emoji: true }, value };
}

function storySummary(bank: ContentBank, story: StoryView, scores: ScoreView): string {
  const principles = story.principles.map((id) => escapeText(name(bank, id))).join(', ') || '_none yet_';
  const score = story.bestScore === null ? '' : ` (${story.bestScore}/100)`;
  const band = scores.showScores ? `${bandBar(story.bestBand)} ${bandLabel(story.bestBand)}${score} · ` : '';
  return `${band}${plural(story.versions, 'version')} · last practised ${day(story.lastPractisedAt)}\n*Principles:* ${principles}`;
}

function storyBlocks(bank: ContentBank, story: StoryView, overview: StoryOverview): Block[] {
  const suggestions = overview.suggestions.get(story.id) ?? [];
  const weakest = story.weakestCriteria.map((c) => bank.general.criteria[c]?.title ?? c);
  const lines = [
    `*${story.number}. ${escapeText(story.title)}*`,
    storySummary(bank, story, overview.scores),
    ...(weakest.length ? [`*Work on:* ${escapeText(weakest.join('; '))}`] : []),
    ...suggestions.map(
      (s) =>
        `_Could also answer ${escapeText(name(bank, s.principleId))}: it shows ${s.shows}_ ${quoteUser(s.evidence, 120)}`,
    ),
  ];
  const untagged = overview.pack.principles.filter((p) => !story.principles.includes(p.id));
  const others = overview.stories.filter((s) => !s.retired && s.id !== story.id);
  const elements: types.ActionsBlockElement[] = [
    ...suggestions
      .slice(0, 2)
      .map((s) =>
        button(
          `Tag: ${name(bank, s.principleId)}`,
          `${ACTION.storyTag}.${s.principleId}`,
          story.id,
          'primary',
        ),
      ),
  ];
  if (untagged.length > 0) {
    elements.push({
      type: 'static_select',
      action_id: ACTION.storyTagSelect,
      placeholder: { type: 'plain_text', text: 'Tag a principle…' },
      options: untagged.slice(0, 100).map((p) => option(p.name, optionValue(story.id, p.id))),
    });
  }
  if (others.length > 0) {
    elements.push({
      type: 'static_select',
      action_id: ACTION.storyMerge,
      placeholder: { type: 'plain_text', text: 'Merge a story into this…' },
      options: others
        .slice(0, 100)
        .map((o) => option(`${o.number}. ${o.title}`, optionValue(story.id, o.id))),
    });
  }
  elements.push({
    ...button('Retire', ACTION.storyRetire, story.id, 'danger'),
    confirm: {
      title: { type: 'plain_text', text: 'Retire this story?' },
      text: { type: 'plain_text', text: 'It stays in your export but leaves your coverage and loop plans.' },
      confirm: { type: 'plain_text', text: 'Retire' },
      deny: { type: 'plain_text', text: 'Keep it' },
    },
  });
  const rename: types.InputBlock = {
    type: 'input',
    block_id: `story-rename.${story.id}`.slice(0, LIMITS.blockId),
    dispatch_action: true,
    label: { type: 'plain_text', text: `Rename story ${story.number}` },
    element: {
      type: 'plain_text_input',
      action_id: ACTION.storyRename,
      max_length: 60,
      placeholder: { type: 'plain_text', text: 'Type a new title and press Enter' },
    },
    optional: true,
  };
  return [
    section(lines.join('\n')),
    { type: 'actions', block_id: `story.${story.id}`.slice(0, LIMITS.blockId), elements },
    rename,
  ];
}

/** The coverage matrix: gaps named first, then one line per principle. */
function coverageBlocks(bank: ContentBank, overview: StoryOverview): Block[] {
  const { matrix, pack } = overview;
  const names = (ids: string[]) => ids.map((id) => escapeText(name(bank, id))).join(', ');
  const summary = [
    matrix.gaps.length
      ? `*Gaps (${matrix.gaps.length}):* ${names(matrix.gaps)}`
      : '*No gaps:* every principle has a story.',
    ...(matrix.weak.length ? [`*Only a weak story (${matrix.weak.length}):* ${names(matrix.weak)}`] : []),
  ];
  const rows = matrix.rows.map((row) => {
    const told = row.stories.map((s) => `#${s.number}`).join(' ');
    return `${COVERAGE_EMOJI[row.coverage]} ${escapeText(row.name)}${told ? ` · ${told}` : ''}`;
  });
  return [
    header(`Coverage: ${pack.name}`),
    section(summary.join('\n')),
    section(rows.join('\n')),
    context(
      `:large_green_circle: ${overview.scores.showScores ? 'a story inclined or better' : 'a strong story'} · :large_yellow_circle: only a weaker one · :white_circle: none. Plan a loop with \`/star-practice plan dive-deep, ownership, earn-trust\` or \`plan loop-4\`.`,
    ),
  ];
}

/** `/star-practice stories`: every live story with its buttons, retired ones to bring back, then the matrix. */
export function renderStories(bank: ContentBank, overview: StoryOverview, note?: string): RenderedMessage {
  const live = overview.stories.filter((s) => !s.retired);
  const retired = overview.stories.filter((s) => s.retired);
  const blocks: Block[] = [header(`Your story bank (${plural(live.length, 'story', 'stories')})`)];
  if (note) blocks.push(section(escapeText(note)));
  if (overview.stories.length === 0) {
    blocks.push(
      section(
        'You have no stories yet. Every practice session you finish becomes a story here: start one with `/star-practice`.',
      ),
    );
  }
  for (const story of live.slice(0, MAX_STORIES_IN_MESSAGE))
    blocks.push(...storyBlocks(bank, story, overview));
  if (live.length > MAX_STORIES_IN_MESSAGE) {
    blocks.push(
      context(
        `…and ${live.length - MAX_STORIES_IN_MESSAGE} more. \`/star-practice export\` sends them all; \`/star-practice story N retire\` makes room.`,
      ),
    );
  }
  if (retired.length > 0) {
    blocks.push(
      section(`*Retired:* ${retired.map((s) => `${s.number}. ${escapeText(s.title)}`).join(' · ')}`),
      {
        type: 'actions',
        block_id: 'stories-retired',
        elements: retired
          .slice(0, LIMITS.actionsElements)
          .map((s) => button(`Bring back ${s.number}`, `${ACTION.storyRestore}.${s.number}`, s.id)),
      },
    );
  }
  blocks.push(...coverageBlocks(bank, overview));
  const text = `Your story bank: ${plural(live.length, 'story', 'stories')}. Gaps: ${overview.matrix.gaps.map((id) => name(bank, id)).join(', ') || 'none'}.`;
  return { text: fallbackText(note ? `${note} ${text}` : text), blocks };
}

/** `/star-practice plan …`: a story per principle, the gaps and weak ones with a button to practise them now. */
export function renderPlan(bank: ContentBank, result: Extract<PlanResult, { ok: true }>): RenderedMessage {
  const { plan, preset } = result;
  const lines = plan.slots.map((slot) => {
    const principle = `*${escapeText(name(bank, slot.principleId))}*`;
    if (slot.story) {
      const weak = slot.coverage === 'weak' ? ' _(weak: practise it again)_' : '';
      const band = bandLabel(slot.story.bestBand, result.scores);
      return `${COVERAGE_EMOJI[slot.coverage]} ${principle}: story ${slot.story.number}, “${escapeText(slot.story.title)}”${band ? ` · ${band}` : ''}${weak}`;
    }
    const taken = slot.takenElsewhere.map((s) => `story ${s.number}`).join(', ');
    return `${COVERAGE_EMOJI.none} ${principle}: no story${taken ? ` (${taken} already told for another principle)` : ''}`;
  });
  const toPractise = [...plan.gaps, ...plan.weak];
  const blocks: Block[] = [
    header(preset ? `Loop plan: ${preset.name}` : 'Loop plan'),
    section(lines.join('\n')),
  ];
  const names = (ids: string[]) => ids.map((id) => name(bank, id)).join(', ');
  if (plan.gaps.length) blocks.push(section(`*Gaps:* ${escapeText(names(plan.gaps))}: no story to tell.`));
  if (plan.weak.length) blocks.push(section(`*Weak:* ${escapeText(names(plan.weak))}: only a weak story.`));
  for (const id of toPractise.slice(0, 10)) {
    blocks.push(
      section(
        `Practise *${escapeText(name(bank, id))}* now?`,
        button('Practise now', ACTION.homeStart, id, 'primary'),
      ),
    );
  }
  if (toPractise.length === 0)
    blocks.push(section('Every principle has a strong story of its own. Good luck in the loop!'));
  const text = `Loop plan: ${plan.slots.length} principles. ${plan.gaps.length ? `Gaps: ${names(plan.gaps)}.` : 'No gaps.'}`;
  return { text: fallbackText(text), blocks };
}

/** The App Home's Stories section: at most five stories and "See all". */
export function homeStoriesBlocks(bank: ContentBank, stories: StoryView[], scores: ScoreView): Block[] {
  const live = stories.filter((s) => !s.retired);
  const blocks: Block[] = [header('Your stories')];
  if (live.length === 0) {
    blocks.push(
      section('Every practice session you finish becomes a story here, to tell for several principles.'),
    );
    return blocks;
  }
  for (const story of live.slice(0, MAX_STORIES_ON_HOME)) {
    blocks.push(
      section(`*${story.number}. ${escapeText(story.title)}*\n${storySummary(bank, story, scores)}`),
    );
  }
  blocks.push(
    section(
      `${plural(live.length, 'story', 'stories')} in your bank. See them all with their coverage matrix, tag, rename, merge or retire them:`,
      button('See all', ACTION.storiesSeeAll, 'all'),
    ),
  );
  return blocks;
}
