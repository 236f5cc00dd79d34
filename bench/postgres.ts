import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { CRITERION_IDS } from '../src/content/schema.ts';
import { verdictsJson } from '../src/store/codec.ts';
import { openPostgresStore } from '../src/store/postgres/open.ts';
import { sessionState, T0 } from '../test/store/fixtures.ts';
import { QUICK, workload } from './ack.ts';
import { FakeSlackProcess } from './fake-slack-process.ts';
import { runLoad } from './load.ts';
import { type RunningApp, startApp } from './startup.ts';
import { percentile, printTable } from './stats.ts';

/**
 * The PostgreSQL column of `npm run bench` (BENCH_ONLY=postgres): the ack workload of bench/ack.ts against two
 * instances on one PostgreSQL database (requests alternating between them, as a proxy spreads them) and against
 * one instance on SQLite, each on a fresh database; then the progress query at 10 000 users x 50 sessions on
 * PostgreSQL, as bench/store.ts measures it on SQLite. The server: BENCH_POSTGRES_URL, else the local one.
 */
const ADMIN_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const RATE = Number(process.env.BENCH_POSTGRES_RATE ?? 100);
const DURATION_MS = QUICK ? 5_000 : 20_000;
const WARMUP = { rate: 20, durationMs: QUICK ? 2_000 : 4_000, users: 10 };
const USERS = Number(process.env.BENCH_STORE_USERS ?? 10_000);
const SESSIONS_PER_USER = 50;
const PRINCIPLES = ['customer-obsession', 'ownership', 'dive-deep', 'bias-for-action', 'earn-trust'];
const BANDS = ['strongly-not-inclined', 'not-inclined', 'inclined', 'strongly-inclined'];
const VERDICTS = ['pass', 'partial', 'fail', 'n/a'];
const DAY = 86_400_000;

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: ADMIN_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A database of its own, dropped by the returned function. */
async function freshDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const name = `star_bench_${process.pid}_${randomBytes(4).toString('hex')}`;
  await admin((client) => client.query(`CREATE DATABASE ${name}`));
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    drop: () =>
      admin((client) => client.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)).then(() => {}),
  };
}

export interface SetupFigures {
  instances: number;
  database: 'sqlite' | 'postgresql';
  sent: number;
  non200: number;
  ackP50Ms: number;
  ackP99Ms: number;
  ackMaxMs: number;
  /** Turns (DM messages) applied, from the load's start until the inbox was empty, per second. */
  turnsApplied: number;
  turnsPerSecond: number;
  secondsToDrain: number;
}

/** Applied turns and waiting requests, read from whichever database the setup uses. */
interface Counter {
  turns(): Promise<number>;
  inbox(): Promise<number>;
  close(): Promise<void>;
}

async function sqliteCounter(app: RunningApp): Promise<Counter> {
  const { default: Database } = await import('better-sqlite3');
  const read = (sql: string) => {
    const db = new Database(app.databasePath, { readonly: true, fileMustExist: true });
    try {
      return (db.prepare(sql).get() as { n: number }).n;
    } finally {
      db.close();
    }
  };
  return {
    turns: async () => read('SELECT count(*) AS n FROM processed_messages'),
    inbox: async () => read('SELECT count(*) AS n FROM inbox'),
    close: async () => {},
  };
}

function postgresCounter(url: string): Counter {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const read = async (sql: string) => (await pool.query<{ n: number }>(sql)).rows[0]?.n ?? 0;
  return {
    turns: () => read('SELECT count(*)::int AS n FROM processed_messages'),
    inbox: () => read('SELECT count(*)::int AS n FROM inbox'),
    close: () => pool.end(),
  };
}

/** The ack workload at RATE, spread round-robin over the apps; then waits for the inbox to empty. */
async function loadSetup(
  label: string,
  apps: RunningApp[],
  counter: Counter,
  responseBase: string,
): Promise<Omit<SetupFigures, 'instances' | 'database'>> {
  // One generator per instance at its share of the rate; request i of the whole run goes to instance i % n.
  const spread = (runId: string, rate: number, durationMs: number, users?: number) => {
    const build = workload(runId, rate, responseBase, users);
    return Promise.all(
      apps.map((app, k) =>
        runLoad({
          url: app.eventsUrl,
          ratePerSecond: rate / apps.length,
          durationMs,
          build: (i) => build(i * apps.length + k),
        }),
      ),
    );
  };
  const drained = async () => {
    const deadline = performance.now() + 300_000;
    while ((await counter.inbox()) > 0) {
      if (performance.now() > deadline) throw new Error(`${label}: the inbox did not drain within 5 minutes`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  };
  // Warm-up, as bench/ack.ts does: a few sessions reach grading, so every code path is loaded before measuring.
  await spread(`W${label}`, WARMUP.rate, WARMUP.durationMs, WARMUP.users);
  await drained();
  const turnsBefore = await counter.turns();
  const started = performance.now();
  const results = await spread(`P${label}`, RATE, DURATION_MS);
  await drained();
  const seconds = (performance.now() - started) / 1000;
  const latencies = results.flatMap((r) => r.latenciesMs);
  const turns = (await counter.turns()) - turnsBefore;
  return {
    sent: results.reduce((sum, r) => sum + r.sent, 0),
    non200: results.reduce((sum, r) => sum + r.non200, 0),
    ackP50Ms: percentile(latencies, 0.5),
    ackP99Ms: percentile(latencies, 0.99),
    ackMaxMs: Math.max(...latencies),
    turnsApplied: turns,
    turnsPerSecond: turns / seconds,
    secondsToDrain: seconds,
  };
}

/** One instance on SQLite, then two on one PostgreSQL database, each fresh, under the same workload. */
export async function benchInstances(): Promise<{ sqlite: SetupFigures; postgres: SetupFigures }> {
  const slack = new FakeSlackProcess({ workspacePerSecond: 10_000, channelPerSecond: 1 });
  const apiUrl = await slack.start();
  const responseBase = apiUrl.replace(/\/api\/$/, '');
  try {
    const one = await startApp('ours', apiUrl, { timeoutMs: 120_000 });
    let sqlite: SetupFigures;
    try {
      const counter = await sqliteCounter(one);
      sqlite = { instances: 1, database: 'sqlite', ...(await loadSetup('S', [one], counter, responseBase)) };
    } finally {
      await one.stop();
    }
    const database = await freshDatabase();
    const counter = postgresCounter(database.url);
    const apps: RunningApp[] = [];
    try {
      const env = { DATABASE_URL: database.url };
      apps.push(
        ...(await Promise.all([0, 1].map(() => startApp('ours', apiUrl, { timeoutMs: 120_000, env })))),
      );
      const figures = await loadSetup('P', apps, counter, responseBase);
      return { sqlite, postgres: { instances: 2, database: 'postgresql', ...figures } };
    } finally {
      for (const app of apps) await app.stop();
      await counter.close();
      await database.drop();
    }
  } finally {
    await slack.stop();
  }
}

/** As bench/store.ts fills SQLite, in the server: the same users, sessions, evaluations and row sizes. */
async function fill(url: string): Promise<void> {
  const prose = 'I traced the dropped webhooks to a retry queue held in memory. '.repeat(20);
  const state = JSON.stringify(
    sessionState({
      status: 'completed',
      step: { kind: 'closed' },
      parts: { situation: prose, action: prose },
    }),
  );
  const criteria = JSON.stringify(
    CRITERION_IDS.map((id, i) => ({
      id,
      verdict: VERDICTS[i % VERDICTS.length],
      evidence: [prose.slice(0, 120)],
      advice: prose.slice(0, 200),
    })),
  );
  const verdicts = verdictsJson(JSON.parse(criteria));
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const n = SESSIONS_PER_USER;
    await client.query(
      `INSERT INTO users (workspace_id, user_id, time_zone, created_at, updated_at)
       SELECT 'T1', 'U' || u, 'Europe/Berlin', 0, 0 FROM generate_series(0, $1 - 1) AS u`,
      [USERS],
    );
    await client.query(
      `INSERT INTO sessions (id, workspace_id, user_id, question_id, principle_id, source, status, step,
                             created_at, updated_at, completed_at, state, latest_band)
       SELECT 'U' || u || '-' || s, 'T1', 'U' || u, 'q', ($3::text[])[(u + s) % 5 + 1], 'slack', st, 'closed',
              at, at, CASE WHEN st = 'completed' THEN at END, $4::json,
              -- The band of the session's latest evaluation, as inserted below (a second one when s % 4 = 0).
              CASE WHEN st = 'completed' THEN ($7::text[])[(u + s + CASE WHEN s % 4 = 0 THEN 1 ELSE 0 END) % 4 + 1] END
       FROM generate_series(0, $1 - 1) AS u, generate_series(0, $2 - 1) AS s,
            LATERAL (SELECT CASE WHEN s = $2 - 1 THEN 'active' WHEN s % 10 = 3 THEN 'abandoned' ELSE 'completed' END AS st,
                            $5::bigint - ($2 - s) * $6::bigint AS at) AS x
       ORDER BY u, s`,
      [USERS, n, PRINCIPLES, state, T0, DAY, BANDS],
    );
    await client.query(
      `INSERT INTO evaluations (session_id, rubric_version, score, band, created_at, criteria, verdicts)
       SELECT 'U' || u || '-' || s, 'r1', 50, ($3::text[])[(u + s + extra) % 4 + 1],
              $4::bigint - ($2 - s) * $5::bigint + extra, $6::json, $7::json
       FROM generate_series(0, $1 - 1) AS u, generate_series(0, $2 - 2) AS s, generate_series(0, 1) AS extra
       WHERE s % 10 <> 3 AND (extra = 0 OR s % 4 = 0)
       ORDER BY u, s, extra`,
      [USERS, n, BANDS, T0, DAY, criteria, verdicts],
    );
    await client.query('VACUUM ANALYZE');
  } finally {
    await client.end();
  }
}

/** Fills a fresh PostgreSQL database, then times one user's progress query, as benchStore does on SQLite. */
export async function benchPostgresStore(): Promise<Record<string, number>> {
  const database = await freshDatabase();
  try {
    await (await openPostgresStore({ url: database.url })).close();
    const fillStarted = performance.now();
    await fill(database.url);
    const fillSeconds = (performance.now() - fillStarted) / 1000;
    const sizeMb = await admin(async (client) => {
      const { rows } = await client.query<{ bytes: string }>('SELECT pg_database_size($1) AS bytes', [
        new URL(database.url).pathname.slice(1),
      ]);
      return Number(rows[0]?.bytes) / 1024 / 1024;
    });
    const store = await openPostgresStore({ url: database.url });
    try {
      for (let i = 0; i < 50; i++) await store.progress({ workspaceId: 'T1', userId: 'U0' }, PRINCIPLES, T0);
      const timings: number[] = [];
      for (let i = 0; i < 2_000; i++) {
        const key = { workspaceId: 'T1', userId: `U${(i * 7919) % USERS}` };
        const started = performance.now();
        const progress = await store.progress(key, PRINCIPLES, T0);
        timings.push(performance.now() - started);
        // Each user has 44 completed sessions (5 abandoned, 1 active): a wrong answer is not a fast one.
        if (progress.sessionsCompleted !== 44) throw new Error(`wrong progress for ${key.userId}`);
      }
      return {
        users: USERS,
        sessions: USERS * SESSIONS_PER_USER,
        fillSeconds,
        dbSizeMb: sizeMb,
        progressP50Ms: percentile(timings, 0.5),
        progressP99Ms: percentile(timings, 0.99),
        progressMaxMs: Math.max(...timings),
      };
    } finally {
      await store.close();
    }
  } finally {
    await database.drop();
  }
}

export interface PostgresFigures {
  rate: number;
  durationMs: number;
  sqlite: SetupFigures;
  postgres: SetupFigures;
  store: Record<string, number>;
}

export async function benchPostgres(): Promise<PostgresFigures> {
  const { sqlite, postgres } = await benchInstances();
  const store = await benchPostgresStore();
  return { rate: RATE, durationMs: DURATION_MS, sqlite, postgres, store };
}

export function postgresRows(f: PostgresFigures): [string, string][] {
  const setup = (s: SetupFigures) =>
    `ack p50/p99/max ${s.ackP50Ms.toFixed(1)} / ${s.ackP99Ms.toFixed(1)} / ${s.ackMaxMs.toFixed(0)} ms, non-200 ${s.non200} of ${s.sent}; ${s.turnsApplied} turns in ${s.secondsToDrain.toFixed(1)} s = ${s.turnsPerSecond.toFixed(1)}/s`;
  return [
    [`1 instance, SQLite (${f.rate} rps for ${f.durationMs / 1000} s)`, setup(f.sqlite)],
    [`2 instances, PostgreSQL (${f.rate} rps)`, setup(f.postgres)],
    ['ack p99, 2 x PostgreSQL / 1 x SQLite', `${(f.postgres.ackP99Ms / f.sqlite.ackP99Ms).toFixed(2)}x`],
    [
      'PostgreSQL store: users x sessions',
      `${f.store.users} x ${SESSIONS_PER_USER} (${f.store.dbSizeMb?.toFixed(0)} MB)`,
    ],
    [
      'PostgreSQL progress p50 / p99 / max',
      `${f.store.progressP50Ms?.toFixed(3)} / ${f.store.progressP99Ms?.toFixed(3)} / ${f.store.progressMaxMs?.toFixed(3)} ms (goal p99 < 5 ms)`,
    ],
  ];
}

if (import.meta.url === `file://${process.argv[1]}`) {
  printTable('PostgreSQL', postgresRows(await benchPostgres()));
}
