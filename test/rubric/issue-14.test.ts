import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { grade, splitAnswer } from '../../src/rubric/index.ts';
import { strengthOf } from './agreement.ts';
import { loadCorpus } from './corpus.ts';
import { bankWith } from './fixtures.ts';

// The three answers from issue #14 (a nurse, a support agent telling the story in the present tense, a
// purchasing assistant in non-native English), written out in full, with the verdicts a careful coach gives.
const cases = loadCorpus(fileURLToPath(new URL('./cases/', import.meta.url)));
const bank = bankWith();
const byId = (id: string) => {
  const entry = cases.find((c) => c.id === id);
  if (!entry?.text) throw new Error(`missing case ${id}`);
  return entry;
};

describe('the three answers from issue #14', () => {
  it('has all three', () => {
    expect(cases.map((c) => c.id).sort()).toEqual([
      'nurse-early-sepsis-night-shift',
      'supplier-lead-times-non-native',
      'support-agent-outage-present-tense',
    ]);
  });

  for (const entry of cases) {
    it(`${entry.id}: every criterion gets the coach's verdict, and the overall call is ${entry.overall}`, () => {
      const result = grade(entry.text ?? '', bank, entry.level ? { level: entry.level } : {});
      const got = Object.fromEntries(result.criteria.map((c) => [c.id, c.verdict]));
      expect(got).toEqual(entry.expected);
      expect(strengthOf(result.overall.band)).toBe(entry.overall);
    });
  }

  it('the nurse: a patient outcome is the business meaning', () => {
    const result = grade(byId('nurse-early-sepsis-night-shift').text ?? '', bank);
    const impact = result.criteria.find((c) => c.id === 'business-impact');
    expect(impact?.verdict).toBe('pass');
    expect(impact?.evidence.join(' ')).toMatch(/intensive care|lactate/);
  });

  it('the support agent: a present-tense story splits into all five parts and is one event, with a tense tip', () => {
    const text = byId('support-agent-outage-present-tense').text ?? '';
    const parts = splitAnswer(text);
    expect(Object.keys(parts)).toEqual(['situation', 'task', 'action', 'result', 'reflection']);
    expect(parts.result).toMatch(/10 out of 10/);
    expect(parts.reflection).toMatch(/^What I take from it/);
    const event = grade(text, bank).criteria.find((c) => c.id === 'concrete-event');
    expect(event?.verdict).toBe('pass');
    expect(event?.advice).toMatch(/past tense/);
  });

  it('the non-native answer: scope, steps and no-blame are read past the grammar', () => {
    const result = grade(byId('supplier-lead-times-non-native').text ?? '', bank);
    const verdict = (id: string) => result.criteria.find((c) => c.id === id)?.verdict;
    expect(verdict('scope-ownership')).toBe('pass');
    expect(verdict('specific-actions')).toBe('pass');
    expect(verdict('no-blame')).toBe('pass');
  });
});
