import type { CriterionId, Question } from '../content/schema.ts';
import type { Band, CriterionResult, Verdict } from './types.ts';

const POINTS: Record<Exclude<Verdict, 'n/a'>, number> = { pass: 1, partial: 0.5, fail: 0 };

/**
 * Band thresholds on the 0-100 score, lowest first. Inclined starts at 70: in both blind sets coaches called
 * answers that miss four of twelve criteria (67) weak nearly every time, and those missing three or fewer
 * strong more often than not.
 */
const BANDS: [number, Band][] = [
  [40, 'strongly-not-inclined'],
  [70, 'not-inclined'],
  [80, 'inclined'],
];
/** The highest score a capped answer can show, so score and band agree. */
const CAPPED_SCORE = 69;

export function weightOf(id: CriterionId, question: Question | undefined): number {
  return question?.rubric.weights[id] ?? 1;
}

/** Weighted average of the judged criteria (pass 1, partial 0.5, fail 0), scaled to 0-100. */
export function weightedScore(criteria: readonly CriterionResult[], question: Question | undefined): number {
  let total = 0;
  let earned = 0;
  for (const c of criteria) {
    if (c.verdict === 'n/a') continue;
    const weight = weightOf(c.id, question);
    total += weight;
    earned += weight * POINTS[c.verdict];
  }
  return total === 0 ? 0 : Math.round((earned / total) * 100);
}

export function bandFor(score: number): Band {
  for (const [limit, band] of BANDS) if (score < limit) return band;
  return 'strongly-inclined';
}

/**
 * Red flags a debrief would not look past, whatever the average: no Action or no Result, no visible
 * contribution of the candidate's own, blame, or a hypothetical story.
 */
export function capReasons(
  criteria: readonly CriterionResult[],
  missing: { action: boolean; result: boolean },
): string[] {
  const verdict = (id: CriterionId) => criteria.find((c) => c.id === id)?.verdict;
  const reasons: string[] = [];
  if (missing.action) reasons.push('no Action');
  if (missing.result) reasons.push('no Result');
  if (verdict('first-person') === 'fail' && verdict('specific-actions') === 'fail')
    reasons.push('own contribution not visible');
  if (verdict('no-blame') === 'fail') reasons.push('blame');
  if (verdict('concrete-event') === 'fail') reasons.push('not a real past event');
  return reasons;
}

/**
 * `focus`, when one section is graded alone: the criteria that section exists for. The conduct criteria judged
 * on every part (no blame, a real event, confident words) pass in almost any section, so they may lower the
 * score but not lift a section that fails its own criteria.
 */
export function overall(
  criteria: readonly CriterionResult[],
  question: Question | undefined,
  missing: { action: boolean; result: boolean },
  focus?: ReadonlySet<CriterionId>,
): { score: number; band: Band } {
  const all = weightedScore(criteria, question);
  const own = focus ? criteria.filter((c) => focus.has(c.id) && c.verdict !== 'n/a') : [];
  const raw = own.length > 0 ? Math.min(all, weightedScore(own, question)) : all;
  const score = capReasons(criteria, missing).length > 0 ? Math.min(raw, CAPPED_SCORE) : raw;
  return { score, band: bandFor(score) };
}
