import { readFile } from 'node:fs/promises';
import { ContentError, loadContent } from '../content/load.ts';
import { runGrade } from './grade.ts';

async function readStdin(): Promise<string> {
  if (process.stdin.isTTY) process.stderr.write('Paste your answer, then press Ctrl-D on a new line.\n');
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin)
    chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

try {
  const bank = loadContent();
  process.exitCode = await runGrade(
    process.argv.slice(2),
    {
      readStdin,
      readFile: (path) => readFile(path, 'utf8'),
      out: (text) => process.stdout.write(text),
      err: (text) => process.stderr.write(text),
    },
    bank,
  );
} catch (error) {
  if (error instanceof ContentError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
  } else throw error;
}
