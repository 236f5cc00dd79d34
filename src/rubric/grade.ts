import type { ContentBank } from '../content/load.ts';
import {
  CRITERION_IDS,
  type CriterionId,
  LENS_IDS,
  LEVELS,
  PART_NAMES,
  type PartName,
  type Question,
} from '../content/schema.ts';
import { forLens, forLevel, JUNIOR_GENTLE } from './advice.ts';
import { buildAnswer } from './answer.ts';
import { contrastFor } from './contrast.ts';
import type { Context } from './criteria/context.ts';
import { notApplicable } from './criteria/context.ts';
import { CHECKS, CRITERIA } from './criteria/index.ts';
import { compileRules } from './follow-up-kinds.ts';
import { selectFollowUps } from './follow-ups.ts';
import { overall } from './score.ts';
import { splitAnswer } from './split.ts';
import type { AnswerParts, CriterionResult, GradeOptions, GradeResult, SectionStats } from './types.ts';

/**
 * Stored with every evaluation. 1.1.0: an answer is "inclined" from a score of 70 (was 60), a section graded alone
 * on its own criteria. 1.2.0 (tuned on blind5 to blind9): first-person judges who acts ("I would" steps are the
 * speaker's), blame and digs at people by their role, steps of a plan or a habit read wherever they were told,
 * outcomes told in the present found in the split, people kept from harm as worth, a count against its whole as a
 * measure, spread read from more verbs and grammar.
 */
export const RUBRIC_VERSION = '1.2.0';

/** Options the rubric cannot work with: an unknown question id, section, level or lens. */
export class RubricInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RubricInputError';
  }
}

function checkOptions(options: GradeOptions, bank: ContentBank): Question | undefined {
  if (options.section !== undefined && !PART_NAMES.includes(options.section)) {
    throw new RubricInputError(`Unknown section "${options.section}": use one of ${PART_NAMES.join(', ')}.`);
  }
  if (options.level !== undefined && !LEVELS.includes(options.level)) {
    throw new RubricInputError(`Unknown level "${options.level}": use one of ${LEVELS.join(', ')}.`);
  }
  if (options.lens !== undefined && !LENS_IDS.includes(options.lens)) {
    throw new RubricInputError(`Unknown lens "${options.lens}": use one of ${LENS_IDS.join(', ')}.`);
  }
  if (options.questionId === undefined) return undefined;
  const question = bank.questions.find((q) => q.id === options.questionId);
  if (!question) throw new RubricInputError(`Unknown question "${options.questionId}".`);
  return question;
}

/** Only the known parts, as strings. */
function cleanParts(input: AnswerParts): AnswerParts {
  const parts: AnswerParts = {};
  for (const part of PART_NAMES) {
    const value: unknown = input[part];
    if (typeof value === 'string' && value.trim() !== '') parts[part] = value;
  }
  return parts;
}

function partsFor(
  input: string | AnswerParts,
  section: PartName | undefined,
): { parts: AnswerParts; unsplit: boolean } {
  if (typeof input === 'string' || input === null || typeof input !== 'object') {
    const text = typeof input === 'string' ? input : '';
    if (section) return { parts: { [section]: text }, unsplit: false };
    return { parts: splitAnswer(text), unsplit: false };
  }
  const parts = cleanParts(input);
  if (!section) return { parts, unsplit: false };
  const own = parts[section] ?? PART_NAMES.flatMap((p) => parts[p] ?? []).join('\n\n');
  return { parts: { [section]: own }, unsplit: false };
}

/** The criteria a section is graded alone for: its own, not the conduct criteria judged on every part. */
function focusOf(section: PartName, question: Question | undefined): Set<CriterionId> {
  return new Set(
    CRITERION_IDS.filter(
      (id) =>
        (CRITERIA[id].parts.includes(section) && CRITERIA[id].parts.length === 1) ||
        question?.parts[section].criteria.includes(id) === true,
    ),
  );
}

/**
 * Grades an answer (one block of text, or parts) against the twelve criteria. Throws only
 * RubricInputError, for options it cannot honour; any text is graded.
 */
export function grade(
  input: string | AnswerParts,
  bank: ContentBank,
  options: GradeOptions = {},
): GradeResult {
  const question = checkOptions(options, bank);
  const level = options.level ?? 'mid';
  const { section } = options;
  const { parts, unsplit } = partsFor(input, section);
  const answer = buildAnswer(parts, unsplit);
  const ctx: Context = { answer, question, level, lens: options.lens, section, followUp: false };

  const raw = CRITERION_IDS.map((id) => {
    const judged =
      !section ||
      CRITERIA[id].parts.includes(section) ||
      question?.parts[section].criteria.includes(id) === true;
    return { id, judgement: judged ? CHECKS[id](ctx) : notApplicable() };
  });
  // "The rest is good": every other judged criterion passes.
  const restIsGood = (id: CriterionId) =>
    raw.every(
      (r) =>
        r.id === id ||
        JUNIOR_GENTLE.includes(r.id) ||
        (r.judgement.verdict !== 'fail' && r.judgement.verdict !== 'partial'),
    );
  const criteria: CriterionResult[] = raw.map(({ id, judgement }) => {
    const adjusted = forLens(
      id,
      forLevel(id, judgement, level, question, restIsGood(id)),
      options.lens,
      question,
    );
    const result: CriterionResult = {
      id,
      verdict: adjusted.verdict,
      evidence: adjusted.evidence,
      advice: adjusted.advice,
      ...(adjusted.measured ? { measured: adjusted.measured } : {}),
    };
    if (adjusted.verdict === 'fail' || adjusted.verdict === 'partial') {
      const contrast = contrastFor(id, question, bank.general);
      if (contrast) result.contrast = contrast;
    }
    return result;
  });

  const sections: Partial<Record<PartName, SectionStats>> = {};
  for (const part of PART_NAMES) {
    const stats = answer.parts[part];
    if (stats) sections[part] = { text: stats.text, words: stats.words, seconds: stats.seconds };
  }
  const whole = !section && !unsplit;
  const missing = { action: whole && !answer.parts.action, result: whole && !answer.parts.result };
  return {
    question: question?.id ?? null,
    rubricVersion: RUBRIC_VERSION,
    sections,
    totalSeconds: answer.seconds,
    criteria,
    overall: overall(criteria, question, missing, section ? focusOf(section, question) : undefined),
    followUps: selectFollowUps(question, criteria, options.level, options.lens, {
      parts,
      probes: compileRules(bank.followUpKinds).probes,
    }),
  };
}
