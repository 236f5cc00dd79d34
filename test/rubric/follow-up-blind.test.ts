import { describe, expect, it } from 'vitest';
import { loadFollowUpEntries, measure, report, yamlFilesIn } from './follow-up-agreement.ts';

// The blind set: follow-up replies written and labelled by people who never saw the grader, and never tuned on.
// Each file holds entries {id, question, context, reply, expected: pass|partial|fail, style?, note}. Only the
// question and the reply reach the grader, as on the command line. Only the figures are printed, never the replies
// it disagrees on: reading them would be tuning on the set.
const BLIND_DIR = new URL('./follow-up-blind/', import.meta.url).pathname;
const files = yamlFilesIn(BLIND_DIR);
const MIN_AGREEMENT = 0.85;

describe('follow-up grader on the blind set', () => {
  it.skipIf(files.length === 0)(
    `agrees with the blind labels at least ${MIN_AGREEMENT * 100}% of the time`,
    () => {
      const entries = loadFollowUpEntries(files);
      const result = measure(entries);
      console.log(report(`Follow-up blind set (${files.length} file(s))`, result, false));
      expect(entries.length).toBeGreaterThan(0);
      expect(result.agreement).toBeGreaterThanOrEqual(MIN_AGREEMENT);
    },
  );
});
