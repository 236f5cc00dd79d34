import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { agreementReport, FLOORS, missedFloors, REGRESSION_FLOORS } from './agreement.ts';

// The blind holdout: answers written and labelled by people who never saw the rubric's code, in
// test/rubric/blind/*.yaml (rules in its README.md). Nobody tunes on it; it only measures. Between sets the folder
// holds only its README and the test is skipped. BLIND_DIR points the same test at another directory (the harness
// was checked on a copy of the corpus that way). The test fails below REGRESSION_FLOORS (each criterion above its
// baseline; pooled and overall floors); the targets (FLOORS) are printed, met or not.
const DIR = process.env.BLIND_DIR ?? fileURLToPath(new URL('./blind/', import.meta.url));
const present = existsSync(DIR) && readdirSync(DIR).some((f) => f.endsWith('.yaml'));

describe.skipIf(!present)(`rubric agreement with the blind holdout (${DIR})`, () => {
  it(`stays above its baselines: each criterion above its baseline, pooled >= ${REGRESSION_FLOORS.pooled * 100}%, overall >= ${REGRESSION_FLOORS.overall * 100}%`, () => {
    const { report, markdown } = agreementReport(DIR);
    const targets = missedFloors(report, FLOORS);
    console.log(`\n${markdown}\n\nTargets missed: ${targets.length === 0 ? 'none' : targets.join('; ')}\n`);
    expect(report.answers).toBeGreaterThan(0);
    expect(missedFloors(report, REGRESSION_FLOORS), markdown).toEqual([]);
  });
});
