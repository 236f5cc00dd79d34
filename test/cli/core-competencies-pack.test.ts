import { describe, expect, it } from 'vitest';
import { runPractice } from '../../src/cli/practice.ts';
import { loadContent } from '../../src/content/load.ts';
import { PracticeService } from '../../src/service/practice-service.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import { scripted } from '../helpers/practice-io.ts';

// The bundled core-competencies pack, practised end to end in the terminal like the Amazon pack.
const bank = loadContent();
const key = { workspaceId: 'local', userId: 'tester' };
const question = bank.questions.find((q) => q.id === 'teamwork/covering-short-shift')!;

describe('the core-competencies pack in the terminal', () => {
  it('has its 12 competencies with at least 3 questions each, 36 or more in all', () => {
    const ids = [
      'teamwork',
      'conflict-resolution',
      'handling-failure',
      'leadership-without-authority',
      'adaptability',
      'prioritisation',
      'influencing',
      'customer-focus',
      'problem-solving',
      'initiative',
      'learning-quickly',
      'integrity',
    ];
    const counts = ids.map((id) => bank.questions.filter((q) => q.principle === id).length);
    expect(Math.min(...counts)).toBeGreaterThanOrEqual(3);
    expect(counts.reduce((a, b) => a + b, 0)).toBeGreaterThanOrEqual(36);
  });

  it('runs a whole session on a competency question, remembers the pack, and counts it in progress', async () => {
    expect(question).toBeDefined();
    const store = await openSqliteStore({ path: ':memory:' });
    let t = Date.UTC(2026, 11, 6, 9);
    let n = 0;
    const clock = () => t++;
    const newId = () => `id-${++n}`;
    const service = new PracticeService({ store, bank, clock, newId });
    const deps = { service, store, key, clock, newId };
    const parts = (['situation', 'task', 'action', 'result', 'reflection'] as const).map(
      (p) => question.parts[p].good,
    );
    const io = scripted([...parts, 'skip', 'skip', 'skip', 'skip', 'done']);
    expect(await runPractice(['--pack', 'core-competencies', '--question', question.id], io, deps)).toBe(0);
    expect(io.stdout).toContain(question.question);
    expect(io.stdout).toMatch(/Verdict: (Strongly inclined|Inclined)/);
    expect(io.stdout).toContain('Follow-up 1 of');
    expect((await store.getUser(key))?.pack).toBe('core-competencies');
    const sessions = await store.listSessions(key);
    expect(sessions[0]?.principleId).toBe('teamwork');
    expect(sessions[0]?.status).toBe('completed');

    const progress = scripted([]);
    await runPractice(['--progress'], progress, deps);
    expect(progress.stdout).toContain('Teamwork');
    expect(progress.stdout).toContain('Conflict resolution');
    expect(progress.stdout).not.toContain('Dive Deep');
    await store.close();
  });
});
