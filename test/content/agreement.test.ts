import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.ts';
import { type CriterionId, PART_NAMES, type PartName, type Question } from '../../src/content/schema.ts';
import { type AnswerParts, compileRules, grade, judgeFollowUp } from '../../src/rubric/index.ts';

// Every example in the question bank is a test case for the rubric: each bad example must be flagged
// (fail or partial) on the criteria it illustrates, and each good example must pass them - graded alone
// as its part, and inside a whole answer made of the question's good parts. Each follow-up's bad answer must fail
// and its good answer pass, judged on the follow-up question alone (the grader never sees the stored examples).
const bank = loadContent();
const rules = compileRules(bank.followUpKinds);
const flagged = (verdict: string | undefined) => verdict === 'fail' || verdict === 'partial';

function verdictOf(question: Question, input: AnswerParts, criterion: CriterionId, section?: PartName) {
  const result = grade(input, bank, { questionId: question.id, ...(section ? { section } : {}) });
  return result.criteria.find((c) => c.id === criterion)?.verdict;
}

function goodParts(question: Question): AnswerParts {
  return Object.fromEntries(PART_NAMES.map((p) => [p, question.parts[p].good]));
}

describe.each(bank.questions.map((q) => [q.id, q] as const))('%s', (id, question) => {
  const file = `${id}.yaml`;

  it('flags every bad part example on its criteria and passes every good one, graded alone', () => {
    const problems: string[] = [];
    for (const part of PART_NAMES) {
      const guide = question.parts[part];
      for (const criterion of guide.criteria) {
        const bad = verdictOf(question, { [part]: guide.bad }, criterion, part);
        if (!flagged(bad))
          problems.push(`${file} parts.${part}.bad not flagged on ${criterion} (got ${bad})`);
        const good = verdictOf(question, { [part]: guide.good }, criterion, part);
        if (good !== 'pass')
          problems.push(`${file} parts.${part}.good does not pass ${criterion} (got ${good})`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('flags every bad part example inside an otherwise good answer, and passes the all-good answer', () => {
    const problems: string[] = [];
    const good = goodParts(question);
    for (const part of PART_NAMES) {
      const guide = question.parts[part];
      for (const criterion of guide.criteria) {
        const bad = verdictOf(question, { ...good, [part]: guide.bad }, criterion);
        if (!flagged(bad))
          problems.push(
            `${file} parts.${part}.bad in a whole answer not flagged on ${criterion} (got ${bad})`,
          );
        const all = verdictOf(question, good, criterion);
        if (all !== 'pass')
          problems.push(
            `${file} parts.${part}.good in the whole good answer does not pass ${criterion} (got ${all})`,
          );
      }
    }
    expect(problems).toEqual([]);
  });

  it('fails every bad follow-up answer and passes every good one, on the question alone', () => {
    const problems: string[] = [];
    question.followUps.forEach((followUp, i) => {
      const bad = judgeFollowUp(followUp.bad, followUp.question, rules);
      if (bad.verdict !== 'fail')
        problems.push(
          `${file} followUps[${i}] (${followUp.id}).bad got ${bad.verdict}: ${bad.reasons.join(' | ')}`,
        );
      const good = judgeFollowUp(followUp.good, followUp.question, rules);
      if (good.verdict !== 'pass')
        problems.push(
          `${file} followUps[${i}] (${followUp.id}).good got ${good.verdict}: ${good.reasons.join(' | ')}`,
        );
    });
    expect(problems).toEqual([]);
  });
});
