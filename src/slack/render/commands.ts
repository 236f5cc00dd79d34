import type { StartSelector } from '../../coach/start.ts';
import type { ContentBank, Pack } from '../../content/load.ts';
import { ACTION } from '../action-ids.ts';
import { COMMANDS } from '../command-parser.ts';
import {
  actions,
  type Block,
  button,
  capBlocks,
  clip,
  context,
  escapeText,
  fallbackText,
  header,
  LIMITS,
  section,
} from './limits.ts';
import type { RenderedMessage } from './message.ts';

const MAX_QUESTIONS_PER_PRINCIPLE = 12;

/** Every command, from the one table the parser reads too. */
export const COMMAND_HELP = [
  '*`/star-practice`* starts your recommended question. Then:',
  '• `/star-practice dive-deep` (or `Dive Deep`): a question for that principle',
  '• `/star-practice dive-deep/unexpected-root-cause`: that exact question',
  ...COMMANDS.map((c) => `• \`/star-practice ${c.usage}\`: ${c.help}`),
  'During a session, answer in our DM one part per message; type `help` there for session commands, or `story N` at the start to tell one of your stories.',
].join('\n');

export function renderHelp(intro?: string): RenderedMessage {
  const text = intro ? `${intro}\n\n${COMMAND_HELP}` : COMMAND_HELP;
  return { text: fallbackText(text.replace(/\*/g, '')), blocks: [section(text)] };
}

/** Help for something we did not understand, with the closest command when there is one. */
export function renderUnknown(input: string, suggestion: string | undefined): RenderedMessage {
  const guess = suggestion ? ` Did you mean \`${escapeText(suggestion)}\`?` : '';
  const intro = `I don’t know \`${escapeText(clip(input, 80))}\`.${guess}`;
  return {
    text: fallbackText(
      `I don’t know "${clip(input, 80)}".${suggestion ? ` Did you mean "${suggestion}"?` : ''} Try /star-practice help.`,
    ),
    blocks: [
      section(intro),
      context(
        'Type `/star-practice help` for every command, or `/star-practice list` for principles and questions.',
      ),
    ],
  };
}

/** The reply to `/star-practice list`: every principle of the person's pack with its questions. */
export function renderList(bank: ContentBank, pack?: Pack): RenderedMessage {
  const kinds = pack?.kind.plural ?? 'Principles';
  const blocks: Block[] = [header(`${kinds} and questions`)];
  const others = bank.packs.filter((p) => p.id !== pack?.id);
  if (pack) {
    const names = others.map((p) => `\`${p.id}\` (${escapeText(p.name)})`).join(', ');
    const switchTo =
      others.length > 0 ? ` Other packs: ${names}; switch with \`/star-practice pack <id>\`.` : '';
    blocks.push(context(`Pack: *${escapeText(pack.name)}* (\`${pack.id}\`).${switchTo}`));
  }
  for (const principle of bank.principles) {
    const questions = bank.questions.filter((q) => q.principle === principle.id);
    const shown = questions
      .slice(0, MAX_QUESTIONS_PER_PRINCIPLE)
      .map((q) => `• \`${q.id}\`: ${escapeText(q.question)}`);
    const more = questions.length > shown.length ? [`…and ${questions.length - shown.length} more`] : [];
    const body = questions.length === 0 ? ['_No questions yet._'] : [...shown, ...more];
    blocks.push(section(`*${escapeText(principle.name)}* · \`${principle.id}\`\n${body.join('\n')}`));
  }
  blocks.push(context('Start one with `/star-practice <principle or question id>`.'));
  const text = `${bank.principles.length} ${kinds.toLowerCase()}, ${bank.questions.length} questions. Start one with /star-practice <principle or question id>.`;
  return { text: fallbackText(text), blocks: capBlocks(blocks, LIMITS.messageBlocks) };
}

/** Asked when a user with a session in progress starts another: abandon it, or keep going. */
export function renderConflict(
  activeQuestion: string,
  selector: StartSelector,
  wanted: string,
): RenderedMessage {
  const intro = `You have a session in progress: *${escapeText(activeQuestion)}*\nAbandon it and start ${escapeText(wanted)}? What you typed so far stays saved either way.`;
  return {
    text: fallbackText(`You have a session in progress (${activeQuestion}). Abandon it and start ${wanted}?`),
    blocks: [
      section(intro),
      actions('session-conflict', [
        button(
          'Abandon it and start the new one',
          ACTION.abandonAndStart,
          JSON.stringify(selector),
          'danger',
        ),
        button('Keep my session', ACTION.keepSession, 'keep', 'primary'),
      ]),
    ],
  };
}
