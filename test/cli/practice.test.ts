import { describe, expect, it } from 'vitest';
import { runPractice } from '../../src/cli/practice.ts';
import { loadContent } from '../../src/content/load.ts';
import { practiceSetup, scripted, TERMINAL_USER } from '../helpers/practice-io.ts';

const bank = loadContent();
const seed = bank.questions.find((q) => q.id === 'dive-deep/unexpected-root-cause')!;
const key = TERMINAL_USER;
const setup = () => practiceSetup(bank);

describe('runPractice', () => {
  it('runs a whole session from question to summary and done', async () => {
    const { store, deps } = await setup();
    const parts = [
      seed.parts.situation.good,
      seed.parts.task.good,
      seed.parts.action.good,
      seed.parts.result.good,
      seed.parts.reflection.good,
    ];
    const io = scripted([...parts, 'skip', 'skip', 'skip', 'done']);
    expect(await runPractice(['--question', seed.id], io, deps)).toBe(0);
    expect(io.stdout).toContain(seed.question);
    expect(io.stdout).toMatch(/Verdict: (Strongly inclined|Inclined)/);
    expect(io.stdout).toContain('Follow-up 1 of');
    expect(io.stdout).toContain('Nice work today');
    const progress = await store.progress(
      key,
      bank.principles.map((p) => p.id),
      Date.UTC(2026, 10, 26, 10),
    );
    expect(progress.sessionsCompleted).toBe(1);
  });

  it('prints progress with --progress', async () => {
    const { deps } = await setup();
    const io = scripted([]);
    expect(await runPractice(['--progress'], io, deps)).toBe(0);
    expect(io.stdout).toContain('Sessions completed: 0');
    expect(io.stdout).toContain('Dive Deep');
  });

  it('offers to resume an unfinished session and carries on', async () => {
    const { deps } = await setup();
    await runPractice(['--question', seed.id], scripted([seed.parts.situation.good]), deps);
    const io = scripted(['y']);
    await runPractice([], io, deps);
    expect(io.stdout).toContain('Resume it where you stopped?');
    expect(io.stdout).toContain('answering the Task');
  });

  it('starts afresh when the user declines to resume', async () => {
    const { store, deps } = await setup();
    await runPractice(['--question', seed.id], scripted([seed.parts.situation.good]), deps);
    await runPractice(['--principle', 'Dive Deep'], scripted(['n']), deps);
    const sessions = await store.listSessions(key);
    expect(sessions.map((s) => s.status).sort()).toEqual(['abandoned', 'active']);
  });

  it.each([
    [['--principle', 'dive-deap'], /Unknown principle "dive-deap". Did you mean "dive-deep"\?/],
    [['--question', 'nope/nothing'], /Unknown question/],
    [['--level', 'expert'], /Unknown level "expert"/],
    [['--lens', 'ceo'], /Unknown lens "ceo"/],
    [['--bogus'], /Unknown option/],
  ])('rejects %j with exit code 2', async (argv, message) => {
    const { deps } = await setup();
    const io = scripted([]);
    expect(await runPractice(argv, io, deps)).toBe(2);
    expect(io.stderr).toMatch(message);
  });

  it('exports every session as Markdown with --export', async () => {
    const { deps } = await setup();
    await runPractice(['--question', seed.id], scripted([seed.parts.situation.good]), deps);
    const io = scripted([]);
    expect(await runPractice(['--export', 'bank.md'], io, deps)).toBe(0);
    expect(io.files.get('bank.md')).toContain(`> ${seed.parts.situation.good}`);
    const failing = scripted([]);
    expect(await runPractice(['--export', '/nonexistent/x.md'], failing, deps)).toBe(2);
    expect(failing.stderr).toContain('Could not write /nonexistent/x.md');
  });

  it('stores level and lens', async () => {
    const { store, deps } = await setup();
    await runPractice(['--level', 'senior', '--lens', 'technical', '--progress'], scripted([]), deps);
    expect(await store.getUser(key)).toMatchObject({ level: 'senior', lens: 'technical' });
  });
});
