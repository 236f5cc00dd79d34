import { describe, expect, it } from 'vitest';
import { CRITERION_IDS, PART_NAMES, type Question } from '../../src/content/schema.ts';
import {
  type AnswerParts,
  CRITERIA,
  countWords,
  estimateSeconds,
  type GradeOptions,
  grade,
  RUBRIC_VERSION,
  RubricInputError,
} from '../../src/rubric/index.ts';
import { cleanProse } from '../../src/rubric/text.ts';
import { loadCorpus } from './corpus.ts';
import { bankWith, SEED_QUESTION } from './fixtures.ts';

const bank = bankWith();
const seed = bank.questions[0]!;
const goodParts = Object.fromEntries(PART_NAMES.map((p) => [p, seed.parts[p].good])) as AnswerParts;
const badParts = Object.fromEntries(PART_NAMES.map((p) => [p, seed.parts[p].bad])) as AnswerParts;
const verdicts = (input: string | AnswerParts, options: GradeOptions = {}) =>
  Object.fromEntries(grade(input, bank, options).criteria.map((c) => [c.id, c.verdict]));

describe('grade: input and options', () => {
  it('rejects unknown question ids, sections, levels and lenses with RubricInputError', () => {
    expect(() => grade('text', bank, { questionId: 'nope/nothing' })).toThrow(RubricInputError);
    expect(() => grade('text', bank, { section: 'intro' as never })).toThrow(/Unknown section/);
    expect(() => grade('text', bank, { level: 'principal' as never })).toThrow(/Unknown level/);
    expect(() => grade('text', bank, { lens: 'recruiter' as never })).toThrow(/Unknown lens/);
  });

  it('returns every criterion in order, the version and per-part timing', () => {
    const result = grade(goodParts, bank, { questionId: SEED_QUESTION });
    expect(result.criteria.map((c) => c.id)).toEqual([...CRITERION_IDS]);
    expect(result.rubricVersion).toBe(RUBRIC_VERSION);
    expect(result.question).toBe(SEED_QUESTION);
    const situation = result.sections.situation!;
    expect(situation.words).toBe(countWords(seed.parts.situation.good));
    expect(situation.seconds).toBe(estimateSeconds(seed.parts.situation.good));
    const sum = PART_NAMES.reduce((s, p) => s + (result.sections[p]?.words ?? 0), 0);
    expect(result.totalSeconds).toBe(Math.round((sum / 150) * 60));
  });

  it('grades one section alone: only that part’s criteria are judged', () => {
    const result = grade(seed.parts.result.good, bank, { questionId: SEED_QUESTION, section: 'result' });
    for (const c of result.criteria) {
      // answer-length belongs to every part but is only judged on a whole answer.
      const judged = CRITERIA[c.id].parts.includes('result') && c.id !== 'answer-length';
      expect(c.verdict === 'n/a', c.id).toBe(!judged);
    }
    expect(Object.keys(result.sections)).toEqual(['result']);
  });

  it('takes a section from parts input', () => {
    const v = verdicts(goodParts, { questionId: SEED_QUESTION, section: 'action' });
    expect(v['first-person']).toBe('pass');
    expect(v['situation-concise']).toBe('n/a');
  });
});

describe('grade: contrasts', () => {
  it('gives a non-passing criterion the contrast of the question part that illustrates it', () => {
    const result = grade(badParts, bank, { questionId: SEED_QUESTION });
    const quantified = result.criteria.find((c) => c.id === 'quantified-result')!;
    expect(quantified.verdict).toBe('fail');
    expect(quantified.contrast).toEqual({
      bad: seed.parts.result.bad,
      why: seed.parts.result.why,
      good: seed.parts.result.good,
      source: 'part',
    });
    for (const c of result.criteria)
      if (c.verdict === 'pass' || c.verdict === 'n/a') expect(c.contrast).toBeUndefined();
  });

  it('falls back to a follow-up that illustrates the criterion, then to the general guide', () => {
    const reflection = { ...seed.parts.reflection, criteria: ['no-blame' as const] };
    const edited: Question = { ...seed, parts: { ...seed.parts, reflection } };
    const custom = { ...bank, questions: [edited] };
    const result = grade({ ...goodParts, reflection: 'I learned that teamwork is important.' }, custom, {
      questionId: SEED_QUESTION,
    });
    const c = result.criteria.find((x) => x.id === 'specific-reflection')!;
    expect(c.contrast?.source).toBe('follow-up');
    expect(c.contrast?.bad).toBe(seed.followUps.find((f) => f.id === 'do-differently')?.bad);
  });

  it('uses the general guide without a question', () => {
    const result = grade(badParts, bank);
    const c = result.criteria.find((x) => x.id === 'first-person')!;
    const general = bank.general.criteria['first-person']!;
    expect(c.contrast).toEqual({ bad: general.bad, why: general.why, good: general.good, source: 'general' });
    expect(result.followUps.map((f) => f.id)).toEqual(['own-words']);
    expect(result.question).toBeNull();
  });
});

describe('grade: score and band', () => {
  it('puts the model answer in the top band and the weak one in the bottom band', () => {
    const strong = grade(goodParts, bank, { questionId: SEED_QUESTION });
    expect(strong.overall.band).toBe('strongly-inclined');
    expect(strong.overall.score).toBeGreaterThanOrEqual(80);
    const weak = grade(badParts, bank, { questionId: SEED_QUESTION });
    expect(weak.overall.band).toBe('strongly-not-inclined');
  });

  it('weights criteria by the question and leaves n/a out', () => {
    const result = grade(badParts, bank, { questionId: SEED_QUESTION });
    const points = { pass: 1, partial: 0.5, fail: 0 } as const;
    let earned = 0;
    let total = 0;
    for (const c of result.criteria) {
      if (c.verdict === 'n/a') continue;
      const weight = seed.rubric.weights[c.id] ?? 1;
      total += weight;
      earned += weight * points[c.verdict];
    }
    expect(result.overall.score).toBe(Math.round((earned / total) * 100));
  });

  it('caps the band when the Result is missing, however good the rest', () => {
    const { result: _, ...noResult } = goodParts;
    const graded = grade(noResult, bank, { questionId: SEED_QUESTION });
    expect(graded.overall.score).toBeLessThan(70);
    expect(['not-inclined', 'strongly-not-inclined']).toContain(graded.overall.band);
  });
});

/** The follow-ups chosen from the question bank; the last one asked is always on the person's own words. */
const storedIds = (followUps: readonly { id: string }[]) => {
  expect(followUps.at(-1)?.id).toBe('own-words');
  return followUps.slice(0, -1).map((f) => f.id);
};

describe('grade: follow-ups', () => {
  it('asks three when something is weak, probing the weakest criteria first', () => {
    const noScope = { ...goodParts, task: seed.parts.task.bad };
    const result = grade(noScope, bank, { questionId: SEED_QUESTION });
    expect(storedIds(result.followUps)).toHaveLength(3);
    expect(result.followUps[0]?.id).toBe('why-not-escalate');
  });

  it('asks two when everything passes', () => {
    expect(storedIds(grade(goodParts, bank, { questionId: SEED_QUESTION }).followUps)).toHaveLength(2);
  });

  it('leaves out follow-ups not meant for the level', () => {
    const junior = grade(badParts, bank, { questionId: SEED_QUESTION, level: 'junior' });
    expect(junior.followUps.map((f) => f.id)).not.toContain('do-differently');
    const senior = grade(badParts, bank, { questionId: SEED_QUESTION, level: 'senior' });
    expect(senior.followUps.map((f) => f.id)).toContain('do-differently');
  });

  it('breaks ties by the lens', () => {
    const noReflection = { ...goodParts, reflection: seed.parts.reflection.bad };
    const ids = (options: GradeOptions) => storedIds(grade(noReflection, bank, options).followUps);
    // The weak reflection puts do-differently first; among the rest, the technical lens favours why-alerting.
    expect(ids({ questionId: SEED_QUESTION, lens: 'technical' })).toEqual([
      'do-differently',
      'why-alerting',
      'why-not-escalate',
    ]);
    expect(ids({ questionId: SEED_QUESTION })).toEqual([
      'do-differently',
      'why-not-escalate',
      'hardest-part',
    ]);
  });
});

describe('grade: level and lens', () => {
  const noOrgReach = {
    ...goodParts,
    result:
      'After the fix shipped, the drop rate went from 0.3% to zero over six weeks, which recovered about $8K a week in orders.',
  };

  it('asks seniors for organisational reach where mids pass', () => {
    expect(verdicts(noOrgReach, { questionId: SEED_QUESTION, level: 'mid' })['second-order-effect']).toBe(
      'fail',
    );
    const senior = grade(noOrgReach, bank, { questionId: SEED_QUESTION, level: 'senior' });
    const c = senior.criteria.find((x) => x.id === 'second-order-effect')!;
    expect(c.advice).toMatch(/organisational|senior/i);
  });

  it('is gentler with juniors when the rest of the answer is good', () => {
    expect(verdicts(noOrgReach, { questionId: SEED_QUESTION, level: 'junior' })['second-order-effect']).toBe(
      'partial',
    );
  });

  it('adds the lens emphasis to advice on the criteria that lens cares about', () => {
    const plain = grade(badParts, bank, { questionId: SEED_QUESTION });
    const leader = grade(badParts, bank, { questionId: SEED_QUESTION, lens: 'senior-leader' });
    const advice = (r: typeof plain) => r.criteria.find((c) => c.id === 'business-impact')!.advice;
    expect(advice(leader)).not.toBe(advice(plain));
    expect(advice(leader)).toContain(seed.lenses['senior-leader'].detail);
  });
});

describe('countWords and estimateSeconds', () => {
  it('counts spoken words, not code blocks or markdown', () => {
    expect(countWords('I pulled the **delivery** logs.')).toBe(5);
    expect(countWords('I wrote:\n```\nconst a = 1;\n```\nthen shipped it')).toBe(5);
    expect(countWords('')).toBe(0);
  });
  it('estimates 150 words a minute', () => {
    expect(estimateSeconds(Array.from({ length: 150 }, () => 'word').join(' '))).toBe(60);
    expect(estimateSeconds(Array.from({ length: 300 }, () => 'word').join(' '))).toBe(120);
  });
});

describe('grade: evidence', () => {
  /** Against the answer as the rubric reads it (cleanProse: straight quotes and dashes, no emoji; no list markers); a quote shortened with "..." is checked piece by piece, after its '"phrase": ' label. */
  const squash = (text: string) =>
    text
      .replace(/^\s*(?:[-*•]|\d+[.)])\s+/gm, '')
      .replace(/\s+/g, ' ')
      .trim();
  const quotesFrom = (quote: string, answer: string) =>
    squash(quote)
      .replace(/^"[^"]+": /, '')
      .split('...')
      .map((piece) => piece.trim())
      .filter((piece) => piece.length > 0)
      .every((piece) => answer.includes(piece));

  it("only ever quotes the user's own words; timing goes in measured", () => {
    const answers = loadCorpus().map((entry) => ({
      input: entry.text ?? entry.parts ?? '',
      options: entry.section ? { section: entry.section } : {},
    }));
    let quotes = 0;
    for (const { input, options } of answers) {
      const answer = squash(cleanProse(typeof input === 'string' ? input : Object.values(input).join(' ')));
      for (const c of grade(input, bank, options).criteria) {
        for (const e of c.evidence) {
          quotes++;
          expect(quotesFrom(e, answer), `${c.id} quoted "${e}"`).toBe(true);
        }
      }
    }
    expect(quotes).toBeGreaterThan(answers.length);
    const timed = grade(goodParts, bank, { questionId: SEED_QUESTION }).criteria;
    expect(timed.find((c) => c.id === 'answer-length')?.measured).toMatch(
      /^About .* spoken \(\d+ words\): Situation \d+ s of \d+ s/,
    );
    expect(timed.find((c) => c.id === 'situation-concise')?.measured).toMatch(
      /^Situation about \d+ s of a 45 s limit/,
    );
  });
});
