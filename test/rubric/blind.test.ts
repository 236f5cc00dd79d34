import { existsSync, readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { agreementReport, FLOORS, missedFloors } from './agreement.ts';

// The blind holdout: answers written and labelled by people who never saw the rubric's code, in
// test/rubric/blind/*.yaml. Nobody tunes on it; it only measures. BLIND_DIR points the same test at another
// directory (the harness was checked on a copy of the corpus that way). The test fails when a floor is missed.
const DIR = process.env.BLIND_DIR ?? fileURLToPath(new URL('./blind/', import.meta.url));
const present = existsSync(DIR) && readdirSync(DIR).some((f) => f.endsWith('.yaml'));

describe.skipIf(!present)(`rubric agreement with the blind holdout (${DIR})`, () => {
  it(`reaches every floor: pooled >= ${FLOORS.pooled * 100}%, each criterion above its baseline, kappa >= ${FLOORS.kappa} where both verdicts occur, overall >= ${FLOORS.overall * 100}%`, () => {
    const { report, markdown } = agreementReport(DIR);
    console.log(`\n${markdown}\n`);
    expect(report.answers).toBeGreaterThan(0);
    expect(missedFloors(report), markdown).toEqual([]);
  });
});
