// Prints the rubric's agreement with a directory of labelled answers as Markdown, for the README:
// `npm run rubric:agreement -- test/rubric/blind`. Exits 1 when a floor is missed.
import { resolve } from 'node:path';
import { agreementReport, missedFloors } from './agreement.ts';

const dir = process.argv[2];
if (!dir) {
  console.error('Usage: npm run rubric:agreement -- DIR   (a directory of labelled answers in YAML)');
  process.exit(2);
}
const { report, markdown } = agreementReport(resolve(dir));
console.log(markdown);
const missed = missedFloors(report);
console.log(
  missed.length === 0 ? '\nAll floors met.' : `\nFloors missed:\n${missed.map((m) => `- ${m}`).join('\n')}`,
);
process.exitCode = missed.length === 0 ? 0 : 1;
