import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { agreementTable, compareEntry, formatTable, loadCorpus } from './corpus.ts';
import { bankWith, SEED_QUESTION } from './fixtures.ts';

// Agreement with a careful coach's verdicts on answers the rubric was never tuned on (test/rubric/holdout/).
// This is the honest estimate of how the rubric does on unseen answers. Never tune the rubric against it.
// The floor only catches a collapse; the figure itself is printed.
const HOLDOUT_FLOOR = 0.6;

const holdout = loadCorpus(fileURLToPath(new URL('./holdout/', import.meta.url)));
const bank = bankWith([SEED_QUESTION]);
const table = agreementTable(holdout.flatMap((entry) => compareEntry(entry, bank)));

describe('rubric agreement with the held-out answers', () => {
  it('has at least 40 answers and does not collapse', () => {
    console.log(`\nAgreement with the held-out answers (${holdout.length})\n${formatTable(table)}\n`);
    expect(holdout.length).toBeGreaterThanOrEqual(40);
    expect(table.find((r) => r.criterion === 'overall')?.exact).toBeGreaterThanOrEqual(HOLDOUT_FLOOR);
  });
});
