import type { ContentBank } from '../content/load.ts';
import type { CriterionId, FollowUp, LensId, Level, Question } from '../content/schema.ts';
import { forLens, forLevel } from './advice.ts';
import { buildAnswer } from './answer.ts';
import { actionEvidence } from './criteria/actions.ts';
import { type Context, evidenceFrom, type Judgement } from './criteria/context.ts';
import { CHECKS } from './criteria/index.ts';
import { contentWords, countWords } from './text.ts';
import type { Contrast, CriterionResult, Verdict } from './types.ts';

const SEVERITY: Record<Verdict, number> = { fail: 2, partial: 1, pass: 0, 'n/a': 0 };
const RANK: Record<Verdict, number> = { fail: 0, partial: 1, pass: 2, 'n/a': 3 };
const MAX_FOLLOW_UPS = 3;

/**
 * Follow-ups to ask next: those suited to the level, the ones probing the weakest criteria first, lens
 * matches breaking ties, otherwise in the question's order. Three when something is weak, else two.
 */
export function selectFollowUps(
  question: Question | undefined,
  criteria: readonly CriterionResult[],
  level: Level | undefined,
  lens: LensId | undefined,
): { id: string; question: string }[] {
  if (!question) return [];
  const verdictOf = (id: CriterionId) => criteria.find((c) => c.id === id)?.verdict ?? 'n/a';
  const suited = question.followUps.filter((f) => !level || !f.levels || f.levels.includes(level));
  const ranked = suited
    .map((f, order) => {
      const severities = f.criteria.map((id) => SEVERITY[verdictOf(id)]);
      return {
        f,
        order,
        worst: Math.max(0, ...severities),
        total: severities.reduce((a, b) => a + b, 0),
        lens: lens && f.lenses?.includes(lens) ? 1 : 0,
      };
    })
    .sort((a, b) => b.worst - a.worst || b.lens - a.lens || b.total - a.total || a.order - b.order);
  const weak = criteria.some((c) => c.verdict === 'fail' || c.verdict === 'partial');
  return ranked
    .slice(0, weak ? MAX_FOLLOW_UPS : MAX_FOLLOW_UPS - 1)
    .map(({ f }) => ({ id: f.id, question: f.question }));
}

/** Words that carry a reason rather than a list of steps. */
const REASONING =
  /\b(?:because|so that|so |which meant|meaning|instead of|otherwise|in the first place|that's why|the reason|since|therefore|which is why|to avoid|to make sure|to stop)\b/;
const DETAIL_PASS = 12;
const DETAIL_PARTIAL = 6;
/** Below this many words a follow-up answer is too thin to pass, whatever it contains. */
const MIN_WORDS = 8;
const SIMILARITY_MARGIN = 0.08;

/** For "why" follow-ups: a specific, reasoned answer counts as detail even without first-person steps. */
function detailJudgement(ctx: Context): Judgement {
  const sentences = ctx.answer.sentences;
  const text = sentences.map((s) => s.lower).join(' ');
  const distinct = new Set(contentWords(text)).size;
  const found = actionEvidence(ctx, sentences);
  const clean = found.vague.length === 0 && found.routing.length === 0;
  if (distinct >= DETAIL_PASS && REASONING.test(text) && clean) {
    return { verdict: 'pass', evidence: evidenceFrom(sentences), advice: 'Specific and reasoned.' };
  }
  if (distinct >= DETAIL_PARTIAL && clean) {
    return {
      verdict: 'partial',
      evidence: evidenceFrom(sentences),
      advice: 'Add the specifics: what exactly, and why it mattered here.',
    };
  }
  return {
    verdict: 'fail',
    evidence: [],
    advice: 'Too vague: give the specific steps or the concrete reason.',
  };
}

function better(a: Judgement, b: Judgement): Judgement {
  return RANK[a.verdict] >= RANK[b.verdict] ? a : b;
}

function overlap(a: Set<string>, b: Set<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const w of a) if (b.has(w)) shared++;
  return shared / Math.min(a.size, b.size);
}

/**
 * Judges an answer to a follow-up on that follow-up's criteria, with closeness to its good or bad example
 * only as a tiebreaker. The contrast is the follow-up's own.
 */
export function gradeFollowUp(
  answer: string,
  followUp: FollowUp,
  question: Question,
  _bank: ContentBank,
  options: { level?: Level; lens?: LensId } = {},
): { verdict: Verdict; evidence: string[]; advice: string; contrast: Contrast } {
  const text = typeof answer === 'string' ? answer : '';
  const level = options.level ?? 'mid';
  const ctx: Context = {
    answer: buildAnswer({ action: text }, true),
    question,
    level,
    lens: options.lens,
    section: undefined,
    followUp: true,
  };
  const contrast: Contrast = {
    bad: followUp.bad,
    why: followUp.why,
    good: followUp.good,
    source: 'follow-up',
  };
  const judged = followUp.criteria.map((id) => {
    let j = CHECKS[id](ctx);
    if (id === 'specific-actions') j = better(j, detailJudgement(ctx));
    return { id, j: forLens(id, forLevel(id, j, level, question, true), options.lens, question) };
  });
  const applicable = judged.filter((x) => x.j.verdict !== 'n/a');
  let verdict: Verdict = applicable.reduce<Verdict>(
    (worst, x) => (RANK[x.j.verdict] < RANK[worst] ? x.j.verdict : worst),
    applicable.length > 0 ? 'pass' : 'n/a',
  );
  const words = countWords(text);
  if (words < MIN_WORDS && verdict === 'pass') verdict = 'partial';
  const mine = new Set(contentWords(text));
  const towardsGood =
    overlap(mine, new Set(contentWords(followUp.good))) - overlap(mine, new Set(contentWords(followUp.bad)));
  if (
    verdict === 'partial' &&
    words >= 15 &&
    towardsGood > SIMILARITY_MARGIN &&
    !applicable.some((x) => x.j.verdict === 'fail')
  ) {
    verdict = 'pass';
  } else if (verdict === 'pass' && towardsGood < -SIMILARITY_MARGIN * 3) verdict = 'partial';
  if (words === 0) verdict = 'fail';

  const flagged = applicable.find((x) => x.j.verdict !== 'pass');
  const evidence = [...new Set(applicable.flatMap((x) => x.j.evidence))].slice(0, 3);
  const advice =
    verdict === 'pass'
      ? 'Strong follow-up answer: specific and in the first person.'
      : words < MIN_WORDS
        ? 'Too short to convince: give the specific steps or reasons, in the first person.'
        : (flagged?.j.advice ??
          'Closer to the weak example than the strong one: add your own specific steps or reasons.');
  return { verdict, evidence, advice, contrast };
}
