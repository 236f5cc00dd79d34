// Prints the rubric's agreement with a directory of labelled answers as Markdown, for the README:
// `npm run rubric:agreement -- test/rubric/blind`. Exits 1 when a floor is missed.
// `--only PREFIX` / `--except PREFIX` keep or drop the files whose names start with PREFIX (to cross-validate one
// part of the corpus against another); `--misses` adds each criterion's confusion matrix and disagreements.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { agreementReport, missedFloors, missesText } from './agreement.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { only: { type: 'string' }, except: { type: 'string' }, misses: { type: 'boolean' } },
});
const dir = positionals[0];
if (!dir) {
  console.error(
    'Usage: npm run rubric:agreement -- DIR [--only PREFIX | --except PREFIX] [--misses]   (a directory of labelled answers in YAML)',
  );
  process.exit(2);
}
const { only, except } = values;
const keep = (file: string) =>
  (only === undefined || file.startsWith(only)) && (except === undefined || !file.startsWith(except));
const { report, markdown, graded } = agreementReport(resolve(dir), keep);
console.log(markdown);
if (values.misses) console.log(`\n${missesText(graded)}`);
const missed = missedFloors(report);
console.log(
  missed.length === 0 ? '\nAll floors met.' : `\nFloors missed:\n${missed.map((m) => `- ${m}`).join('\n')}`,
);
process.exitCode = missed.length === 0 ? 0 : 1;
