import { z } from 'zod';
import { PART_LABELS } from '../../coach/messages.ts';
import type { Principle, Question } from '../../content/schema.ts';
import { PART_NAMES } from '../../content/schema.ts';
import { ACTION } from '../action-ids.ts';
import { actions, button, context, escapeText, fallbackText, header, section } from './limits.ts';
import type { RenderedMessage } from './message.ts';

/** The first sentence of a tip: a one-line nudge for the channel. */
function firstSentence(text: string): string {
  const match = /^.*?[.!?](\s|$)/.exec(text.trim());
  return (match?.[0] ?? text).trim();
}

/** Button value for "Practise this in DM": the question and the prompt's local date (for the practice count). */
export const dailyPractiseValue = (questionId: string, localDate: string) =>
  JSON.stringify({ q: questionId, d: localDate });

const practiseValueSchema = z.object({ q: z.string().min(1), d: z.string().regex(/^\d{4}-\d{2}-\d{2}$/) });

export function parseDailyPractiseValue(
  value: string | undefined,
): { questionId: string; localDate: string } | null {
  try {
    const parsed = practiseValueSchema.safeParse(JSON.parse(value ?? ''));
    return parsed.success ? { questionId: parsed.data.q, localDate: parsed.data.d } : null;
  } catch {
    return null;
  }
}

/** The question of the day as posted in a team channel. */
export function renderDailyPrompt(
  principle: Principle,
  question: Question,
  localDate: string,
): RenderedMessage {
  const tip = firstSentence(question.parts.action.tip);
  return {
    text: fallbackText(`Question of the day (${principle.name}): ${question.question}`),
    blocks: [
      header(`Question of the day · ${principle.name}`),
      section(`*${escapeText(question.question)}*`),
      context(`:bulb: ${escapeText(tip)}`),
      actions(undefined, [
        button(
          'Practise this in DM',
          ACTION.dailyPractise,
          dailyPractiseValue(question.id, localDate),
          'primary',
        ),
        button('See a strong example', ACTION.dailyExample, question.id),
      ]),
      context('Answers stay private: practising happens in your DM with STAR Coach.'),
    ],
  };
}

/** A strong answer, part by part, shown only to the person who asked. */
export function renderStrongExample(question: Question): RenderedMessage {
  return {
    text: fallbackText(`A strong answer to: ${question.question}`),
    blocks: [
      section(`*A strong answer to:* ${escapeText(question.question)}`),
      ...PART_NAMES.map((part) =>
        section(`*${PART_LABELS[part]}*\n${escapeText(question.parts[part].good)}`),
      ),
    ],
  };
}

export function renderRecap(practised: number): RenderedMessage {
  const people = practised === 1 ? '1 person' : `${practised} people`;
  return {
    text: fallbackText(`${people} practised this question.`),
    blocks: [section(`:muscle: ${people} practised this question. It's not too late to try it.`)],
  };
}
