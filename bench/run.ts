import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type AckFigures, benchAck, QUICK, RATES } from './ack.ts';
import { benchStartup, buildApps } from './startup.ts';

/**
 * `npm run bench`: every benchmark in sequence, one summary table, and the figures in bench/results/<date>.json.
 * BENCH_QUICK=1 is a smoke run (3 s per rate, 500 users in the store) written to <date>-quick.json.
 */
type Figures = Record<string, number | string>;
type Part<T> =
  | { ok: true; figures: T; seconds: number }
  | { ok: false; error: string; seconds: number; skipped?: boolean };

/** BENCH_ONLY=startup,ack runs only those parts (of startup, ack, rubric, store, daily, postgres); the others are skipped. */
const ONLY = process.env.BENCH_ONLY ? new Set(process.env.BENCH_ONLY.split(',')) : null;

const BENCH_DIR = dirname(fileURLToPath(import.meta.url));
const ACK_RATIO_GOAL = 1.3;
const ACK_P99_CEILING_MS = 3000;
const STORE_P99_GOAL_MS = 5;
/** Start-up to healthy and peak RSS during the ack run, each at most this many times the bare Bolt app's. */
const STARTUP_RATIO_GOAL = 2;
const RSS_RATIO_GOAL = 2;

async function part<T>(name: string, key: string, run: () => Promise<T>): Promise<Part<T>> {
  if (ONLY && !ONLY.has(key)) return { ok: false, error: 'skipped (BENCH_ONLY)', seconds: 0, skipped: true };
  process.stdout.write(`\n== ${name} ...\n`);
  const started = performance.now();
  try {
    const figures = await run();
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(`== ${name} done in ${seconds.toFixed(0)} s\n`);
    return { ok: true, figures, seconds };
  } catch (error) {
    const seconds = (performance.now() - started) / 1000;
    const message = error instanceof Error ? (error.stack ?? error.message) : String(error);
    process.stdout.write(`== ${name} FAILED after ${seconds.toFixed(0)} s: ${message}\n`);
    return { ok: false, error: message, seconds };
  }
}

/** The exported `bench…` function of a benchmark module written separately, if it has one. */
function exportedBench(file: string): string | undefined {
  return /export\s+(?:async\s+)?function\s+(bench\w*)/.exec(readFileSync(file, 'utf8'))?.[1];
}

function runScript(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', file], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => {
      output += String(chunk);
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve(output.trim()) : reject(new Error(`${file} exited with ${code}:\n${output}`)),
    );
  });
}

/**
 * Benchmarks from other parts of the project, used as they are: their exported function when there is one, else
 * the script's own printed table. Missing: reported as not available.
 */
async function external(name: string): Promise<Figures | null> {
  const file = join(BENCH_DIR, `${name}.ts`);
  if (!existsSync(file)) return null;
  const fn = exportedBench(file);
  if (!fn) return { output: await runScript(file) };
  const module: Record<string, unknown> = await import(`./${name}.ts`);
  const bench = module[fn];
  if (typeof bench !== 'function') return { output: await runScript(file) };
  return (await bench()) as Figures;
}

/** The figures in bench/rubric.ts's printed table (it has no exported function), with the raw text kept. */
function rubricFigures(output: string): Figures {
  const number = (pattern: RegExp) => {
    const match = pattern.exec(output);
    return match ? Number(match[1]) : Number.NaN;
  };
  return {
    answerWords: number(/a (\d+)-word answer/),
    answersPerSecond: number(/throughput\s+([\d.]+) answers\/s/),
    p50Ms: number(/p50\s+([\d.]+) ms/),
    p99Ms: number(/p99\s+([\d.]+) ms/),
    maxMs: number(/max\s+([\d.]+) ms/),
    goalP99Ms: number(/the ([\d.]+) ms goal/),
    output,
  };
}

function gitCommit(): string {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
  } catch {
    return 'unknown';
  }
}

function machine() {
  const cpu = cpus();
  return {
    cpu: cpu[0]?.model ?? 'unknown',
    cores: cpu.length,
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    os: `${platform()} ${release()}`,
    node: process.version,
    commit: gitCommit(),
  };
}

const num = (value: number | string | undefined, digits = 1, unit = '') =>
  typeof value === 'number' && Number.isFinite(value)
    ? `${value.toFixed(digits)}${unit}`
    : String(value ?? '—');
const verdict = (ok: boolean) => (ok ? 'met' : 'NOT MET');

type Row = [figure: string, value: string, goal: string, verdict: string];

function ackRows(ack: AckFigures): Row[] {
  const rows: Row[] = [];
  RATES.forEach((rate, i) => {
    const ours = ack.ours.rates[i]!;
    const bare = ack.bare.rates[i]!;
    const ratio = ack.ratios[i]!.p99Ratio;
    rows.push(
      [
        `ack ${rate} rps, ours p50/p99/max`,
        `${num(ours.p50Ms)} / ${num(ours.p99Ms)} / ${num(ours.maxMs)} ms`,
        `p99 < ${ACK_P99_CEILING_MS / 1000} s`,
        verdict(ours.p99Ms < ACK_P99_CEILING_MS),
      ],
      [
        `ack ${rate} rps, bare p50/p99/max`,
        `${num(bare.p50Ms)} / ${num(bare.p99Ms)} / ${num(bare.maxMs)} ms`,
        '',
        '',
      ],
      [
        `ack ${rate} rps, p99 ours/bare`,
        `${num(ratio, 2)}x (rounds: ${ack.ratios[i]!.roundRatios.map((r) => num(r, 2)).join(', ')})`,
        `<= ${ACK_RATIO_GOAL}x`,
        verdict(ratio <= ACK_RATIO_GOAL),
      ],
      [
        `ack ${rate} rps, non-200 (ours, bare)`,
        `${ours.non200}, ${bare.non200} of ${ours.sent}`,
        '0',
        verdict(ours.non200 === 0),
      ],
    );
  });
  rows.unshift([
    'ack latency',
    `median round of ${ack.rounds} x ${ack.durationMs / 1000} s per rate; max over all rounds`,
    '',
    '',
  ]);
  const rssRatio = ack.ours.peakRssMb / ack.bare.peakRssMb;
  rows.push(
    ['peak RSS during ack run (ours)', `${num(ack.ours.peakRssMb, 0)} MB`, '', ''],
    ['peak RSS during ack run (bare)', `${num(ack.bare.peakRssMb, 0)} MB`, '', ''],
    [
      'peak RSS during ack run, ours/bare',
      `${num(rssRatio, 2)}x`,
      `<= ${RSS_RATIO_GOAL}x`,
      verdict(rssRatio <= RSS_RATIO_GOAL),
    ],
    [
      'inbox during ack run (ours): peak, at end',
      `${ack.ours.peakInbox} waiting, ${ack.ours.inboxAtEnd}`,
      '0 at end',
      verdict(ack.ours.inboxAtEnd === 0),
    ],
  );
  return rows;
}

function genericRows(label: string, figures: Figures): Row[] {
  return Object.entries(figures).map(([key, value]) => [
    `${label}: ${key}`,
    typeof value === 'number' ? num(value, Number.isInteger(value) ? 0 : 2) : value,
    '',
    '',
  ]);
}

function printSummary(rows: Row[]): void {
  const header: Row = ['Figure', 'Value', 'Goal', 'Verdict'];
  const all = [header, ...rows];
  const widths = header.map((_, c) => Math.max(...all.map((r) => r[c]!.length)));
  const line = (r: Row) =>
    r
      .map((cell, c) => cell.padEnd(widths[c]!))
      .join('  ')
      .trimEnd();
  console.log(`\n${line(header)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
  for (const row of rows) console.log(line(row));
}

const failedRow = (name: string, result: { error: string; skipped?: boolean }): Row =>
  result.skipped
    ? [name, result.error, '', '']
    : [name, `failed: ${result.error.split('\n')[0]}`, '', 'ERROR'];

async function main(): Promise<number> {
  if (QUICK) process.env.BENCH_STORE_USERS ??= '500';
  const started = new Date();
  process.stdout.write('\n== Building both apps (node on compiled JavaScript) ...\n');
  buildApps();
  const startup = await part('Start-up', 'startup', () => benchStartup());
  const ack = await part('Ack latency', 'ack', () => benchAck());
  const rubric = await part('Rubric', 'rubric', async () => {
    const figures = await external('rubric');
    return figures && typeof figures.output === 'string' ? rubricFigures(figures.output) : figures;
  });
  const store = await part('Store', 'store', async () => {
    // Imported here so BENCH_STORE_USERS (quick mode) is set before the module reads it.
    const { benchStore } = await import('./store.ts');
    return benchStore();
  });
  const daily = await part('Daily fan-out', 'daily', () => external('daily'));
  const postgres = await part('PostgreSQL', 'postgres', async () => {
    // Imported here: it reads BENCH_STORE_USERS too, and needs the pg client only when this part runs.
    const { benchPostgres } = await import('./postgres.ts');
    return benchPostgres();
  });

  const rows: Row[] = [];
  if (startup.ok) {
    const f = startup.figures;
    const runs = (values: number[]) => values.map((v) => num(v, 0)).join(', ');
    rows.push(
      [
        `start-up to healthy, ours (median of ${f.runs})`,
        `${num(f.oursMedianMs, 0)} ms (runs ${runs(f.oursMs)})`,
        '',
        '',
      ],
      [
        `start-up to healthy, bare (median of ${f.runs})`,
        `${num(f.bareMedianMs, 0)} ms (runs ${runs(f.bareMs)})`,
        '',
        '',
      ],
      [
        'start-up to healthy, ours/bare',
        `${num(f.ratio, 2)}x`,
        `<= ${STARTUP_RATIO_GOAL}x`,
        verdict(f.ratio <= STARTUP_RATIO_GOAL),
      ],
      [
        'peak RSS when healthy (ours, bare)',
        `${num(f.oursReadyRssMb, 0)} MB, ${num(f.bareReadyRssMb, 0)} MB`,
        '',
        '',
      ],
    );
  } else rows.push(failedRow('start-up', startup));
  if (ack.ok) rows.push(...ackRows(ack.figures));
  else rows.push(failedRow('ack latency', ack));
  if (!rubric.ok) rows.push(failedRow('rubric', rubric));
  else if (rubric.figures === null) rows.push(['rubric', 'not available (bench/rubric.ts missing)', '', '']);
  else if (Number.isFinite(rubric.figures.p99Ms)) {
    const r = rubric.figures;
    const goal = Number(r.goalP99Ms);
    rows.push(
      [`rubric: answers per second (${r.answerWords}-word answer)`, num(r.answersPerSecond, 0), '', ''],
      [
        `rubric: p50 / p99 (${r.answerWords}-word answer)`,
        `${num(r.p50Ms, 3)} / ${num(r.p99Ms, 3)} ms`,
        Number.isFinite(goal) ? `p99 <= ${goal} ms` : '',
        Number.isFinite(goal) ? verdict(Number(r.p99Ms) <= goal) : '',
      ],
    );
  } else if (typeof rubric.figures.output === 'string') rows.push(['rubric', 'see its table above', '', '']);
  else rows.push(...genericRows('rubric', rubric.figures));
  if (store.ok) {
    const s = store.figures;
    rows.push(
      [
        'store: users x sessions',
        `${s.users} x ${Number(s.sessions) / Number(s.users)} (db ${num(s.dbSizeMb, 0)} MB)`,
        '',
        '',
      ],
      ['store: progress p50', `${num(s.progressP50Ms, 3)} ms`, '', ''],
      [
        'store: progress p99',
        `${num(s.progressP99Ms, 3)} ms`,
        `< ${STORE_P99_GOAL_MS} ms`,
        verdict(Number(s.progressP99Ms) < STORE_P99_GOAL_MS),
      ],
    );
  } else rows.push(failedRow('store', store));
  if (!daily.ok) rows.push(failedRow('daily fan-out', daily));
  else if (daily.figures === null)
    rows.push(['daily fan-out', 'not available (bench/daily.ts missing)', '', '']);
  else if (typeof daily.figures.output === 'string')
    rows.push(['daily fan-out', 'see its table above', '', '']);
  else rows.push(...genericRows('daily', daily.figures));

  if (postgres.ok) {
    const { postgresRows } = await import('./postgres.ts');
    const p99 = Number(postgres.figures.store.progressP99Ms);
    rows.push(
      ...postgresRows(postgres.figures).map(([figure, value]): Row => [`postgres: ${figure}`, value, '', '']),
      [
        'postgres: progress p99',
        `${num(p99, 3)} ms`,
        `< ${STORE_P99_GOAL_MS} ms`,
        verdict(p99 < STORE_P99_GOAL_MS),
      ],
      [
        'postgres: ack non-200 (2 instances)',
        String(postgres.figures.postgres.non200),
        '0',
        verdict(postgres.figures.postgres.non200 === 0),
      ],
    );
  } else rows.push(failedRow('postgres', postgres));

  if (rubric.ok && rubric.figures && typeof rubric.figures.output === 'string')
    console.log(rubric.figures.output);
  if (daily.ok && daily.figures && typeof daily.figures.output === 'string')
    console.log(daily.figures.output);
  printSummary(rows);

  const date = started.toISOString().slice(0, 10);
  const only = ONLY ? `-${[...ONLY].sort().join('-')}` : '';
  const file = join(BENCH_DIR, 'results', `${date}${QUICK ? '-quick' : ''}${only}.json`);
  mkdirSync(dirname(file), { recursive: true });
  const result = <T>(p: Part<T>) => (p.ok ? p.figures : { error: p.error });
  const record = {
    startedAt: started.toISOString(),
    quick: QUICK,
    machine: machine(),
    goals: {
      startupRatioToBare: STARTUP_RATIO_GOAL,
      ackPeakRssRatioToBare: RSS_RATIO_GOAL,
      ackP99RatioToBare: ACK_RATIO_GOAL,
      ackP99CeilingMs: ACK_P99_CEILING_MS,
      ackNon200: 0,
      storeProgressP99Ms: STORE_P99_GOAL_MS,
    },
    startup: result(startup),
    ack: result(ack),
    rubric: result(rubric),
    store: result(store),
    daily: result(daily),
    postgres: result(postgres),
    secondsPerPart: {
      startup: startup.seconds,
      ack: ack.seconds,
      rubric: rubric.seconds,
      store: store.seconds,
      daily: daily.seconds,
      postgres: postgres.seconds,
    },
  };
  writeFileSync(file, `${JSON.stringify(record, null, 2)}\n`);
  console.log(`\nWrote ${file}`);
  return [startup, ack, rubric, store, daily, postgres].every((p) => p.ok || p.skipped) ? 0 : 1;
}

process.exitCode = await main();
