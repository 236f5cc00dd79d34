import type { ContentBank } from '../content/load.ts';
import type { FollowUp, Question } from '../content/schema.ts';
import type { FollowUpRules } from '../rubric/follow-up-kinds.ts';
import { compileRules, type FollowUpGrade, judgeFollowUp, kindsOf, RUBRIC_VERSION } from '../rubric/index.ts';

const same = (a: string, b: string) =>
  a.toLowerCase().replace(/\W+/g, ' ').trim() === b.toLowerCase().replace(/\W+/g, ' ').trim();

/**
 * The stored follow-up whose examples to show beside a grade: the question's follow-up with this wording, else
 * its first follow-up asking the same kinds. Shown only; the grade never reads it.
 */
export function storedContrast(
  question: Question | undefined,
  asked: string,
  rules: FollowUpRules,
): FollowUp | undefined {
  if (!question) return undefined;
  const exact = question.followUps.find((f) => same(f.question, asked));
  if (exact) return exact;
  const kinds = kindsOf(asked, rules).map((k) => k.id);
  if (kinds.length === 0) return undefined;
  return question.followUps.find((f) => {
    const theirs = kindsOf(f.question, rules).map((k) => k.id);
    return theirs.length === kinds.length && theirs.every((k) => kinds.includes(k));
  });
}

/** `{question, rubricVersion, followUp: {question, verdict, reasons}}`, exactly. */
export function followUpJson(questionId: string | null, asked: string, graded: FollowUpGrade): object {
  return {
    question: questionId,
    rubricVersion: RUBRIC_VERSION,
    followUp: { question: asked, verdict: graded.verdict, reasons: graded.reasons },
  };
}

const VERDICT_TITLES = { pass: 'PASS', partial: 'PARTIAL', fail: 'FAIL' } as const;

export function followUpReport(
  bank: ContentBank,
  questionId: string | null,
  asked: string,
  graded: FollowUpGrade,
): string {
  const rules = compileRules(bank.followUpKinds);
  const names = new Map(rules.kinds.map((k) => [k.id, k.name]));
  const kinds = graded.kinds.map((id) => names.get(id) ?? id);
  const question = bank.questions.find((q) => q.id === questionId);
  const lines = [
    `STAR Coach follow-up grade (rubric ${RUBRIC_VERSION})`,
    `Follow-up: ${asked}`,
    `It asks: ${kinds.length > 0 ? kinds.join('; ') : 'no kind I recognise, so the reply is read for the words it asks about'}`,
    '',
    `Verdict: ${VERDICT_TITLES[graded.verdict]}`,
    ...graded.reasons.map((r) => `  - ${r}`),
    `  ${graded.advice}`,
  ];
  if (question) {
    const stored = storedContrast(question, asked, rules);
    lines.push('');
    if (stored) {
      lines.push(`For contrast, from ${question.id} ("${stored.question}"):`);
      lines.push(`  Weak:   ${stored.bad.replace(/\s+/g, ' ')}`);
      lines.push(`  Why:    ${stored.why.replace(/\s+/g, ' ')}`);
      lines.push(`  Strong: ${stored.good.replace(/\s+/g, ' ')}`);
    } else
      lines.push(`${question.id} has no stored follow-up like this one, so there is no contrast to show.`);
  }
  return `${lines.join('\n')}\n`;
}

/** Grades a follow-up reply; the question id only chooses the contrast shown, never the grade. */
export function gradeFollowUpCommand(
  bank: ContentBank,
  asked: string,
  reply: string,
  questionId: string | null,
  json: boolean,
): string {
  const graded = judgeFollowUp(reply, asked, compileRules(bank.followUpKinds));
  return json
    ? `${JSON.stringify(followUpJson(questionId, asked, graded))}\n`
    : followUpReport(bank, questionId, asked, graded);
}
