import { describe, expect, it } from 'vitest';
import { type PracticeIo, runPractice } from '../../src/cli/practice.ts';
import { loadContent } from '../../src/content/load.ts';
import { PracticeService } from '../../src/service/practice-service.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';

const bank = loadContent();
const seed = bank.questions.find((q) => q.id === 'dive-deep/unexpected-root-cause')!;
const key = { workspaceId: 'local', userId: 'due-tester' };

describe('practice --due and --export with a driven clock', () => {
  it('lists due items, the next due dates and gaps; the export carries the schedule', async () => {
    const store = await openSqliteStore({ path: ':memory:' });
    let t = Date.UTC(2026, 10, 26, 9);
    let n = 0;
    const clock = () => t++;
    const newId = () => `id-${++n}`;
    const service = new PracticeService({ store, bank, clock, newId });
    const deps = { service, store, key, clock, newId };
    const io = (lines: string[]) => {
      const queue = [...lines];
      const out = { stdout: '', files: new Map<string, string>() };
      const practiceIo: PracticeIo = {
        next: async () => queue.shift() ?? null,
        out: (s) => {
          out.stdout += s;
        },
        err: (s) => {
          out.stdout += s;
        },
        writeFile: async (path, text) => {
          out.files.set(path, text);
        },
      };
      return { practiceIo, out };
    };
    const parts = ['situation', 'task', 'action', 'result', 'reflection'] as const;
    const session = io([...parts.map((p) => seed.parts[p].good), 'skip', 'skip', 'skip', 'done']);
    expect(await runPractice(['--question', seed.id], session.practiceIo, deps)).toBe(0);
    const band = /Verdict: (Strongly inclined|Inclined)/.exec(session.out.stdout)?.[1];
    const days = band === 'Inclined' ? 3 : 8;
    const due = new Date(Date.UTC(2026, 10, 26 + days)).toISOString().slice(0, 10);

    t = Date.UTC(2026, 10, 26 + days, 12);
    const later = io([]);
    expect(await runPractice(['--due'], later.practiceIo, deps)).toBe(0);
    expect(later.out.stdout).toContain(`Due now:\n  Dive Deep: ${due} (today)`);
    expect(later.out.stdout).toContain('Practise one with `npm run practice -- --principle ID`.');

    const exported = io([]);
    expect(await runPractice(['--export', 'bank.md'], exported.practiceIo, deps)).toBe(0);
    expect(exported.out.files.get('bank.md')).toContain(`- Dive Deep: due ${due} (today), 1 session(s)`);
    await store.close();
  });
});
