import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.ts';
import type { Question } from '../../src/content/schema.ts';

const bank = loadContent();
const dive = bank.questions.find((q) => q.id === 'dive-deep/unexpected-root-cause')!;
const ownership = bank.questions.find((q) => q.id === 'ownership/orphaned-job-after-reorg')!;

let dir: string;
let db: string;

/** The real `npm run practice` entry point as a child process, with `lines` typed on stdin. */
function practice(
  args: string[],
  lines: string[] = [],
): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/practice-main.ts', ...args], {
      env: { ...process.env, DATABASE_PATH: db, STAR_COACH_USER: 'story-test' },
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => {
      out += String(d);
    });
    child.stderr.on('data', (d) => {
      err += String(d);
    });
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, out, err }));
    child.stdin.end(lines.map((l) => `${l}\n`).join(''));
  });
}

const answers = (q: Question) => [
  ...(['situation', 'task', 'action', 'result', 'reflection'] as const).map((p) =>
    q.parts[p].good.replace(/\s+/g, ' '),
  ),
  ...Array.from({ length: 6 }, () => 'skip'),
  'done',
];

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'star-stories-'));
  db = join(dir, 'coach.db');
  const first = await practice(['--question', dive.id], answers(dive));
  expect(first.code).toBe(0);
  const second = await practice(['--question', ownership.id], answers(ownership));
  expect(second.code).toBe(0);
  // The second question offers the first story.
  expect(second.out).toContain('Or tell one of your stories (type `story N`): 1. I was a backend engineer');
}, 180_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the story bank in the terminal (real process)', () => {
  it('--stories lists both stories with their principles and a matrix of all 16 principles, gaps first', async () => {
    const { code, out } = await practice(['--stories']);
    expect(code).toBe(0);
    expect(out).toContain('Your stories (2):');
    expect(out).toMatch(/1\. I was a backend engineer on the Orders team[^\n]*\n\s+Principles: Dive Deep\n/);
    expect(out).toMatch(/2\. I was a backend engineer on the reviews team[^\n]*\n\s+Principles: Ownership\n/);
    const matrix = out.slice(out.indexOf('Coverage of Amazon Leadership Principles (16):'));
    const rows = matrix.split('\n').filter((l) => /^\s+(strong|weak|none)\s/.test(l));
    expect(rows).toHaveLength(16);
    expect(rows.slice(0, 14).every((r) => r.trim().startsWith('none'))).toBe(true);
    expect(rows.slice(14).map((r) => r.trim().split(/\s{2,}/))).toEqual([
      ['strong', 'Ownership', '#2'],
      ['strong', 'Dive Deep', '#1'],
    ]);
    expect(matrix).toMatch(/Gaps \(14\): Customer Obsession, Invent and Simplify, .*Earn Trust/);
  }, 60_000);

  it('--plan dive-deep,ownership,earn-trust gives the two different stories and names Earn Trust as a gap', async () => {
    const { code, out } = await practice(['--plan', 'dive-deep,ownership,earn-trust']);
    expect(code).toBe(0);
    expect(out).toMatch(/Dive Deep\s+story 1: “I was a backend engineer on the Orders team/);
    expect(out).toMatch(/Ownership\s+story 2: “I was a backend engineer on the reviews team/);
    expect(out).toMatch(/Earn Trust\s+no story/);
    expect(out).toContain('Gaps: Earn Trust has no story.');
    expect(out).toContain('Practise Earn Trust now? [y/N]');
    expect(out).toContain('npm run practice -- --principle earn-trust');
  }, 60_000);

  it('names the closest match for an unknown principle, and exits 2', async () => {
    const { code, err } = await practice(['--plan', 'dive-deep,earn-trst']);
    expect(code).toBe(2);
    expect(err).toContain('“earn-trst” is not one of the Leadership Principles. Did you mean `earn-trust`?');
  }, 60_000);

  it('renames, tags, merges and retires stories; the matrix follows', async () => {
    expect((await practice(['--story', '2', '--rename', 'The orphaned commission job'])).out).toContain(
      'Renamed story 2 to “The orphaned commission job”.',
    );
    const tagged = await practice(['--story', '1', '--tag', 'earn-trust,Customer Obsession']);
    expect(tagged.out).toContain(
      'Tagged story 1, “I was a backend engineer on the Orders team at a mid-sized…” with Earn Trust, Customer Obsession.',
    );
    const plan = await practice(['--plan', 'dive-deep,ownership,earn-trust']);
    // Two stories for three principles: one principle is still left without a story, never a story told twice.
    expect(plan.out.match(/story 1:/g)).toHaveLength(1);
    expect(plan.out.match(/no story \(story 1 already told for another principle\)/g)).toHaveLength(1);
    const bad = await practice(['--story', '9', '--retire']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain('There is no story 9. Your stories are numbered 1, 2.');
    expect((await practice(['--story', '1', '--merge', '2'])).out).toContain(
      'Merged story 2, “The orphaned commission job”, into story 1',
    );
    expect((await practice(['--story', '1', '--retire'])).out).toContain('Retired story 1');
    const after = await practice(['--stories']);
    expect(after.out).toContain('Your stories (1):');
    expect(after.out).toMatch(
      /1\. I was a backend engineer on the Orders team[^\n]*\(retired\)\n\s+Principles: Dive Deep, Ownership, Earn Trust, Customer Obsession/,
    );
    expect(after.out).toContain('Gaps (16)');
  }, 120_000);
});
