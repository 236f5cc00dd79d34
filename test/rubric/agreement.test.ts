import { describe, expect, it } from 'vitest';
import type { Verdict } from '../../src/rubric/types.ts';
import {
  agreement,
  baseline,
  cohenKappa,
  FLOORS,
  missedFloors,
  mostCommon,
  type Report,
} from './agreement.ts';

const pairs = (spec: [Verdict, Verdict, number][]) =>
  spec.flatMap(([expected, got, n]) => Array.from({ length: n }, () => ({ expected, got })));

describe('agreement measures', () => {
  it("Cohen's kappa matches the textbook example (po 0.7, pe 0.5)", () => {
    const p = pairs([
      ['pass', 'pass', 20],
      ['pass', 'fail', 5],
      ['fail', 'pass', 10],
      ['fail', 'fail', 15],
    ]);
    expect(cohenKappa(p)).toBeCloseTo(0.4, 10);
  });

  it('gives kappa 0 to always answering the most common verdict', () => {
    const p = pairs([
      ['pass', 'pass', 8],
      ['fail', 'pass', 2],
    ]);
    expect(cohenKappa(p)).toBeCloseTo(0, 10);
  });

  it('counts a partial against a pass or fail as half, pass against fail as nothing', () => {
    expect(
      agreement(
        pairs([
          ['pass', 'pass', 1],
          ['pass', 'partial', 1],
          ['fail', 'partial', 1],
          ['fail', 'pass', 1],
        ]),
      ),
    ).toBeCloseTo(2 / 4, 10);
  });

  it('scores the baseline as always the most common label', () => {
    const labels: Verdict[] = ['pass', 'pass', 'pass', 'partial', 'fail'];
    expect(mostCommon(labels)).toBe('pass');
    expect(baseline(labels)).toBeCloseTo((3 + 0.5 + 0) / 5, 10);
  });

  it('reports every missed floor', () => {
    const r: Report = {
      answers: 10,
      rows: [
        { criterion: 'no-blame', n: 10, agreement: 0.8, baseline: 0.9, kappa: 0.5, verdicts: 2 },
        { criterion: 'answer-length', n: 10, agreement: 1, baseline: 1, kappa: undefined, verdicts: 1 },
      ],
      pooled: { n: 20, agreement: 0.89, baseline: 0.95, kappa: 0.5 },
      overall: { n: 10, agreement: 0.8, baseline: 0.6, kappa: 0.5 },
    };
    const missed = missedFloors(r);
    expect(missed).toHaveLength(4);
    expect(missed.join('\n')).toContain(`< ${FLOORS.kappa}`);
    expect(
      missedFloors({ ...r, rows: [], pooled: { ...r.pooled, agreement: 0.95 }, overall: undefined }),
    ).toEqual([]);
  });
});
