import type { types } from '@slack/bolt';
import { questionsFor } from '../../coach/resolve.ts';
import type { StoryView } from '../../coach/stories.ts';
import type { ContentBank } from '../../content/load.ts';
import { JOB_FAMILY_IDS, JOB_FAMILY_NAMES, LENS_IDS, LEVELS } from '../../content/schema.ts';
import { ACTION } from '../action-ids.ts';
import { familyLabel, LENS_LABELS, LEVEL_LABELS, lensLabel } from './labels.ts';
import {
  actions,
  type Block,
  button,
  capBlocks,
  clip,
  context,
  divider,
  escapeText,
  header,
  LIMITS,
  section,
} from './limits.ts';
import { mockLines, type ProgressView, principleLine, summaryLine } from './progress.ts';
import { homeStoriesBlocks } from './stories.ts';

export const NO_LENS = 'none';
export const NO_FAMILY = 'none';

interface Option {
  value: string;
  label: string;
}

/** A section with a select menu: the setting's name and current value, and the choices. */
function selectSection(
  label: string,
  actionId: string,
  options: Option[],
  selected: string,
): types.SectionBlock {
  const option = (o: Option) => ({
    text: { type: 'plain_text' as const, text: clip(o.label, 75) },
    value: o.value,
  });
  const current = options.find((o) => o.value === selected);
  return {
    type: 'section',
    text: { type: 'mrkdwn', text: `*${label}:* ${escapeText(current?.label ?? selected)}` },
    accessory: {
      type: 'static_select',
      action_id: actionId,
      options: options.slice(0, 100).map(option),
      ...(current ? { initial_option: option(current) } : {}),
    },
  };
}

/** The job family and pack menus. */
function familyAndPack(bank: ContentBank, view: ProgressView): types.SectionBlock[] {
  const families: Option[] = [
    ...JOB_FAMILY_IDS.map((f) => ({ value: f, label: JOB_FAMILY_NAMES[f] })),
    { value: NO_FAMILY, label: familyLabel(null) },
  ];
  const blocks = [selectSection('Job family', ACTION.homeFamily, families, view.family ?? NO_FAMILY)];
  if (bank.packs.length > 1 && view.pack) {
    const packs = bank.packs.map((p) => ({ value: p.id, label: p.name }));
    blocks.push(selectSection('Question pack', ACTION.homePack, packs, view.pack.id));
  }
  return blocks;
}

/** The App Home dashboard: progress per principle, streak, what to practise next, level, lens, family and pack. */
export function renderHome(bank: ContentBank, view: ProgressView, stories: StoryView[] = []): types.HomeView {
  const { progress, level, lens } = view;
  const recommended = bank.principles.find((p) => p.id === progress.recommendedPrincipleId);
  const hasQuestions = (id: string) => questionsFor(bank, id).length > 0;
  const blocks: Block[] = [
    header('STAR Coach'),
    section(
      `Practise behavioural interview answers in the STAR format, one part at a time, around ${escapeText(view.pack?.name ?? 'Amazon’s Leadership Principles')}. Your answers stay in your DM with me.`,
    ),
    section(summaryLine(progress)),
  ];
  if (recommended) {
    blocks.push(
      section(
        `*Recommended next:* ${escapeText(recommended.name)}\n${escapeText(recommended.description)}`,
        hasQuestions(recommended.id)
          ? button('Start practising', ACTION.homeStart, recommended.id, 'primary')
          : undefined,
      ),
    );
  }
  blocks.push(divider(), ...homeStoriesBlocks(bank, stories, view.scores));
  const mocks = mockLines(view.mocks ?? [], view.scores);
  if (mocks.length > 0) blocks.push(divider(), header('Mock interviews'), section(mocks.join('\n')));
  blocks.push(
    divider(),
    section(`*Level:* ${LEVEL_LABELS[level]}`),
    actions(
      'home-level',
      LEVELS.map((l) =>
        button(LEVEL_LABELS[l], `${ACTION.homeLevel}.${l}`, l, l === level ? 'primary' : undefined),
      ),
    ),
    section(`*Interviewer lens:* ${lensLabel(lens)}`),
    actions('home-lens', [
      ...LENS_IDS.map((l) =>
        button(LENS_LABELS[l], `${ACTION.homeLens}.${l}`, l, l === lens ? 'primary' : undefined),
      ),
      button('No lens', `${ACTION.homeLens}.${NO_LENS}`, NO_LENS, lens === null ? 'primary' : undefined),
    ]),
    ...familyAndPack(bank, view),
    divider(),
    header(view.pack?.kind.plural ?? 'Leadership Principles'),
  );
  for (const p of progress.principles) {
    const practise = hasQuestions(p.principleId)
      ? button(p.practised ? 'Practise again' : 'Practise', ACTION.homeStart, p.principleId)
      : undefined;
    blocks.push(section(principleLine(bank, p, view.scores), practise));
  }
  const legend = `Best band per principle: ${'⬜'.repeat(4)} not practised … ${'🟩'.repeat(4)} strongly inclined. `;
  blocks.push(context(`${view.scores.showScores ? legend : ''}Type \`/star-practice help\` for commands.`));
  return { type: 'home', blocks: capBlocks(blocks, LIMITS.viewBlocks) };
}
