import type { ContentBank } from '../content/load.ts';
import type { JobFamilyId, Question } from '../content/schema.ts';
import type { CriterionResult, GradeResult } from '../rubric/types.ts';
import { familyContrast, storyFrom } from './family.ts';
import { message } from './messages.ts';
import type { MessagePart, OutgoingMessage } from './types.ts';

const SEVERITY = { fail: 1, partial: 0.5, pass: 0, 'n/a': 0 } as const;
const MAX_ISSUES = 4;
const MAX_CONTRASTS = 2;
const MAX_STRENGTHS = 3;

function weightOf(question: Question | undefined, criterion: CriterionResult): number {
  return question?.rubric.weights[criterion.id] ?? 1;
}

/** Non-passing criteria, the ones that cost the most first (severity times the question's weight). */
export function rankIssues(result: GradeResult, question: Question | undefined): CriterionResult[] {
  return result.criteria
    .filter((c) => c.verdict === 'fail' || c.verdict === 'partial')
    .map((c, order) => ({ c, order, cost: SEVERITY[c.verdict] * weightOf(question, c) }))
    .sort((a, b) => b.cost - a.cost || a.order - b.order)
    .map(({ c }) => c);
}

/** The contrast shown for an issue: from a walkthrough of the person's family when the question's is from another. */
function contrastPart(
  bank: ContentBank,
  c: CriterionResult,
  title: string,
  question: Question | undefined,
  family: JobFamilyId | null,
): MessagePart | undefined {
  const own = question && familyContrast(bank, c.id, question, family);
  if (own && family)
    return {
      kind: 'contrast',
      criterion: c.id,
      title: `${title} (from ${storyFrom(family)})`,
      contrast: own.contrast,
    };
  return c.contrast ? { kind: 'contrast', criterion: c.id, title, contrast: c.contrast } : undefined;
}

/** The feedback message and the contrast messages for the top issues. */
export function feedbackMessages(
  bank: ContentBank,
  result: GradeResult,
  question: Question | undefined,
  family: JobFamilyId | null = null,
): OutgoingMessage[] {
  const title = (c: CriterionResult) => bank.general.criteria[c.id]?.title ?? c.id;
  const issues = rankIssues(result, question);
  const strengths = result.criteria
    .filter((c) => c.verdict === 'pass' && c.evidence.length > 0)
    .sort((a, b) => weightOf(question, b) - weightOf(question, a))
    .slice(0, MAX_STRENGTHS);
  const seconds = Object.fromEntries(Object.entries(result.sections).map(([part, s]) => [part, s.seconds]));
  const feedback = message({
    kind: 'feedback',
    band: result.overall.band,
    score: result.overall.score,
    seconds,
    totalSeconds: result.totalSeconds,
    issues: issues.slice(0, MAX_ISSUES).map((c) => ({
      criterion: c.id,
      title: title(c),
      verdict: c.verdict,
      evidence: c.evidence,
      advice: c.advice,
      ...(c.measured ? { measured: c.measured } : {}),
    })),
    strengths: strengths.map((c) => ({ criterion: c.id, title: title(c), evidence: c.evidence })),
  });
  const contrasts: MessagePart[] = issues
    .flatMap((c) => contrastPart(bank, c, title(c), question, family) ?? [])
    .slice(0, MAX_CONTRASTS);
  return contrasts.length > 0 ? [feedback, message(...contrasts)] : [feedback];
}
