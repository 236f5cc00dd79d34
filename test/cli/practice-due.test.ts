import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.ts';

const bank = loadContent();
const seed = bank.questions.find((q) => q.id === 'dive-deep/unexpected-root-cause')!;
const weak = bank.questions.find((q) => q.principle === 'ownership')!;

function practice(dbPath: string, args: string[], input = '') {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli/practice-main.ts', ...args], {
    env: { ...process.env, DATABASE_PATH: dbPath, STAR_COACH_USER: 'due-test' },
    input,
    encoding: 'utf8',
    timeout: 30_000,
  });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

const today = () => new Date().toISOString().slice(0, 10);
const plusDays = (n: number) =>
  new Date(Date.parse(`${today()}T00:00:00Z`) + n * 86_400_000).toISOString().slice(0, 10);

describe('npm run practice -- --due (real process)', () => {
  it('says when a just-practised principle falls due, and lists the rest as gaps', () => {
    const db = join(mkdtempSync(join(tmpdir(), 'star-due-')), 'coach.db');
    const before = practice(db, ['--due']);
    expect(before.code).toBe(0);
    expect(before.stdout).toContain('Nothing is due today.');
    expect(before.stdout).toMatch(/gaps, not due items\): .*Dive Deep/);

    const good = [seed.parts.situation.good, seed.parts.task.good, seed.parts.action.good];
    const rest = [seed.parts.result.good, seed.parts.reflection.good, 'skip', 'skip', 'skip', 'done'];
    const session = practice(db, ['--question', seed.id], `${[...good, ...rest].join('\n')}\n`);
    expect(session.code).toBe(0);
    const verdict = /Verdict: (Strongly inclined|Inclined)/.exec(session.stdout)?.[1];
    expect(verdict).toBeDefined();

    const after = practice(db, ['--due']);
    expect(after.code).toBe(0);
    // FSRS, by day, no fuzz, default weights: a first review rated Good is due in 3 days, Easy in 8.
    const days = verdict === 'Inclined' ? 3 : 8;
    expect(after.stdout).toContain(`Next due:\n  Dive Deep: ${plusDays(days)} (in ${days} days)`);
    expect(after.stdout).toContain('Nothing is due today.');
    expect(after.stdout).not.toMatch(/gaps, not due items\): .*Dive Deep/);

    // A weak answer (one line per part) is rated Again: due tomorrow, never today.
    const thin = practice(
      db,
      ['--question', weak.id],
      'I fixed it.\nskip\nskip\nskip\nskip\nskip\nskip\nskip\ndone\n',
    );
    expect(thin.code).toBe(0);
    const latest = practice(db, ['--due']);
    expect(latest.stdout).toMatch(new RegExp(`  Ownership: ${plusDays(1)} \\(in 1 day\\)`));
  }, 120_000);
});
