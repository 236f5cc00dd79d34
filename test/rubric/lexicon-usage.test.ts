import { describe, expect, it } from 'vitest';
import { phraseUses } from './lexicon-usage.ts';

// Issue #14: a phrase that only one tuning answer contains is fitted to that answer, not to the language. Every
// lexicon phrase found in the corpus must be found in at least two of its answers, or in the content bank.
// Phrases found in no answer at all are general vocabulary ("investigated", "perhaps") and may stay.
describe('lexicon phrases are not fitted to a single tuning answer', () => {
  const uses = phraseUses();

  it('checks every phrase list', () => {
    expect(uses.length).toBeGreaterThan(300);
  });

  it('has no phrase that occurs in exactly one corpus answer and nowhere in the content', () => {
    const single = uses
      .filter((u) => u.answers.length === 1 && !u.inContent)
      .map((u) => `${u.list}: "${u.phrase}" only in ${u.answers[0]}`);
    expect(single).toEqual([]);
  });
});
