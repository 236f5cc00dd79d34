import { describe, expect, it } from 'vitest';
import { runContentCheck } from '../../src/cli/content-check.ts';
import { checkBank, MAX_FIELD_CHARS, similarity } from '../../src/content/check.ts';
import { ContentError, loadContent } from '../../src/content/load.ts';

const bank = loadContent();
const ALP = 'packs/amazon-leadership-principles/questions';

describe('the question bank', () => {
  it('covers every principle with at least 3 questions, no near-duplicates, every field short enough for Slack', () => {
    expect(checkBank(bank).map((p) => `${p.file}: ${p.problem}`)).toEqual([]);
  });

  it('has unique question ids and follow-up ids', () => {
    const ids = bank.questions.map((q) => q.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const q of bank.questions)
      expect(new Set(q.followUps.map((f) => f.id)).size).toBe(q.followUps.length);
  });

  it('draws its stories from several job families', () => {
    expect(new Set(bank.questions.map((q) => q.jobFamily)).size).toBeGreaterThanOrEqual(6);
  });
});

describe('checkBank', () => {
  const seed = bank.questions.find((q) => q.id === 'dive-deep/unexpected-root-cause')!;

  it('reports a near-duplicate question, a missing principle and an over-long field', () => {
    const copy = { ...seed, id: 'dive-deep/copy', question: `${seed.question} ` };
    const long = {
      ...seed,
      id: 'dive-deep/long',
      question: 'A different question about long things entirely?',
      summary: 'x'.repeat(MAX_FIELD_CHARS + 1),
    };
    const problems = checkBank({ ...bank, questions: [seed, copy, long] }).map(
      (p) => `${p.file}: ${p.problem}`,
    );
    expect(problems).toContain(
      `${ALP}/dive-deep/unexpected-root-cause.yaml: question is a near-duplicate of ${ALP}/dive-deep/copy.yaml`,
    );
    expect(problems).toContain(
      `${ALP}/dive-deep/long.yaml: summary is ${MAX_FIELD_CHARS + 1} characters (max ${MAX_FIELD_CHARS})`,
    );
    expect(problems.some((p) => p.startsWith(`${ALP}/ownership/: has 0 question(s)`))).toBe(true);
  });

  it('scores similar wordings high and different ones low', () => {
    expect(
      similarity(
        'Tell me about a time you simplified a process.',
        'Tell me about a time you simplified a complex process.',
      ),
    ).toBeGreaterThan(0.6);
    expect(
      similarity('Tell me about a time you hired someone.', 'Describe a decision that hurt your numbers.'),
    ).toBeLessThan(0.2);
  });
});

describe('runContentCheck', () => {
  it('prints the ContentError with file and field path and exits 1', () => {
    let err = '';
    const code = runContentCheck(
      () => {
        throw new ContentError(['questions/x/y.yaml: parts.task.targetSeconds: Too small']);
      },
      { out: () => {}, err: (t) => (err += t) },
    );
    expect(code).toBe(1);
    expect(err).toContain('questions/x/y.yaml: parts.task.targetSeconds: Too small');
  });
});
