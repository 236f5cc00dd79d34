import { describe, expect, it } from 'vitest';
import type { CriterionId } from '../../src/content/schema.ts';
import { grade } from '../../src/rubric/index.ts';
import type { AnswerParts, Verdict } from '../../src/rubric/types.ts';
import { bankWith } from './fixtures.ts';

// Issue #14: a cue counts only with its content. Appending a stock sentence to a weak answer must not raise
// the criterion it imitates; the same cue with its content does (so these tests can fail both ways).
const bank = bankWith();
const RANK: Record<Verdict, number> = { fail: 0, partial: 1, pass: 2, 'n/a': -1 };

const WEAK: AnswerParts = {
  situation:
    'Our warehouse was shipping a lot of orders late last spring, and customers were not happy about it.',
  task: 'I wanted things to improve.',
  action:
    'I looked at the orders from the previous month and I compared the pick times by shift. I moved the fastest sellers nearer the packing benches and I changed the pick route for the evening shift.',
  result: 'Things got better after that.',
  reflection: 'I learned that small changes to the pick route can matter more than extra staff.',
};

function verdictOf(parts: AnswerParts, id: CriterionId): Verdict {
  const found = grade(parts, bank).criteria.find((c) => c.id === id);
  if (!found) throw new Error(`no verdict for ${id}`);
  return found.verdict;
}

function appended(part: keyof AnswerParts, sentence: string): AnswerParts {
  return { ...WEAK, [part]: `${WEAK[part]} ${sentence}` };
}

const STOCK: [CriterionId, keyof AnswerParts, string][] = [
  ['scope-ownership', 'task', 'So I decided to fix it.'],
  ['scope-ownership', 'task', 'So I decided to sort it out myself.'],
  ['business-impact', 'result', 'Which saved money.'],
  ['business-impact', 'result', 'It saved a lot of time and money.'],
  ['second-order-effect', 'result', 'It became the standard.'],
  ['second-order-effect', 'result', 'And it became the new standard.'],
];

const WITH_CONTENT: [CriterionId, keyof AnswerParts, string][] = [
  [
    'scope-ownership',
    'task',
    'The pick routes belonged to the operations team, not to me, but I decided to redesign the evening route myself.',
  ],
  [
    'business-impact',
    'result',
    'Late orders fell from 14% to 5%, which saved about £3,000 a month in courier refunds.',
  ],
  [
    'second-order-effect',
    'result',
    'The new pick route became the standard for all four of our warehouses the following quarter.',
  ],
];

describe('stock phrases do not raise a weak answer', () => {
  for (const [id, part, sentence] of STOCK) {
    it(`"${sentence}" does not raise ${id}`, () => {
      const before = verdictOf(WEAK, id);
      const after = verdictOf(appended(part, sentence), id);
      expect(RANK[after]).toBeLessThanOrEqual(RANK[before]);
    });
  }
});

describe('the same cue with its content does raise it', () => {
  for (const [id, part, sentence] of WITH_CONTENT) {
    it(`"${sentence.slice(0, 60)}..." raises ${id}`, () => {
      const before = verdictOf(WEAK, id);
      const after = verdictOf(appended(part, sentence), id);
      expect(RANK[after]).toBeGreaterThan(RANK[before]);
    });
  }
});
