import { loadContent } from '../content/load.ts';
import { runContentCheck } from './content-check.ts';

process.exitCode = runContentCheck(() => loadContent(process.argv[2]), {
  out: (t) => process.stdout.write(t),
  err: (t) => process.stderr.write(t),
});
