import type { PracticeIo } from '../../src/cli/practice.ts';
import type { ContentBank } from '../../src/content/load.ts';
import { PracticeService } from '../../src/service/practice-service.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';

export type ScriptedIo = PracticeIo & { stdout: string; stderr: string; files: Map<string, string> };

/** Terminal input and output for runPractice: the lines typed, and everything printed or saved. */
export function scripted(lines: string[]): ScriptedIo {
  const queue = [...lines];
  const io: ScriptedIo = {
    stdout: '',
    stderr: '',
    files: new Map<string, string>(),
    writeFile: async (path: string, text: string) => {
      if (path.startsWith('/nonexistent/')) throw new Error('ENOENT: no such directory');
      io.files.set(path, text);
    },
    next: async () => queue.shift() ?? null,
    out: (t: string) => {
      io.stdout += t;
    },
    err: (t: string) => {
      io.stderr += t;
    },
  };
  return io;
}

export const TERMINAL_USER = { workspaceId: 'local', userId: 'tester' };

/** A practice service on an in-memory database with a clock that ticks a millisecond per call. */
export async function practiceSetup(bank: ContentBank) {
  const store = await openSqliteStore({ path: ':memory:' });
  let t = Date.UTC(2026, 10, 26, 9);
  let n = 0;
  const clock = () => t++;
  const newId = () => `id-${++n}`;
  const service = new PracticeService({ store, bank, clock, newId });
  return { store, deps: { service, store, key: TERMINAL_USER, clock, newId } };
}
