import type { ContentBank } from '../content/load.ts';
import { packOfPrinciple } from '../content/packs.ts';
import {
  type CriterionId,
  JOB_FAMILY_NAMES,
  type JobFamilyId,
  type PartName,
  type Question,
} from '../content/schema.ts';
import { contrastFor } from '../rubric/contrast.ts';
import type { Contrast } from '../rubric/types.ts';

/**
 * Walkthroughs from the person's family to take examples from, when the question's own story is from another
 * family: the same principle first, then the same pack, then any. None when the family is unset or the same.
 */
export function familyWalkthroughs(
  bank: ContentBank,
  question: Question,
  family: JobFamilyId | null | undefined,
): Question[] {
  if (!family || question.jobFamily === family) return [];
  const pack = packOfPrinciple(bank, question.principle)?.id;
  const rank = (q: Question) =>
    q.principle === question.principle ? 0 : packOfPrinciple(bank, q.principle)?.id === pack ? 1 : 2;
  return bank.questions
    .filter((q) => q.jobFamily === family)
    .map((q, order) => ({ q, order, rank: rank(q) }))
    .sort((a, b) => a.rank - b.rank || a.order - b.order)
    .map(({ q }) => q);
}

/** "a retail story": how a borrowed example is introduced. */
export const storyFrom = (family: JobFamilyId) => `a ${JOB_FAMILY_NAMES[family].toLowerCase()} story`;

/**
 * The contrast for a failed criterion from a walkthrough of the person's family that teaches that criterion in
 * a part or follow-up of its own (the general guide does not count); undefined: keep the question's own.
 */
export function familyContrast(
  bank: ContentBank,
  criterion: CriterionId,
  question: Question,
  family: JobFamilyId | null | undefined,
): { contrast: Contrast; from: Question } | undefined {
  for (const walkthrough of familyWalkthroughs(bank, question, family)) {
    const contrast = contrastFor(criterion, walkthrough, bank.general);
    if (contrast && contrast.source !== 'general') return { contrast, from: walkthrough };
  }
  return undefined;
}

/** A strong example of one part from the person's family (same principle when there is one); undefined: the question's own. */
export function familyExample(
  bank: ContentBank,
  part: PartName,
  question: Question,
  family: JobFamilyId | null | undefined,
): { text: string; from: Question } | undefined {
  const walkthrough = familyWalkthroughs(bank, question, family)[0];
  return walkthrough ? { text: walkthrough.parts[part].good, from: walkthrough } : undefined;
}
