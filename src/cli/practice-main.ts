import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { userInfo } from 'node:os';
import { createInterface } from 'node:readline';
import { ContentError, loadContent } from '../content/load.ts';
import { UnknownPackError, withDefaultPack } from '../content/packs.ts';
import { loadDotEnv } from '../env-file.ts';
import { PracticeService } from '../service/practice-service.ts';
import { openSqliteStore } from '../store/sqlite.ts';
import { LineReader } from './line-reader.ts';
import { runPractice } from './practice.ts';

loadDotEnv();
try {
  const bank = withDefaultPack(loadContent(), process.env.DEFAULT_PACK?.trim() || null);
  const store = await openSqliteStore({ path: process.env.DATABASE_PATH || './data/star-coach.db' });
  const clock = () => Date.now();
  const service = new PracticeService({ store, bank, clock, newId: randomUUID });
  const rl = createInterface({ input: process.stdin, terminal: false });
  // Pasted lines arrive within a few milliseconds of each other; in a pipe every line is its own message.
  const reader = new LineReader(rl, process.stdin.isTTY ? 25 : 0);
  const key = { workspaceId: 'local', userId: process.env.STAR_COACH_USER || userInfo().username || 'me' };
  process.on('SIGINT', () => {
    process.stdout.write('\nStopped. Everything you typed is saved; run `npm run practice` to resume.\n');
    process.exit(130);
  });
  const code = await runPractice(
    process.argv.slice(2),
    {
      next: () => reader.next(),
      out: (t) => process.stdout.write(t),
      err: (t) => process.stderr.write(t),
      writeFile: (path, text) => writeFile(path, text, 'utf8'),
    },
    { service, store, key, clock, newId: randomUUID },
  );
  rl.close();
  await store.close();
  process.exitCode = code;
} catch (error) {
  if (error instanceof ContentError || error instanceof UnknownPackError) {
    process.stderr.write(`${error.message}\n`);
    process.exitCode = 2;
  } else throw error;
}
