import { statSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { CRITERION_IDS } from '../src/content/schema.ts';
import { verdictsJson } from '../src/store/codec.ts';
import { openSqliteStore } from '../src/store/sqlite.ts';
import { sessionState, T0, tempDir } from '../test/store/fixtures.ts';
import { percentile, printTable } from './stats.ts';

// Store benchmark: progress query latency with 10 000 users × 50 sessions (BENCH_STORE_USERS to change).
const USERS = Number(process.env.BENCH_STORE_USERS ?? 10_000);
const SESSIONS_PER_USER = 50;
const PRINCIPLES = ['customer-obsession', 'ownership', 'dive-deep', 'bias-for-action', 'earn-trust'];
const BANDS = ['strongly-not-inclined', 'not-inclined', 'inclined', 'strongly-inclined'];
const VERDICTS = ['pass', 'partial', 'fail', 'n/a'];
const DAY = 86_400_000;

/** Rows about as large as real ones: state and criteria carry a few kilobytes of prose. */
function fill(path: string): void {
  const db = new Database(path);
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
  const user = db.prepare(
    "INSERT INTO users (workspace_id, user_id, time_zone, created_at, updated_at) VALUES ('T1', ?, 'Europe/Berlin', 0, 0)",
  );
  const session = db.prepare(
    `INSERT INTO sessions (id, workspace_id, user_id, question_id, principle_id, source, status, step,
                           created_at, updated_at, completed_at, state, latest_band)
     VALUES (?, 'T1', ?, 'q', ?, 'slack', ?, 'closed', ?, ?, ?, ?, ?)`,
  );
  const evaluation = db.prepare(
    `INSERT INTO evaluations (session_id, rubric_version, score, band, created_at, criteria, verdicts)
     VALUES (?, 'r1', 50, ?, ?, ?, ?)`,
  );
  db.transaction(() => {
    for (let u = 0; u < USERS; u++) {
      const userId = `U${u}`;
      user.run(userId);
      for (let s = 0; s < SESSIONS_PER_USER; s++) {
        const id = `${userId}-${s}`;
        const at = T0 - (SESSIONS_PER_USER - s) * DAY;
        const status = s === SESSIONS_PER_USER - 1 ? 'active' : s % 10 === 3 ? 'abandoned' : 'completed';
        const principle = PRINCIPLES[(u + s) % PRINCIPLES.length];
        // The band of the session's latest evaluation, as inserted below (a second one when s % 4 = 0).
        const band = status === 'completed' ? BANDS[(u + s + (s % 4 === 0 ? 1 : 0)) % BANDS.length] : null;
        session.run(id, userId, principle, status, at, at, status === 'completed' ? at : null, state, band);
        if (status === 'completed') {
          evaluation.run(id, BANDS[(u + s) % BANDS.length], at, criteria, verdicts);
          if (s % 4 === 0) evaluation.run(id, BANDS[(u + s + 1) % BANDS.length], at + 1, criteria, verdicts);
        }
      }
    }
  })();
  db.close();
}

/** Fills a database, then times one user's progress query; returns the figures. */
export async function benchStore(): Promise<Record<string, number>> {
  const temp = tempDir('bench-store');
  const path = join(temp.dir, 'bench.db');
  try {
    await (await openSqliteStore({ path })).close();
    const fillStarted = performance.now();
    fill(path);
    const fillSeconds = (performance.now() - fillStarted) / 1000;
    const store = await openSqliteStore({ path });
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
    await store.close();
    const sizeMb = statSync(path).size / 1024 / 1024;
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
    temp.remove();
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const figures = await benchStore();
  printTable('Store: progress query', [
    ['users x sessions', `${figures.users} x ${SESSIONS_PER_USER}`],
    ['database size', `${figures.dbSizeMb!.toFixed(1)} MB`],
    ['progress p50', `${figures.progressP50Ms!.toFixed(3)} ms`],
    [
      'progress p99',
      `${figures.progressP99Ms!.toFixed(3)} ms (goal < 5 ms: ${(figures.progressP99Ms! / 5).toFixed(2)}x of goal)`,
    ],
    ['progress max', `${figures.progressMaxMs!.toFixed(3)} ms`],
  ]);
}
