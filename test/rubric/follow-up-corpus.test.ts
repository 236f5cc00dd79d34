import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.ts';
import { type FollowUpEntry, loadFollowUpEntries, measure, report } from './follow-up-agreement.ts';

// The follow-up grader's tuning set: replies written and labelled for it, plus every follow-up example in the
// question bank (bad ones must fail, good ones pass). Tuned on, so this guards against regressions; the honest
// figure is the blind set's (follow-up-blind.test.ts).
const corpus = loadFollowUpEntries([new URL('./follow-up-corpus.yaml', import.meta.url).pathname]);
const examples: FollowUpEntry[] = loadContent().questions.flatMap((q) =>
  q.followUps.flatMap((f) => [
    {
      id: `${q.id}#${f.id}.bad`,
      question: f.question,
      reply: f.bad,
      expected: 'fail' as const,
      file: 'content',
    },
    {
      id: `${q.id}#${f.id}.good`,
      question: f.question,
      reply: f.good,
      expected: 'pass' as const,
      file: 'content',
    },
  ]),
);

describe('follow-up grader on its tuning set', () => {
  it('agrees with the hand labels of the tuning corpus', () => {
    const result = measure(corpus);
    console.log(report('Follow-up tuning corpus', result));
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    expect(result.agreement).toBeGreaterThanOrEqual(0.9);
  });

  it('fails every bad and passes every good follow-up example of the question bank', () => {
    const result = measure(examples);
    console.log(report('Question bank follow-up examples', result));
    expect(result.misses.map((m) => `${m.entry.id}: got ${m.got}`)).toEqual([]);
  });
});
