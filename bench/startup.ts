import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FakeSlack } from './fake-slack.ts';
import { percentile, printTable } from './stats.ts';

export const BENCH_SIGNING_SECRET = 'bench-signing-secret';

/**
 * The app under test, both compiled to JavaScript and started with plain `node`, as in production: ours is
 * `npm start` (`dist/main.js`), bare is `bench/bare-bolt.ts` (a Bolt app that only acknowledges).
 */
export type AppKind = 'ours' | 'bare';

const ENTRY: Record<AppKind, string> = { ours: 'dist/main.js', bare: 'bench/dist/bare-bolt.js' };

/** Compiles both apps from the current source (`npm run build`, and the bare app with the same compiler). */
export function buildApps(): void {
  const tsc = ['node_modules/typescript/bin/tsc'];
  execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });
  execFileSync(process.execPath, [...tsc, '-p', 'bench/tsconfig.bare.json'], { stdio: 'inherit' });
}
const OUTPUT_LINES_KEPT = 60;

export interface RunningApp {
  kind: AppKind;
  child: ChildProcess;
  pid: number;
  eventsUrl: string;
  /** The app's fresh database file. */
  databasePath: string;
  /** Spawn to the first `/healthz` 200: content loaded, migrations applied, receiving. */
  readyMs: number;
  /** The last lines the process printed (for reports when something goes wrong). */
  output(): string;
  /** Current resident set size in MB. */
  rssMb(): number;
  /** Highest resident set size so far (Linux VmHWM), in MB. */
  peakRssMb(): number;
  stop(): Promise<void>;
}

/** A port that was free a moment ago (the app takes PORT from the environment and cannot report an ephemeral one). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

function statusKb(pid: number, field: 'VmRSS' | 'VmHWM'): number {
  try {
    const match = new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(
      readFileSync(`/proc/${pid}/status`, 'utf8'),
    );
    return match ? Number(match[1]) : Number.NaN;
  } catch {
    // Not Linux, or the process has gone: no figure rather than a wrong one.
    return Number.NaN;
  }
}

async function healthy(url: string): Promise<boolean> {
  try {
    const res = await fetch(url, { signal: AbortSignal.timeout(1000) });
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

/** Spawns the app on a fresh database in a temp dir, Web API pointed at `slackApiUrl`; resolves once healthy. */
export async function startApp(
  kind: AppKind,
  slackApiUrl: string,
  options: { logLevel?: string; timeoutMs?: number; nodeArgs?: string[]; env?: Record<string, string> } = {},
): Promise<RunningApp> {
  const dir = mkdtempSync(join(tmpdir(), `star-bench-${kind}-`));
  const port = await freePort();
  const started = performance.now();
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), ENTRY[kind]], {
    env: {
      PATH: process.env.PATH,
      SLACK_BOT_TOKEN: 'xoxb-bench',
      SLACK_SIGNING_SECRET: BENCH_SIGNING_SECRET,
      SLACK_BOT_ID: 'B0BENCH',
      SLACK_BOT_USER_ID: 'U0BENCH',
      SLACK_API_URL: slackApiUrl,
      DATABASE_PATH: join(dir, 'bench.db'),
      PORT: String(port),
      LOG_LEVEL: options.logLevel ?? 'info',
      // DATABASE_URL here runs it on PostgreSQL instead of the fresh SQLite file.
      ...options.env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: string[] = [];
  const keep = (chunk: Buffer) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    if (lines.length > OUTPUT_LINES_KEPT) lines.splice(0, lines.length - OUTPUT_LINES_KEPT);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  child.on('error', (error) => lines.push(`spawn failed: ${error.message}`));
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const cleanUp = () => rmSync(dir, { recursive: true, force: true });
  const pid = child.pid;
  if (pid === undefined) {
    cleanUp();
    throw new Error(`could not spawn ${ENTRY[kind]}`);
  }

  const base = `http://127.0.0.1:${port}`;
  const deadline = started + (options.timeoutMs ?? 30_000);
  while (!(await healthy(`${base}/healthz`))) {
    if (child.exitCode !== null || performance.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      cleanUp();
      throw new Error(`${ENTRY[kind]} did not become healthy:\n${lines.join('\n')}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  const readyMs = performance.now() - started;
  return {
    kind,
    child,
    pid,
    eventsUrl: `${base}/slack/events`,
    databasePath: join(dir, 'bench.db'),
    readyMs,
    output: () => lines.join('\n'),
    rssMb: () => statusKb(pid, 'VmRSS') / 1024,
    peakRssMb: () => statusKb(pid, 'VmHWM') / 1024,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
      cleanUp();
    },
  };
}

export interface StartupFigures {
  runs: number;
  /** Spawn to the first /healthz 200, median and max of the runs, per app. */
  oursMedianMs: number;
  oursMaxMs: number;
  bareMedianMs: number;
  bareMaxMs: number;
  ratio: number;
  /** Peak RSS (VmHWM) by the time the app is healthy, median of the runs (MB). */
  oursReadyRssMb: number;
  bareReadyRssMb: number;
  oursMs: number[];
  bareMs: number[];
}

/**
 * Start-up to healthy on a fresh database, ours and bare alternating (the order flips every run, so a slow moment
 * of the shared machine falls on both), median of `runs`. Expects `buildApps()` to have run.
 */
export async function benchStartup(runs = 3): Promise<StartupFigures> {
  const slack = new FakeSlack({ workspacePerSecond: 1000, channelPerSecond: 1 });
  const apiUrl = await slack.start();
  const times: Record<AppKind, number[]> = { ours: [], bare: [] };
  const rss: Record<AppKind, number[]> = { ours: [], bare: [] };
  try {
    for (let i = 0; i < runs; i++) {
      const order: AppKind[] = i % 2 === 0 ? ['ours', 'bare'] : ['bare', 'ours'];
      for (const kind of order) {
        const app = await startApp(kind, apiUrl);
        times[kind].push(app.readyMs);
        rss[kind].push(app.peakRssMb());
        await app.stop();
      }
    }
  } finally {
    await slack.stop();
  }
  const oursMedianMs = percentile(times.ours, 0.5);
  const bareMedianMs = percentile(times.bare, 0.5);
  return {
    runs,
    oursMedianMs,
    oursMaxMs: Math.max(...times.ours),
    bareMedianMs,
    bareMaxMs: Math.max(...times.bare),
    ratio: oursMedianMs / bareMedianMs,
    oursReadyRssMb: percentile(rss.ours, 0.5),
    bareReadyRssMb: percentile(rss.bare, 0.5),
    oursMs: times.ours,
    bareMs: times.bare,
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  buildApps();
  const f = await benchStartup();
  const list = (values: number[]) => values.map((v) => v.toFixed(0)).join(', ');
  printTable(`Start-up to healthy (spawn to /healthz 200, fresh database, median of ${f.runs})`, [
    ['ours', `${f.oursMedianMs.toFixed(0)} ms (runs: ${list(f.oursMs)})`],
    ['bare Bolt', `${f.bareMedianMs.toFixed(0)} ms (runs: ${list(f.bareMs)})`],
    ['ratio', `${f.ratio.toFixed(2)}x`],
    [
      'peak RSS when healthy',
      `ours ${f.oursReadyRssMb.toFixed(0)} MB, bare ${f.bareReadyRssMb.toFixed(0)} MB`,
    ],
  ]);
}
