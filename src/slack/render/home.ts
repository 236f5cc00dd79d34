import type { types } from '@slack/bolt';
import { questionsFor } from '../../coach/resolve.ts';
import type { ContentBank } from '../../content/load.ts';
import { LENS_IDS, LEVELS } from '../../content/schema.ts';
import { ACTION } from '../action-ids.ts';
import { LENS_LABELS, LEVEL_LABELS, lensLabel } from './labels.ts';
import {
  actions,
  type Block,
  button,
  capBlocks,
  context,
  divider,
  escapeText,
  header,
  LIMITS,
  section,
} from './limits.ts';
import { type ProgressView, principleLine, summaryLine } from './progress.ts';

export const NO_LENS = 'none';

/** The App Home dashboard: progress per principle, streak, what to practise next, level and lens. */
export function renderHome(bank: ContentBank, view: ProgressView): types.HomeView {
  const { progress, level, lens } = view;
  const recommended = bank.principles.find((p) => p.id === progress.recommendedPrincipleId);
  const hasQuestions = (id: string) => questionsFor(bank, id).length > 0;
  const blocks: Block[] = [
    header('STAR Coach'),
    section(
      'Practise behavioural interview answers in the STAR format, one part at a time, around Amazon’s Leadership Principles. Your answers stay in your DM with me.',
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
    divider(),
    header('Leadership Principles'),
  );
  for (const p of progress.principles) {
    const practise = hasQuestions(p.principleId)
      ? button(p.practised ? 'Practise again' : 'Practise', ACTION.homeStart, p.principleId)
      : undefined;
    blocks.push(section(principleLine(bank, p), practise));
  }
  blocks.push(
    context(
      `Best band per principle: ${'⬜'.repeat(4)} not practised … ${'🟩'.repeat(4)} strongly inclined. Type \`/star-practice help\` for commands.`,
    ),
  );
  return { type: 'home', blocks: capBlocks(blocks, LIMITS.viewBlocks) };
}
