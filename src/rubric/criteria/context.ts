import type { CriterionId, LensId, Level, PartName, Question } from '../../content/schema.ts';
import { type Answer, type Match, type Sentence, sentencesOf } from '../answer.ts';
import { quote, snippet } from '../text.ts';
import type { Verdict } from '../types.ts';

export interface Context {
  answer: Answer;
  question: Question | undefined;
  level: Level;
  lens: LensId | undefined;
  /** Set when a single part is graded alone. */
  section: PartName | undefined;
  /** Also judging a follow-up answer, not a STAR part: the text stands alone. */
  followUp: boolean;
}

/** A criterion's verdict before contrast and level/lens advice are added. */
export interface Judgement {
  verdict: Verdict;
  evidence: string[];
  advice: string;
  /** A measurement the verdict rests on (timing), kept apart from the user's own words. */
  measured?: string;
}

export type Check = (ctx: Context) => Judgement;

/**
 * The sentences a criterion reads: the section when one part is graded alone, the whole text when it could
 * not be split, else its own parts (or `fallback` parts when none of those were given).
 */
export function readSentences(
  ctx: Context,
  parts: readonly PartName[],
  fallback: readonly PartName[] = [],
): Sentence[] {
  const { answer } = ctx;
  if (ctx.section) return answer.parts[ctx.section]?.sentences ?? [];
  if (answer.unsplit) return answer.sentences;
  const own = sentencesOf(answer, parts);
  if (own.length > 0 || parts.some((p) => answer.parts[p])) return own;
  return sentencesOf(answer, fallback);
}

/** Whether the criterion's parts are all missing from a whole answer (not a section, not unsplit text). */
export function partsMissing(ctx: Context, parts: readonly PartName[]): boolean {
  if (ctx.section || ctx.answer.unsplit) return false;
  return parts.every((p) => !ctx.answer.parts[p]);
}

export function quoteSentence(match: Match | Sentence): string {
  if ('sentence' in match) return quote(match.sentence.text, match.index, match.length);
  return quote(match.text);
}

export function quotePhrase(match: Match): string {
  return snippet(match.sentence.text, match.index, match.length);
}

/** Up to `limit` quoted sentences, each once. */
export function evidenceFrom(items: readonly (Match | Sentence)[], limit = 2): string[] {
  const seen = new Set<string>();
  const out: string[] = [];
  for (const item of items) {
    const text = quoteSentence(item);
    if (seen.has(text)) continue;
    seen.add(text);
    out.push(text);
    if (out.length >= limit) break;
  }
  return out;
}

/** The question's signal phrases for a criterion, found in the sentences. */
export function signalMatches(
  ctx: Context,
  criterion: CriterionId,
  sentences: readonly Sentence[],
): Sentence[] {
  const phrases = ctx.question?.rubric.signals[criterion] ?? [];
  if (phrases.length === 0) return [];
  const lowered = phrases.map((p) => p.toLowerCase().trim()).filter((p) => p.length > 0);
  return sentences.filter((s) => lowered.some((p) => s.lower.includes(p)));
}

export function judgement(
  verdict: Verdict,
  evidence: string[],
  advice: string,
  measured?: string,
): Judgement {
  return measured === undefined ? { verdict, evidence, advice } : { verdict, evidence, advice, measured };
}

export function notApplicable(advice = ''): Judgement {
  return { verdict: 'n/a', evidence: [], advice };
}

export const PART_TITLES: Record<PartName, string> = {
  situation: 'Situation',
  task: 'Task',
  action: 'Action',
  result: 'Result',
  reflection: 'Reflection',
};
