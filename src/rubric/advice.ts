import type { CriterionId, LensId, Level, Question } from '../content/schema.ts';
import type { Judgement } from './criteria/context.ts';

/** The criteria each interviewer lens cares most about. */
export const LENS_FOCUS: Record<LensId, CriterionId[]> = {
  technical: ['specific-actions', 'first-person', 'situation-concise'],
  'hiring-manager': ['scope-ownership', 'first-person', 'no-blame', 'concrete-event'],
  'senior-leader': ['business-impact', 'quantified-result', 'second-order-effect'],
};

const GENERAL_LENS_NOTE: Record<LensId, string> = {
  technical: 'A technical interviewer will probe exactly these steps.',
  'hiring-manager': 'A hiring manager listens for what you owned and chose to do.',
  'senior-leader': 'A senior leader listens for business outcomes and what changed beyond the fix.',
};

const SENIOR_FOCUS: CriterionId[] = ['scope-ownership', 'business-impact', 'second-order-effect'];
export const JUNIOR_GENTLE: CriterionId[] = ['business-impact', 'second-order-effect'];

function firstSentence(text: string): string {
  const match = /^.*?[.!?](?=\s|$)/s.exec(text.trim());
  return (match ? match[0] : text).replace(/\s+/g, ' ').trim();
}

/**
 * Adjusts a verdict and its advice for the candidate's level: a junior whose answer is otherwise sound is
 * not failed on business impact or organisational reach; seniors are reminded that scope and reach are judged.
 */
export function forLevel(
  id: CriterionId,
  j: Judgement,
  level: Level,
  question: Question | undefined,
  restIsGood: boolean,
): Judgement {
  if (j.verdict === 'pass' || j.verdict === 'n/a') return j;
  if (level === 'junior' && JUNIOR_GENTLE.includes(id) && j.verdict === 'fail' && restIsGood) {
    return { ...j, verdict: 'partial', advice: `A bonus at junior level: ${lowerFirst(j.advice)}` };
  }
  if (level === 'senior' && SENIOR_FOCUS.includes(id) && !/senior/i.test(j.advice)) {
    const note = question
      ? firstSentence(question.levels.senior)
      : 'show organisational thinking and who else this changed things for.';
    return { ...j, advice: `${j.advice} At senior level: ${lowerFirst(note)}` };
  }
  return j;
}

/** Adds the lens's emphasis to advice on the criteria that lens cares about. */
export function forLens(
  id: CriterionId,
  j: Judgement,
  lens: LensId | undefined,
  question: Question | undefined,
): Judgement {
  if (!lens || j.verdict === 'pass' || j.verdict === 'n/a' || !LENS_FOCUS[lens].includes(id)) return j;
  const note = question ? question.lenses[lens].detail : GENERAL_LENS_NOTE[lens];
  return { ...j, advice: `${j.advice} ${firstSentence(note)}` };
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
