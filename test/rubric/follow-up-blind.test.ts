import { describe, expect, it } from 'vitest';
import { loadFollowUpEntries, measure, report, yamlFilesIn } from './follow-up-agreement.ts';

// The blind set: follow-up replies written and labelled by people who never saw the grader, and never tuned on.
// Each file holds entries {id, question, context, reply, expected: pass|partial|fail, style?, note}. Only the
// question and the reply reach the grader, as on the command line. Only the figures are printed, never the replies
// it disagrees on: reading them would be tuning on the set.
const BLIND_DIR = new URL('./follow-up-blind/', import.meta.url).pathname;
const files = yamlFilesIn(BLIND_DIR);
// See follow-up-blind/README.md for the holdout rules. The project's target is 85 %. The current set (blind-5-g,
// 64 replies by writer G) measured 85.2 % untuned (always "pass" 60.2 %); earlier writers' sets measured 66 to 75 %
// untuned. The test guards clearly above always answering the most common verdict, and not below 84 %.
const TARGET = 0.85;
const FLOOR = 0.84;

describe('follow-up grader on the blind set', () => {
  it.skipIf(files.length === 0)(
    `agrees with the blind labels at least ${FLOOR * 100}% of the time, above the always-the-same baseline (target ${TARGET * 100}%)`,
    () => {
      const entries = loadFollowUpEntries(files);
      const result = measure(entries);
      console.log(report(`Follow-up blind set (${files.length} file(s))`, result, false));
      console.log(result.agreement >= TARGET ? 'Target met.' : `Target ${TARGET * 100}% not met yet.`);
      expect(entries.length).toBeGreaterThan(0);
      expect(result.agreement).toBeGreaterThanOrEqual(FLOOR);
      expect(result.agreement).toBeGreaterThan(result.baseline.agreement + 0.1);
    },
  );
});
