import { type AnswerParts, compileRules, grade, judgeFollowUp } from '../rubric/index.ts';
import type { ContentBank } from './load.ts';
import { questionFile } from './packs.ts';
import { type CriterionId, PART_NAMES, type PartName, type Question } from './schema.ts';

const flagged = (verdict: string | undefined) => verdict === 'fail' || verdict === 'partial';

function verdictOf(
  bank: ContentBank,
  question: Question,
  input: AnswerParts,
  criterion: CriterionId,
  section?: PartName,
) {
  const result = grade(input, bank, { questionId: question.id, ...(section ? { section } : {}) });
  return result.criteria.find((c) => c.id === criterion)?.verdict;
}

/**
 * Content and rubric agree when each bad example is flagged (fail or partial) on the criteria it illustrates and
 * each good example passes them: graded alone as its part, and inside a whole answer of the question's good parts.
 * Each follow-up's bad answer fails and its good answer passes, judged on the follow-up question alone.
 * Returns one line per disagreement, naming the file and the example.
 */
export function checkAgreement(bank: ContentBank, question: Question): string[] {
  const problems: string[] = [];
  const file = questionFile(bank, question);
  const good: AnswerParts = Object.fromEntries(PART_NAMES.map((p) => [p, question.parts[p].good]));
  for (const part of PART_NAMES) {
    const guide = question.parts[part];
    for (const criterion of guide.criteria) {
      const alone = verdictOf(bank, question, { [part]: guide.bad }, criterion, part);
      if (!flagged(alone))
        problems.push(`${file}: parts.${part}.bad is not flagged on ${criterion} (got ${alone})`);
      const goodAlone = verdictOf(bank, question, { [part]: guide.good }, criterion, part);
      if (goodAlone !== 'pass')
        problems.push(`${file}: parts.${part}.good does not pass ${criterion} (got ${goodAlone})`);
      const inWhole = verdictOf(bank, question, { ...good, [part]: guide.bad }, criterion);
      if (!flagged(inWhole))
        problems.push(
          `${file}: parts.${part}.bad inside a whole answer is not flagged on ${criterion} (got ${inWhole})`,
        );
      const whole = verdictOf(bank, question, good, criterion);
      if (whole !== 'pass')
        problems.push(`${file}: the all-good answer does not pass ${criterion} (got ${whole})`);
    }
  }
  // Follow-up examples are judged on the question they answer, never against the stored examples themselves.
  const rules = compileRules(bank.followUpKinds);
  question.followUps.forEach((followUp, i) => {
    const bad = judgeFollowUp(followUp.bad, followUp.question, rules);
    if (bad.verdict !== 'fail')
      problems.push(
        `${file}: followUps[${i}] (${followUp.id}).bad does not fail (got ${bad.verdict}: ${bad.reasons.join('; ')})`,
      );
    const good = judgeFollowUp(followUp.good, followUp.question, rules);
    if (good.verdict !== 'pass')
      problems.push(
        `${file}: followUps[${i}] (${followUp.id}).good does not pass (got ${good.verdict}: ${good.reasons.join('; ')})`,
      );
  });
  return [...new Set(problems)];
}
