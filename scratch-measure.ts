import { loadContent } from './src/content/load.ts';
import { loadFollowUpEntries, measure, report, yamlFilesIn, type FollowUpEntry } from './test/rubric/follow-up-agreement.ts';
const show = process.argv.includes('--misses');
const old = loadFollowUpEntries(['test/rubric/follow-up-corpus.yaml']);
const movedFiles = process.argv.includes('--moved') ? yamlFilesIn('test/rubric/follow-up-corpus') : yamlFilesIn('test/rubric/follow-up-blind');
const moved = loadFollowUpEntries(movedFiles);
const examples: FollowUpEntry[] = loadContent().questions.flatMap((q) =>
  q.followUps.flatMap((f) => [
    { id: `${q.id}#${f.id}.bad`, question: f.question, reply: f.bad, expected: 'fail' as const, file: 'content' },
    { id: `${q.id}#${f.id}.good`, question: f.question, reply: f.good, expected: 'pass' as const, file: 'content' },
  ]),
);
console.log(report('old corpus', measure(old), show));
console.log(report('moved 44', measure(moved), show));
console.log(report('bank examples', measure(examples), show));
