import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { type GradeIo, runGrade } from '../../src/cli/grade.ts';
import { CRITERION_IDS } from '../../src/content/schema.ts';
import { bankWith, SEED_QUESTION } from '../rubric/fixtures.ts';

const bank = bankWith();
const seed = bank.questions[0]!;
const ANSWER = [
  `Situation: ${seed.parts.situation.good}`,
  `Task: ${seed.parts.task.good}`,
  `Action: ${seed.parts.action.bad}`,
  `Result: ${seed.parts.result.bad}`,
  `Reflection: ${seed.parts.reflection.good}`,
].join('\n');

function fakeIo(stdin: string, files: Record<string, string> = {}) {
  const out: string[] = [];
  const err: string[] = [];
  const io: GradeIo = {
    readStdin: async () => stdin,
    readFile: async (path) => {
      const text = files[path];
      if (text === undefined) throw new Error(`ENOENT: no such file or directory, open '${path}'`);
      return text;
    },
    out: (t) => out.push(t),
    err: (t) => err.push(t),
  };
  return { io, stdout: () => out.join(''), stderr: () => err.join('') };
}

describe('grade command (in process)', () => {
  it('prints a readable report: band, per-part seconds, evidence and contrast', async () => {
    const { io, stdout, stderr } = fakeIo(ANSWER);
    expect(await runGrade(['--question', SEED_QUESTION, '-'], io, bank)).toBe(0);
    const report = stdout();
    expect(report).toMatch(/Overall: (STRONGLY )?(NOT )?INCLINED \(\d+\/100\)/);
    expect(report).toMatch(/Situation\s+\d+ s\s+\(target 45 s/);
    expect(report).toContain('[FAIL]    A number for the result');
    expect(report).toContain(`Strong: ${seed.parts.result.good.replace(/\s+/g, ' ')}`);
    expect(report).toContain('Follow-up questions to expect:');
    expect(report).toMatch(/\(Situation about \d+ s of a 45 s limit \(\d+ words\)\)/);
    expect(stderr()).toBe('');
  });

  it('prints one JSON object with --json', async () => {
    const { io, stdout } = fakeIo('', { 'answer.txt': ANSWER });
    expect(await runGrade(['--json', '--question', SEED_QUESTION, 'answer.txt'], io, bank)).toBe(0);
    const json = JSON.parse(stdout());
    expect(Object.keys(json)).toEqual([
      'question',
      'rubricVersion',
      'sections',
      'criteria',
      'overall',
      'followUps',
    ]);
    expect(json.question).toBe(SEED_QUESTION);
    expect(Object.keys(json.sections)).toEqual(['situation', 'task', 'action', 'result', 'reflection']);
    expect(json.sections.situation).toEqual({
      text: seed.parts.situation.good,
      words: expect.any(Number),
      seconds: expect.any(Number),
    });
    expect(json.criteria.map((c: { id: string }) => c.id)).toEqual([...CRITERION_IDS]);
    const quantified = json.criteria.find((c: { id: string }) => c.id === 'quantified-result');
    expect(quantified.verdict).toBe('fail');
    expect(quantified.contrast.source).toBe('part');
    const length = json.criteria.find((c: { id: string }) => c.id === 'answer-length');
    expect(length.evidence).toEqual([]);
    expect(length.measured).toMatch(/^About .* spoken \(\d+ words\)/);
    expect(json.followUps.length).toBeGreaterThan(0);
  });

  it('grades a single section with --section, leaving the rest n/a', async () => {
    const { io, stdout } = fakeIo(seed.parts.result.good);
    expect(await runGrade(['--json', '--section', 'result'], io, bank)).toBe(0);
    const json = JSON.parse(stdout());
    const verdict = (id: string) => json.criteria.find((c: { id: string }) => c.id === id).verdict;
    expect(verdict('quantified-result')).toBe('pass');
    expect(verdict('first-person')).toBe('n/a');
    expect(verdict('answer-length')).toBe('n/a');
  });

  it('uses general contrasts without --question', async () => {
    const { io, stdout } = fakeIo(ANSWER);
    expect(await runGrade(['--json'], io, bank)).toBe(0);
    const json = JSON.parse(stdout());
    expect(json.question).toBeNull();
    const quantified = json.criteria.find((c: { id: string }) => c.id === 'quantified-result');
    expect(quantified.contrast.source).toBe('general');
    expect(json.followUps).toEqual([
      { id: 'own-words', question: expect.stringMatching(/^You said '.+': /) },
    ]);
  });

  it.each([
    [
      ['--question', 'dive-deep/unexpected-root-caus'],
      ANSWER,
      /Unknown question .*Did you mean "dive-deep\/unexpected-root-cause"/,
    ],
    [['--section', 'intro'], ANSWER, /Unknown section "intro"/],
    [['--level', 'principal'], ANSWER, /Unknown level "principal"/],
    [['--lens', 'recruiter'], ANSWER, /Unknown lens "recruiter"/],
    [['--verbose'], ANSWER, /Unknown option '--verbose'/],
    [['missing.txt'], '', /Cannot read "missing.txt"/],
    [[], '   \n ', /Nothing to grade/],
    [['a.txt', 'b.txt'], '', /at most one FILE/],
  ])('exits 2 with a clear message for %j', async (argv, stdin, message) => {
    const { io, stdout, stderr } = fakeIo(stdin);
    expect(await runGrade(argv, io, bank)).toBe(2);
    expect(stderr()).toMatch(message);
    expect(stdout()).toBe('');
  });

  it('prints usage with --help', async () => {
    const { io, stdout } = fakeIo('');
    expect(await runGrade(['--help'], io, bank)).toBe(0);
    expect(stdout()).toContain('Usage: npm run --silent grade');
  });
});

describe('grade --follow-up (in process)', () => {
  const ASKED = 'Looking back, what would you do differently?';
  const REPLY = 'I sent them a Slack message and they handled it.';

  it('prints the readable report: the kinds asked, the verdict, reasons quoting the reply, and the contrast', async () => {
    const { io, stdout, stderr } = fakeIo(REPLY);
    expect(await runGrade(['--follow-up', ASKED, '--question', SEED_QUESTION], io, bank)).toBe(0);
    const report = stdout();
    expect(report).toContain(`Follow-up: ${ASKED}`);
    expect(report).toContain('It asks: what you would do differently');
    expect(report).toContain('Verdict: FAIL');
    expect(report).toContain(`Hands the problem to someone else instead of owning it: "${REPLY}"`);
    const stored = seed.followUps.find((f) => f.id === 'do-differently')!;
    expect(report).toContain(`Strong: ${stored.good.replace(/\s+/g, ' ')}`);
    expect(stderr()).toBe('');
  });

  it('uses --question only for the contrast: the verdict and reasons are the same without it', async () => {
    const good = seed.followUps.find((f) => f.id === 'why-alerting')!;
    const withQuestion = fakeIo('', { 'reply.txt': good.good });
    const without = fakeIo('', { 'reply.txt': good.good });
    await runGrade(
      ['--json', '--follow-up', good.question, '--question', SEED_QUESTION, 'reply.txt'],
      withQuestion.io,
      bank,
    );
    await runGrade(['--json', '--follow-up', good.question, 'reply.txt'], without.io, bank);
    const a = JSON.parse(withQuestion.stdout());
    const b = JSON.parse(without.stdout());
    expect(a.question).toBe(SEED_QUESTION);
    expect(b.question).toBeNull();
    expect(a.followUp).toEqual(b.followUp);
    expect(a.followUp.verdict).toBe('pass');
  });

  it.each([
    [['--follow-up', '   ', '-'], 'a reply', /follow-up question is blank/],
    [['--follow-up', ''], 'a reply', /follow-up question is blank/],
    [['--follow-up', ASKED, '-'], '  \n ', /Nothing to grade: the reply is empty/],
    [['--follow-up', ASKED, '--section', 'result'], REPLY, /--section .* cannot go with --follow-up/],
    [['--follow-up', ASKED, '--level', 'senior'], REPLY, /cannot go with --follow-up/],
    [['--follow-up', ASKED, '--question', 'nope/nothing'], REPLY, /Unknown question "nope\/nothing"/],
    [['--follow-up'], REPLY, /argument missing|--follow-up/],
  ])('exits 2 with a message for %j', async (argv, stdin, message) => {
    const { io, stdout, stderr } = fakeIo(stdin);
    expect(await runGrade(argv, io, bank)).toBe(2);
    expect(stderr()).toMatch(message);
    expect(stdout()).toBe('');
  });
});

// Each spawn starts tsx: seconds apiece on a busy machine.
describe('grade command (spawned)', { timeout: 60_000 }, () => {
  const run = (args: string[], input = '') =>
    spawnSync('npx', ['tsx', 'src/cli/grade-main.ts', ...args], { input, encoding: 'utf8', timeout: 60_000 });

  it('exits 2 on an unknown question', () => {
    const result = run(['--question', 'nope/nothing', '-'], ANSWER);
    expect(result.status).toBe(2);
    expect(result.stderr).toContain('Unknown question "nope/nothing"');
  });

  it('prints JSON with --json for a file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'star-grade-'));
    const file = join(dir, 'answer.md');
    writeFileSync(file, ANSWER);
    const result = run(['--json', '--question', SEED_QUESTION, file]);
    expect(result.status, result.stderr).toBe(0);
    const json = JSON.parse(result.stdout);
    expect(json.rubricVersion).toMatch(/^\d+\.\d+\.\d+$/);
    expect(json.criteria).toHaveLength(12);
    expect(['strongly-not-inclined', 'not-inclined', 'inclined', 'strongly-inclined']).toContain(
      json.overall.band,
    );
  });
  it('grades a follow-up reply from standard input: exactly one JSON object of the contract', () => {
    const result = run(
      ['--json', '--follow-up', 'Looking back, what would you do differently?', '-'],
      'I sent them a Slack message and they handled it.',
    );
    expect(result.status, result.stderr).toBe(0);
    expect(result.stdout.trim().split('\n')).toHaveLength(1);
    const json = JSON.parse(result.stdout);
    expect(Object.keys(json)).toEqual(['question', 'rubricVersion', 'followUp']);
    expect(Object.keys(json.followUp)).toEqual(['question', 'verdict', 'reasons']);
    expect(json).toMatchObject({
      question: null,
      rubricVersion: expect.stringMatching(/^\d+\.\d+\.\d+$/),
      followUp: { question: 'Looking back, what would you do differently?', verdict: 'fail' },
    });
    for (const reason of json.followUp.reasons)
      expect('I sent them a Slack message and they handled it.').toContain(/"(.+)"$/.exec(reason)?.[1]);
  });

  it('grades a follow-up reply from a file, with --question naming the stored contrast', () => {
    const dir = mkdtempSync(join(tmpdir(), 'star-follow-up-'));
    const file = join(dir, 'reply.txt');
    writeFileSync(
      file,
      'I would agree the retry budget with the payments team before go-live, and add a dead-letter alert that pages whoever is on call when more than 1% of deliveries fail in an hour.',
    );
    const result = run([
      '--json',
      '--follow-up',
      'Looking back, what would you do differently?',
      '--question',
      SEED_QUESTION,
      file,
    ]);
    expect(result.status, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({
      question: SEED_QUESTION,
      followUp: { verdict: 'pass' },
    });
  });

  it('exits 2 for --section with --follow-up', () => {
    const both = run(['--follow-up', 'Why?', '--section', 'action', '-'], 'Because it was cheaper.');
    expect(both.status).toBe(2);
    expect(both.stderr).toMatch(/cannot go with --follow-up/);
  });

  it('exits 2 for an empty follow-up reply', () => {
    const empty = run(['--json', '--follow-up', 'Why?', '-'], '\n');
    expect(empty.status).toBe(2);
    expect(empty.stdout).toBe('');
    expect(empty.stderr).toMatch(/reply is empty/);
  });
});
