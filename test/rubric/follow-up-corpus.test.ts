import { basename } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.ts';
import {
  type FollowUpEntry,
  loadFollowUpEntries,
  measure,
  report,
  yamlFilesIn,
} from './follow-up-agreement.ts';

// The follow-up grader's tuning set: replies written and labelled for it (follow-up-corpus/, one file per source,
// blind sets included once their time as a holdout is over), plus every follow-up example in the question bank
// (bad ones must fail, good ones pass). Tuned on, so this guards against regressions; the honest figure is the
// blind set's (follow-up-blind.test.ts). Each source is reported apart: a change that helps one and hurts
// another is fitting, not judging.
const files = yamlFilesIn(new URL('./follow-up-corpus/', import.meta.url).pathname);
const corpus = loadFollowUpEntries(files);
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
/**
 * Each source's floor, just below what was measured after tuning round 4: blind-2-c.yaml (another writer's
 * conventions, 66.1 % untuned), blind-3-e.yaml (75.0 % untuned) and blind-4-f.yaml (71.1 % untuned) were tuned on
 * once their time as a holdout was over, so their figures are fitted; the floors say what was measured rather than
 * hide it.
 */
const FLOORS: Record<string, number> = {
  'tuning.yaml': 0.96, // measured 96.7 %
  'blind-1-a.yaml': 0.95, // 95.5 %
  'blind-1-b.yaml': 0.93, // 93.2 %
  'blind-2-c.yaml': 0.87, // 87.5 % (66.1 % untuned)
  'blind-3-e.yaml': 0.91, // 91.7 % (75.0 % untuned)
  'blind-4-f.yaml': 0.92, // 92.2 % (71.1 % untuned)
};
/** A source added later, before it has a measured floor of its own. */
const DEFAULT_FLOOR = 0.85;

describe('follow-up grader on its tuning set', () => {
  it.each(files.map((f) => [basename(f)]))('agrees with the hand labels of %s', (name) => {
    const entries = corpus.filter((e) => basename(e.file) === name);
    const result = measure(entries);
    console.log(report(`Follow-up tuning corpus: ${name}`, result));
    expect(entries.length).toBeGreaterThanOrEqual(20);
    expect(result.agreement).toBeGreaterThanOrEqual(FLOORS[name] ?? DEFAULT_FLOOR);
    expect(result.agreement).toBeGreaterThan(result.baseline.agreement + 0.1);
  });

  it('fails every bad and passes every good follow-up example of the question bank', () => {
    const result = measure(examples);
    console.log(report('Question bank follow-up examples', result));
    expect(result.misses.map((m) => `${m.entry.id}: got ${m.got}`)).toEqual([]);
  });
});
