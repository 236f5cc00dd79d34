import { describe, expect, it } from 'vitest';
import { phraseUses } from './lexicon-usage.ts';

// Issue #14 and the house rule that rules must earn their place: every lexicon phrase is found in at least two
// corpus (tuning) answers, or in the content bank's walkthroughs. A phrase in one answer only is fitted to that
// answer; a phrase in none is a guess nobody measured. The only exceptions are the general grammar of spoken
// hedging below (fillers and modal hedges any speaker may use), which no corpus could ever list in full.
const GENERAL_GRAMMAR = new Set([
  'kinda',
  'sorta',
  'perhaps',
  'uh+',
  'erm+',
  'hopefully',
  'literally',
  'may have',
  'i believe',
]);

describe('lexicon phrases earn their place', () => {
  const uses = phraseUses().filter((u) => !GENERAL_GRAMMAR.has(u.phrase));

  it('checks every phrase list', () => {
    expect(uses.length).toBeGreaterThan(300);
  });

  it('has no phrase that occurs in exactly one corpus answer and nowhere in the content', () => {
    const single = uses
      .filter((u) => u.answers.length === 1 && !u.inContent)
      .map((u) => `${u.list}: "${u.phrase}" only in ${u.answers[0]}`);
    expect(single).toEqual([]);
  });

  it('has no phrase that occurs in no corpus answer and nowhere in the content', () => {
    const unused = uses
      .filter((u) => u.answers.length === 0 && !u.inContent)
      .map((u) => `${u.list}: "${u.phrase}"`);
    expect(unused).toEqual([]);
  });

  it('exempts only general grammar that is still in a phrase list', () => {
    const listed = new Set(phraseUses().map((u) => u.phrase));
    expect([...GENERAL_GRAMMAR].filter((p) => !listed.has(p))).toEqual([]);
  });
});
