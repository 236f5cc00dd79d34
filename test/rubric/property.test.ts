import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CRITERION_IDS, PART_NAMES } from '../../src/content/schema.ts';
import { grade, splitAnswer } from '../../src/rubric/index.ts';
import { bankWith, SEED_QUESTION } from './fixtures.ts';

const bank = bankWith();
const MAX = 50_000;

/** Text built from STAR-ish fragments, labels, markdown and noise, so generated inputs reach the rules. */
const storyish = fc
  .array(
    fc.oneof(
      fc.constantFrom(
        'Situation:',
        '**Task**',
        '## Action',
        '(R)',
        '- Result -',
        '🎯 Reflection:',
        'I pulled the logs',
        'we fixed it together',
        'it went from 30% to 5%',
        'nobody asked me',
        'I learned that communication is important',
        'kind of basically',
        '```\ncode()\n',
        '\n\n',
        '. ',
        '“quoted” ‘text’',
        '$8K',
        'I would always',
      ),
      fc.string({ unit: 'grapheme', maxLength: 40 }),
    ),
    { maxLength: 200 },
  )
  .map((pieces) => pieces.join(' '));

const anyText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: MAX }),
  fc.string({ unit: 'binary', maxLength: MAX }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 2_000 }),
  storyish,
);

describe('grade never throws and always answers every criterion', () => {
  it('for any text, whole or as one section', () => {
    fc.assert(
      fc.property(anyText, fc.option(fc.constantFrom(...PART_NAMES), { nil: undefined }), (text, section) => {
        const result = grade(text, bank, { questionId: SEED_QUESTION, ...(section ? { section } : {}) });
        expect(result.criteria.map((c) => c.id)).toEqual([...CRITERION_IDS]);
        for (const c of result.criteria) {
          expect(['pass', 'partial', 'fail', 'n/a']).toContain(c.verdict);
          for (const e of c.evidence) expect(e.length).toBeLessThanOrEqual(220);
        }
        expect(result.overall.score).toBeGreaterThanOrEqual(0);
        expect(result.overall.score).toBeLessThanOrEqual(100);
      }),
      { numRuns: 60 },
    );
  });

  it('for any parts', () => {
    const parts = fc.record(
      Object.fromEntries(PART_NAMES.map((p) => [p, fc.string({ unit: 'grapheme', maxLength: 3_000 })])),
      { requiredKeys: [] },
    );
    fc.assert(
      fc.property(parts, (input) => {
        expect(grade(input, bank).criteria).toHaveLength(CRITERION_IDS.length);
      }),
      { numRuns: 60 },
    );
  });
});

describe('grade on very long input', () => {
  it('handles random text of 30 000 to 50 000 characters', () => {
    const long = fc.oneof(
      fc.string({ unit: 'grapheme', minLength: 30_000, maxLength: MAX }),
      fc.string({ unit: 'binary', minLength: 30_000, maxLength: MAX }),
    );
    fc.assert(
      fc.property(long, (text) => {
        expect(grade(text, bank).criteria).toHaveLength(CRITERION_IDS.length);
      }),
      { numRuns: 6 },
    );
  });

  it('grades a 40 000-character paste quickly', () => {
    const paragraph =
      'I was the on-call engineer when checkout errors jumped to 4%. I pulled the logs, traced the errors to a cache change, rolled it back and wrote a test. Errors went from 4% to 0.1% and we kept about $3K an hour of orders. ';
    const paste = paragraph.repeat(Math.ceil(40_000 / paragraph.length)).slice(0, 40_000);
    const started = performance.now();
    const result = grade(paste, bank, { questionId: SEED_QUESTION });
    expect(performance.now() - started).toBeLessThan(1_000);
    expect(result.criteria.find((c) => c.id === 'answer-length')?.verdict).toBe('fail');
  });

  it('handles one 50 000-character run with no spaces or punctuation', () => {
    expect(grade('a'.repeat(MAX), bank).criteria).toHaveLength(CRITERION_IDS.length);
    expect(grade('I '.repeat(MAX / 2), bank).criteria).toHaveLength(CRITERION_IDS.length);
    expect(grade('*_`#'.repeat(MAX / 4), bank).criteria).toHaveLength(CRITERION_IDS.length);
  });
});

describe('splitAnswer never throws', () => {
  it('returns only known, non-empty parts whose words come from the input', () => {
    fc.assert(
      fc.property(anyText, (text) => {
        const parts = splitAnswer(text);
        for (const [name, value] of Object.entries(parts)) {
          expect(PART_NAMES).toContain(name);
          expect(value.trim()).not.toBe('');
        }
      }),
      { numRuns: 80 },
    );
  });
});
