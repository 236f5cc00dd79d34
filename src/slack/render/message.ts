import { BAND_LABELS, PART_LABELS } from '../../coach/messages.ts';
import type { Choice, MessagePart, OutgoingMessage } from '../../coach/types.ts';
import { PART_NAMES, type PartName } from '../../content/schema.ts';
import { ACTION, choiceActionId } from '../action-ids.ts';
import { bandBar, VERDICT_EMOJI } from './bands.ts';
import { debriefBlocks } from './debrief.ts';
import {
  actions,
  type Block,
  button,
  capBlocks,
  context,
  escapeText,
  fallbackText,
  header,
  LIMITS,
  quoteUser,
  section,
} from './limits.ts';

/** What chat.postMessage (or respond) needs: blocks, and the plain-text fallback for notifications. */
export interface RenderedMessage {
  text: string;
  blocks: Block[];
}

const MAX_QUOTES_PER_ISSUE = 2;

/** Text as a mrkdwn block quote, one `>` per line. */
const blockQuote = (text: string) =>
  escapeText(text)
    .split('\n')
    .map((line) => `>${line}`)
    .join('\n');

const youSaid = (evidence: string[]) =>
  evidence
    .slice(0, MAX_QUOTES_PER_ISSUE)
    .map((e) => `\n>You said: ${quoteUser(e)}`)
    .join('');

const partPosition = (part: PartName) => `${PART_NAMES.indexOf(part) + 1} of ${PART_NAMES.length}`;

function choiceButton(choice: Choice): ReturnType<typeof button> {
  const style = choice.id === 'next' || choice.id === 'abandon-and-start' ? 'primary' : undefined;
  return button(choice.label, choiceActionId(choice.id), choice.id, style);
}

function feedbackBlocks(part: Extract<MessagePart, { kind: 'feedback' }>): Block[] {
  const timing = PART_NAMES.filter((p) => part.seconds[p] !== undefined)
    .map((p) => `${PART_LABELS[p]} ${part.seconds[p]} s`)
    .join(' · ');
  const blocks: Block[] = [
    header(part.band ? `${bandBar(part.band)} ${BAND_LABELS[part.band]} · ${part.score}/100` : 'Feedback'),
    section(`*Timing:* about ${part.totalSeconds} s spoken${timing ? `\n${timing}` : ''}`),
  ];
  if (part.issues.length > 0) blocks.push(section('*What to work on*'));
  for (const issue of part.issues) {
    blocks.push(
      section(
        `${VERDICT_EMOJI[issue.verdict]} *${escapeText(issue.title)}*\n${escapeText(issue.advice)}${youSaid(issue.evidence)}${issue.measured ? `\n_Measured: ${escapeText(issue.measured)}_` : ''}`,
      ),
    );
  }
  if (part.strengths.length > 0) {
    const strengths = part.strengths.map(
      (s) =>
        `${VERDICT_EMOJI.pass} *${escapeText(s.title)}*${s.evidence[0] ? `: ${quoteUser(s.evidence[0], 120)}` : ''}`,
    );
    blocks.push(section(`*What worked*\n${strengths.join('\n')}`));
  }
  return blocks;
}

function partBlocks(part: MessagePart): Block[] {
  switch (part.kind) {
    case 'question':
      return [
        header(part.principle),
        section(`*${escapeText(part.question)}*`),
        context(`Question \`${escapeText(part.questionId)}\``),
      ];
    case 'prompt':
      return [
        section(
          `*${PART_LABELS[part.part]}* (${partPosition(part.part)}) · aim for about ${part.targetSeconds} s\n${escapeText(part.tip)}`,
        ),
      ];
    case 'nudge':
      return [section(`:warning: *A note on your ${PART_LABELS[part.part]}:* ${escapeText(part.text)}`)];
    case 'feedback':
      return feedbackBlocks(part);
    case 'contrast':
      return [
        section(`*${escapeText(part.title)}*`),
        section(`:x: *Weak:* ${escapeText(part.contrast.bad)}`),
        section(`:grey_question: *Why it falls short:* ${escapeText(part.contrast.why)}`),
        section(`:white_check_mark: *Strong:* ${escapeText(part.contrast.good)}`),
      ];
    case 'follow-up':
      return [section(`*Follow-up ${part.index + 1} of ${part.total}*\n${escapeText(part.question)}`)];
    case 'follow-up-verdict':
      return [
        section(
          `${VERDICT_EMOJI[part.verdict]} ${escapeText(part.advice)}${youSaid(part.evidence.slice(0, 1))}`,
        ),
      ];
    case 'example':
      return [
        section(
          `*A strong ${PART_LABELS[part.part]}${part.from ? ` (from ${escapeText(part.from)})` : ''}:*\n${blockQuote(part.text)}`,
        ),
      ];
    case 'summary':
      return [
        header('Session complete'),
        section(
          `${part.band ? `${bandBar(part.band)} *${BAND_LABELS[part.band]}* · ${part.score}/100\n` : ''}Follow-ups answered: ${part.followUpsAnswered} of ${part.followUpsTotal}`,
        ),
      ];
    case 'debrief':
      return debriefBlocks(part.debrief);
    case 'status':
      return [section(`:round_pushpin: ${escapeText(part.text)}`)];
    case 'info':
      return [section(escapeText(part.text))];
    case 'error':
      return [section(`:warning: ${escapeText(part.text)}`)];
    case 'story-offer':
      return [
        section('*Or tell one of your stories* for this question (type `story N` to choose):'),
        actions(
          'story-offer',
          part.stories.map((s) =>
            button(`${s.number}. ${s.title}`, `${ACTION.storyUse}.${s.number}`, String(s.number)),
          ),
        ),
      ];
    case 'choices':
      return part.choices.length > 0 ? [actions(undefined, part.choices.map(choiceButton))] : [];
  }
}

/** Renders a neutral coaching message as Block Kit, always within Slack's limits, with a plain-text fallback. */
export function renderMessage(message: OutgoingMessage): RenderedMessage {
  const blocks = message.parts.flatMap(partBlocks);
  return { text: fallbackText(message.text), blocks: capBlocks(blocks, LIMITS.messageBlocks) };
}

/** A short message that is only text (help, confirmations, errors). */
export function renderText(text: string): RenderedMessage {
  return { text: fallbackText(text), blocks: [section(escapeText(text))] };
}
