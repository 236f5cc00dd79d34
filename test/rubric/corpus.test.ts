import { describe, expect, it } from 'vitest';
import { agreementTable, compareEntry, formatTable, loadCorpus } from './corpus.ts';
import { bankWith, SEED_QUESTION } from './fixtures.ts';

// Agreement with a careful coach's verdicts on the answers in test/rubric/corpus/. The rubric was developed
// with this corpus in view, so these figures are an upper bound on agreement with unseen answers; the floors
// sit a few points under what the rubric reached (overall 95%, weakest criterion 88%) to catch regressions.
const OVERALL_FLOOR = 0.92;
const CRITERION_FLOOR = 0.82;

const corpus = loadCorpus();
const bank = bankWith([SEED_QUESTION, ...corpus.flatMap((e) => (e.question ? [e.question] : []))]);
const comparisons = corpus.flatMap((entry) => compareEntry(entry, bank));
const table = agreementTable(comparisons);

describe('rubric agreement with the coach corpus', () => {
  it('has at least 40 answers with a verdict on all 12 criteria', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(40);
    for (const entry of corpus) expect(Object.keys(entry.expected)).toHaveLength(12);
  });

  it(`agrees exactly on at least ${OVERALL_FLOOR * 100}% of verdicts overall`, () => {
    console.log(`\nAgreement with the coach corpus (${corpus.length} answers)\n${formatTable(table)}\n`);
    const overall = table.find((r) => r.criterion === 'overall');
    expect(overall?.exact).toBeGreaterThanOrEqual(OVERALL_FLOOR);
  });

  it(`agrees exactly on at least ${CRITERION_FLOOR * 100}% of verdicts for every criterion`, () => {
    const weak = table
      .filter((r) => r.criterion !== 'overall' && r.exact < CRITERION_FLOOR)
      .map((r) => `${r.criterion}: ${(r.exact * 100).toFixed(1)}%`);
    const misses = comparisons
      .filter((c) => c.expected !== c.got)
      .map((c) => `${c.entry.file} ${c.entry.id} ${c.criterion}: expected ${c.expected}, got ${c.got}`);
    expect(weak, `criteria under the floor; all disagreements:\n${misses.join('\n')}`).toEqual([]);
  });
});
