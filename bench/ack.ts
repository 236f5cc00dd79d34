import { createHmac } from 'node:crypto';
import Database from 'better-sqlite3';
import { loadContent } from '../src/content/load.ts';
import { inboxPathFor } from '../src/store/sqlite-inbox.ts';
import { FakeSlackProcess } from './fake-slack-process.ts';
import { type LoadRequest, runLoad } from './load.ts';
import { type AppKind, BENCH_SIGNING_SECRET, type RunningApp, startApp } from './startup.ts';
import { percentile, printTable } from './stats.ts';

/**
 * Ack latency: signed slash commands and DM message events, half and half, sent open-loop at fixed rates to the
 * app in HTTP mode (Web API and response_url pointed at a local fake Slack), then the same to a bare Bolt app that
 * only acknowledges. Ours writes each request to its durable inbox before answering, so that write is measured;
 * the inbox backlog is sampled too, to show it drains. Each simulated user starts a session with the slash command and answers it part by part in
 * the DM, so the app does its real work (SQLite turns, grading, outbox delivery under Slack's rate limits) while
 * it acknowledges.
 */
export const QUICK = process.env.BENCH_QUICK === '1';
/** BENCH_RATES=200 (or 50,200) runs only those rates, to reproduce one figure faster. */
export const RATES = process.env.BENCH_RATES
  ? process.env.BENCH_RATES.split(',').map(Number)
  : [50, 100, 200];
const DURATION_MS = QUICK ? 3_000 : 20_000;
/**
 * Each rate is run this many times, ours and bare alternating (the order flips every round), so a slow spell of
 * the shared machine falls on both apps rather than on one. The summary is the median round; every round is kept.
 */
export const ROUNDS = QUICK ? 1 : 3;
/** Few users, so their sessions reach grading and every code path is warm before anything is measured. */
const WARMUP = { rate: 50, durationMs: 4_000, users: 10 };
const TEAM = 'T0BENCH';
const RSS_SAMPLE_MS = 200;
/**
 * Time between one simulated user's requests. A full 20 s run gives each user about 12 requests: a whole
 * session, from the slash command through grading to the follow-ups. (People type slower; more users at a
 * slower pace would never reach grading within the run.)
 */
const USER_INTERVAL_MS = 1_600;

export interface RoundFigures {
  sent: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  non200: number;
  statuses: Record<string, number>;
  /** How late the generator itself sent requests (its own overload shows here, not as app latency). */
  maxSendLagMs: number;
}

export interface RateFigures {
  rate: number;
  /** All rounds together. */
  sent: number;
  non200: number;
  statuses: Record<string, number>;
  /** Median of the rounds' p50 and p99. */
  p50Ms: number;
  p99Ms: number;
  /** Highest latency of any round, and the p99 of all rounds' latencies pooled. */
  maxMs: number;
  pooledP99Ms: number;
  maxSendLagMs: number;
  rounds: RoundFigures[];
}

export interface AppFigures {
  readyMs: number;
  rates: RateFigures[];
  /** Highest RSS sampled every 200 ms while under load, and the kernel's high-water mark (MB). */
  sampledPeakRssMb: number;
  peakRssMb: number;
  /** Ours: the most requests waiting in the inbox at once (sampled every 200 ms), and how many at the end. */
  peakInbox?: number;
  inboxAtEnd?: number;
}

export interface AckFigures {
  durationMs: number;
  rounds: number;
  ours: AppFigures;
  bare: AppFigures;
  /** ours p99 / bare p99 (medians of the rounds), per rate, and the same ratio round by round. */
  ratios: { rate: number; p99Ratio: number; roundRatios: number[] }[];
}

const bank = loadContent();
const seed = bank.questions.find((q) => q.id === 'dive-deep/unexpected-root-cause');
if (!seed) throw new Error('the seed question is missing from the content');

const COMMAND_SCRIPT = [seed.id, 'progress', 'help', 'list', 'level senior', 'progress'];
const DM_SCRIPT = [
  seed.parts.situation.good,
  seed.parts.task.good,
  seed.parts.action.good,
  seed.parts.result.good,
  seed.parts.reflection.good,
  ...seed.followUps.map((f) => f.good),
  'status',
  'done',
];

function signed(body: string, contentType: string): LoadRequest {
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = createHmac('sha256', BENCH_SIGNING_SECRET)
    .update(`v0:${timestamp}:${body}`)
    .digest('hex');
  return {
    body,
    headers: {
      'Content-Type': contentType,
      'X-Slack-Request-Timestamp': String(timestamp),
      'X-Slack-Signature': `v0=${signature}`,
    },
  };
}

/**
 * Request i goes to user i % users, so one user's requests are `users / rate` seconds apart and many users are
 * in flight at once. Users alternate which kind comes first, so every moment of the run is half commands, half
 * DMs; a user whose first message is a DM says hello before starting.
 */
export function workload(
  runId: string,
  rate: number,
  responseBase: string,
  users = Math.max(10, Math.round((rate * USER_INTERVAL_MS) / 1000)),
) {
  const commandsSent = new Array<number>(users).fill(0);
  const dmsSent = new Array<number>(users).fill(0);
  return (i: number): LoadRequest => {
    const u = i % users;
    const round = Math.floor(i / users);
    const user = `U${runId}X${u}`;
    const channel = `D${user}`;
    if ((round + u) % 2 === 0) {
      const k = commandsSent[u]!++;
      const fields = {
        token: 'unused',
        command: '/star-practice',
        text: COMMAND_SCRIPT[k % COMMAND_SCRIPT.length]!,
        response_url: `${responseBase}/respond/${runId}/${i}`,
        trigger_id: `trigger-${runId}-${i}`,
        user_id: user,
        user_name: user.toLowerCase(),
        team_id: TEAM,
        team_domain: 'bench',
        channel_id: channel,
        channel_name: 'directmessage',
        api_app_id: 'A0BENCH',
      };
      return signed(new URLSearchParams(fields).toString(), 'application/x-www-form-urlencoded');
    }
    const k = dmsSent[u]!++;
    const script = u % 2 === 1 ? ['hello', ...DM_SCRIPT] : DM_SCRIPT;
    const ts = `${1_800_000_000 + i}.${String(u).padStart(6, '0')}`;
    const envelope = {
      token: 'unused',
      team_id: TEAM,
      api_app_id: 'A0BENCH',
      type: 'event_callback',
      event_id: `Ev${runId}X${i}`,
      event_time: Math.floor(Date.now() / 1000),
      authorizations: [{ team_id: TEAM, user_id: 'U0BENCH', is_bot: true, is_enterprise_install: false }],
      event: {
        type: 'message',
        channel,
        channel_type: 'im',
        user,
        text: script[k % script.length],
        ts,
        event_ts: ts,
        client_msg_id: `msg-${runId}-${i}`,
      },
    };
    return signed(JSON.stringify(envelope), 'application/json');
  };
}

/** Waits until the fake Slack has had no calls for a while: the app's outbox backlog from the last rate is sent. */
async function settle(slack: FakeSlackProcess, quietMs = 1_500, maxMs = 30_000): Promise<void> {
  const deadline = Date.now() + maxMs;
  let last = (await slack.counts()).calls;
  let quietSince = Date.now();
  while (Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 100));
    const { calls } = await slack.counts();
    if (calls !== last) {
      last = calls;
      quietSince = Date.now();
    } else if (Date.now() - quietSince >= quietMs) return;
  }
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
};

function summarise(rate: number, rounds: (RoundFigures & { latenciesMs: number[] })[]): RateFigures {
  const statuses: Record<string, number> = {};
  for (const round of rounds) {
    for (const [status, count] of Object.entries(round.statuses))
      statuses[status] = (statuses[status] ?? 0) + count;
  }
  return {
    rate,
    sent: rounds.reduce((sum, r) => sum + r.sent, 0),
    non200: rounds.reduce((sum, r) => sum + r.non200, 0),
    statuses,
    p50Ms: median(rounds.map((r) => r.p50Ms)),
    p99Ms: median(rounds.map((r) => r.p99Ms)),
    maxMs: Math.max(...rounds.map((r) => r.maxMs)),
    pooledP99Ms: percentile(
      rounds.flatMap((r) => r.latenciesMs),
      0.99,
    ),
    maxSendLagMs: Math.max(...rounds.map((r) => r.maxSendLagMs)),
    rounds: rounds.map(({ latenciesMs: _, ...figures }) => figures),
  };
}

/** Requests waiting in an app's inbox (ours only: the bare app has no database). */
function inboxSize(app: RunningApp): number {
  const db = new Database(inboxPathFor(app.databasePath), { readonly: true, fileMustExist: true });
  try {
    return (db.prepare('SELECT count(*) AS n FROM inbox').get() as { n: number }).n;
  } finally {
    db.close();
  }
}

/** A running app with its RSS (and, for ours, its inbox backlog) sampled while the bench runs. */
function sampled(app: RunningApp) {
  let peak = 0;
  let peakInbox = 0;
  const timer = setInterval(() => {
    const rss = app.rssMb();
    if (Number.isFinite(rss)) peak = Math.max(peak, rss);
    if (app.kind === 'ours') peakInbox = Math.max(peakInbox, inboxSize(app));
  }, RSS_SAMPLE_MS);
  return { app, peak: () => peak, peakInbox: () => peakInbox, stop: () => clearInterval(timer) };
}

/**
 * Both apps run side by side (the idle one costs nothing) and take turns under load: for each round and rate,
 * ours then bare, or bare then ours on odd rounds. After each of our runs the outbox backlog is drained first.
 */
export async function benchAck(): Promise<AckFigures> {
  const slack = new FakeSlackProcess({ workspacePerSecond: 10_000, channelPerSecond: 1 });
  const apiUrl = await slack.start();
  const responseBase = apiUrl.replace(/\/api\/$/, '');
  const apps: Partial<Record<AppKind, ReturnType<typeof sampled>>> = {};
  try {
    for (const kind of ['ours', 'bare'] as const)
      apps[kind] = sampled(await startApp(kind, apiUrl, { timeoutMs: 120_000 }));
    const running = (kind: AppKind) => apps[kind]!.app;
    for (const kind of ['ours', 'bare'] as const) {
      await runLoad({
        url: running(kind).eventsUrl,
        ratePerSecond: WARMUP.rate,
        durationMs: WARMUP.durationMs,
        build: workload(`W${kind}`, WARMUP.rate, responseBase, WARMUP.users),
      });
    }
    await settle(slack);
    const results = { ours: RATES.map(() => []), bare: RATES.map(() => []) } as Record<
      AppKind,
      (RoundFigures & { latenciesMs: number[] })[][]
    >;
    for (let round = 0; round < ROUNDS; round++) {
      const order: AppKind[] = round % 2 === 0 ? ['ours', 'bare'] : ['bare', 'ours'];
      for (const [i, rate] of RATES.entries()) {
        for (const kind of order) {
          const result = await runLoad({
            url: running(kind).eventsUrl,
            ratePerSecond: rate,
            durationMs: DURATION_MS,
            build: workload(`R${rate}x${round}${kind[0]}`, rate, responseBase),
          });
          results[kind][i]!.push({
            sent: result.sent,
            p50Ms: percentile(result.latenciesMs, 0.5),
            p99Ms: percentile(result.latenciesMs, 0.99),
            maxMs: Math.max(...result.latenciesMs),
            non200: result.non200,
            statuses: result.statuses,
            maxSendLagMs: result.maxSendLagMs,
            latenciesMs: result.latenciesMs,
          });
          if (kind === 'ours') await settle(slack);
        }
      }
    }
    const figures = (kind: AppKind): AppFigures => {
      const app = running(kind);
      if (app.child.exitCode !== null) throw new Error(`${kind} exited during the run:\n${app.output()}`);
      return {
        readyMs: app.readyMs,
        rates: RATES.map((rate, i) => summarise(rate, results[kind][i]!)),
        sampledPeakRssMb: apps[kind]!.peak(),
        peakRssMb: app.peakRssMb(),
        ...(kind === 'ours' ? { peakInbox: apps[kind]!.peakInbox(), inboxAtEnd: inboxSize(app) } : {}),
      };
    };
    const ours = figures('ours');
    const bare = figures('bare');
    const ratios = RATES.map((rate, i) => ({
      rate,
      p99Ratio: ours.rates[i]!.p99Ms / bare.rates[i]!.p99Ms,
      roundRatios: ours.rates[i]!.rounds.map((r, k) => r.p99Ms / bare.rates[i]!.rounds[k]!.p99Ms),
    }));
    return { durationMs: DURATION_MS, rounds: ROUNDS, ours, bare, ratios };
  } finally {
    for (const entry of Object.values(apps)) {
      entry.stop();
      await entry.app.stop();
    }
    await slack.stop();
  }
}

const ms = (value: number) => `${value.toFixed(1)} ms`;

export function ackRows(figures: AckFigures): [string, string][] {
  return figures.ours.rates.flatMap((ours, i) => {
    const bare = figures.bare.rates[i]!;
    return [
      [
        `${ours.rate} rps ours`,
        `p50 ${ms(ours.p50Ms)}  p99 ${ms(ours.p99Ms)}  max ${ms(ours.maxMs)}  non-200 ${ours.non200}`,
      ],
      [
        `${bare.rate} rps bare`,
        `p50 ${ms(bare.p50Ms)}  p99 ${ms(bare.p99Ms)}  max ${ms(bare.maxMs)}  non-200 ${bare.non200}`,
      ],
      [
        `${ours.rate} rps ratio`,
        `p99 ours/bare ${figures.ratios[i]!.p99Ratio.toFixed(2)}x (rounds: ${figures.ratios[i]!.roundRatios.map((r) => r.toFixed(2)).join(', ')})`,
      ],
    ] satisfies [string, string][];
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await benchAck();
  printTable(
    `Ack latency (${figures.rounds} x ${figures.durationMs / 1000} s per rate, half slash commands, half DM events)`,
    [
      ...ackRows(figures),
      ['peak RSS (ours)', `${figures.ours.peakRssMb.toFixed(0)} MB`],
      ['peak RSS (bare)', `${figures.bare.peakRssMb.toFixed(0)} MB`],
      ['inbox (ours)', `peak ${figures.ours.peakInbox} waiting, ${figures.ours.inboxAtEnd} at the end`],
    ],
  );
}
