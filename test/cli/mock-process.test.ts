import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openSqliteStore } from '../../src/store/sqlite.ts';

/** One story, pasted whole for every question of the mock: the loop mistake the debrief must catch. */
const STORY = [
  'Situation: Last spring our checkout service at a 40-person online retailer started timing out for about 8 percent of orders every evening.',
  'Task: I owned the checkout service, so it was my job to find the cause and stop the lost orders before the holiday sale.',
  'Action: I pulled two weeks of logs and traced every slow request, found that a nightly stock sync locked the orders table, moved the sync to a replica, added an alert on lock waits, and walked the team through the fix.',
  'Result: Timeouts fell from 8 percent to 0.2 percent within a week, and we kept about 1,200 orders a month, roughly 60,000 dollars.',
  'Reflection: I learned to check scheduled jobs first when a failure follows the clock, and I now add lock alerts to every new service.',
].join(' ');
const REPLY =
  'I looked at the lock wait graphs first, because the timeouts matched the sync schedule to the minute.';
const BAND = /strongly inclined|not inclined|inclined/i;

/** `npm run practice -- ARGS` as a real process, fed the whole conversation on standard input. */
function practice(
  dbPath: string,
  args: string[],
  lines: string[],
): Promise<{ code: number | null; output: string }> {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/practice-main.ts', ...args], {
    env: { ...process.env, DATABASE_PATH: dbPath, STAR_COACH_USER: 'mock-test' },
  });
  let output = '';
  child.stdout.on('data', (d) => {
    output += String(d);
  });
  child.stderr.on('data', (d) => {
    output += String(d);
  });
  child.stdin.end(lines.map((l) => `${l}\n`).join(''));
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, output })));
}

const sameStoryThrice = [STORY, REPLY, STORY, REPLY, STORY, REPLY];

describe('npm run practice -- --mock 3', () => {
  it('ends the same story told three times in a debrief: three principles, a verdict each, a same-story warning', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'star-mock-')), 'coach.db');
    const { code, output } = await practice(db, ['--mock', '3'], sameStoryThrice);
    expect(code).toBe(0);
    for (const n of [1, 2, 3]) expect(output).toContain(`Question ${n} of 3.`);
    const debrief = output.slice(output.indexOf('Mock interview debrief: 3 questions'));
    expect(debrief.length).toBeGreaterThan(40);
    const verdicts = debrief.match(
      /^[A-Z][A-Za-z ,'-]+: (Strongly inclined|Inclined|Not inclined|Strongly not inclined) \(\d+\/100\)$/gm,
    );
    expect(verdicts).toHaveLength(3);
    const principles = verdicts!.map((v) => v.split(':')[0]!);
    expect(new Set(principles).size).toBe(3);
    expect(debrief).toMatch(/For: .*"I owned the checkout service/);
    expect(debrief).toMatch(/Warning: Same story told twice: /);
    for (const p of principles) expect(debrief.slice(debrief.indexOf('Warning:'))).toContain(p);

    const store = await openSqliteStore({ path: db });
    const sessions = await store.listSessions({ workspaceId: 'local', userId: 'mock-test' });
    expect(sessions.map((s) => s.status)).toEqual(['completed', 'completed', 'completed']);
    expect(new Set(sessions.map((s) => s.state.mock?.id)).size).toBe(1);
    await store.close();

    // The debrief is kept: --progress shows it again.
    const progress = await practice(db, ['--progress'], []);
    expect(progress.output).toMatch(/Mock of \d{4}-\d\d-\d\d/);
    expect(progress.output).toContain('Same story told twice');
  }, 120_000);

  it('resumes after the terminal closed mid-mock, and still finds the story told twice', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'star-mock-')), 'coach.db');
    const first = await practice(db, ['--mock', '3'], [STORY, REPLY, STORY]);
    expect(first.output).toContain('Question 2 of 3.');
    expect(first.output).toContain('Your progress is saved');
    const second = await practice(db, [], ['y', REPLY, STORY, REPLY]);
    expect(second.output).toContain('unfinished mock interview');
    expect(second.output).toContain('Mock interview: question 2 of 3.');
    expect(second.output).toContain('Question 3 of 3.');
    expect(second.output).toContain('Mock interview debrief: 3 questions');
    expect(second.output).toMatch(/Warning: Same story told twice: /);
  }, 120_000);

  it('with --scores off shows no score and no band anywhere, before, during and after the mock', async () => {
    const db = join(mkdtempSync(join(tmpdir(), 'star-mock-')), 'coach.db');
    const run = await practice(db, ['--mock', '3', '--scores', 'off'], sameStoryThrice);
    expect(run.code).toBe(0);
    expect(run.output).toContain('Mock interview debrief: 3 questions');
    expect(run.output).toMatch(/Warning: Same story told twice/);
    expect(run.output).toMatch(/For: .*"I owned the checkout service/);
    // Remembered: a practice session, progress, stories and the plan stay without scores too.
    const session = await practice(
      db,
      ['--question', 'dive-deep/unexpected-root-cause'],
      [STORY, 'skip', 'skip', 'skip', 'done'],
    );
    expect(session.output).toMatch(/About \d+ s spoken/);
    const progress = await practice(db, ['--progress'], []);
    const stories = await practice(db, ['--stories'], []);
    for (const text of [run.output, session.output, progress.output, stories.output]) {
      expect(text).not.toMatch(/\d+\/100/);
      expect(text).not.toMatch(BAND);
    }
    expect(progress.output).toContain('Same story told twice');
    // And back on: the same debrief shows its verdicts.
    const on = await practice(db, ['--progress', '--scores', 'on'], []);
    expect(on.output).toMatch(/\(\d+\/100\)/);
  }, 180_000);
});
