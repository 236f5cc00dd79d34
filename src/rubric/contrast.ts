import type { GeneralGuide } from '../content/schema.ts';
import { type CriterionId, PART_NAMES, type Question } from '../content/schema.ts';
import { CRITERIA } from './criteria/index.ts';
import type { Contrast } from './types.ts';

/**
 * The bad/why/good example for a criterion: the question part that illustrates it (its own parts first),
 * else a follow-up that does, else the general guide.
 */
export function contrastFor(
  id: CriterionId,
  question: Question | undefined,
  general: GeneralGuide,
): Contrast | undefined {
  if (question) {
    const order = [...CRITERIA[id].parts, ...PART_NAMES.filter((p) => !CRITERIA[id].parts.includes(p))];
    for (const part of order) {
      const guide = question.parts[part];
      if (guide.criteria.includes(id))
        return { bad: guide.bad, why: guide.why, good: guide.good, source: 'part' };
    }
    const followUp = question.followUps.find((f) => f.criteria.includes(id));
    if (followUp) return { bad: followUp.bad, why: followUp.why, good: followUp.good, source: 'follow-up' };
  }
  const entry = general.criteria[id];
  if (!entry) return undefined;
  return { bad: entry.bad, why: entry.why, good: entry.good, source: 'general' };
}
