import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CRITERION_IDS } from '../../src/content/schema.ts';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite.ts';
import { sessionState, T0, tempDir } from './fixtures.ts';

// The target is 10 000 users × 50 sessions; the default is smaller to keep the suite quick.
// Run the full size with: STORE_SPEED_USERS=10000 npx vitest run test/store/progress-speed.test.ts
const USERS = Number(process.env.STORE_SPEED_USERS ?? 300);
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
  const user = db.prepare(
    "INSERT INTO users (workspace_id, user_id, time_zone, created_at, updated_at) VALUES ('T1', ?, 'Europe/Berlin', 0, 0)",
  );
  const session = db.prepare(
    `INSERT INTO sessions (id, workspace_id, user_id, question_id, principle_id, source, status, step,
                           created_at, updated_at, completed_at, state)
     VALUES (?, 'T1', ?, 'q', ?, 'slack', ?, 'closed', ?, ?, ?, ?)`,
  );
  const evaluation = db.prepare(
    `INSERT INTO evaluations (session_id, rubric_version, score, band, created_at, criteria)
     VALUES (?, 'r1', 50, ?, ?, ?)`,
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
        session.run(id, userId, principle, status, at, at, status === 'completed' ? at : null, state);
        if (status === 'completed') {
          evaluation.run(id, BANDS[(u + s) % BANDS.length], at, criteria);
          if (s % 4 === 0) evaluation.run(id, BANDS[(u + s + 1) % BANDS.length], at + 1, criteria);
        }
      }
    }
  })();
  db.close();
}

describe(`progress speed (${USERS} users × ${SESSIONS_PER_USER} sessions)`, () => {
  let store: SqliteStore;
  let remove: () => void;

  beforeAll(async () => {
    const temp = tempDir('speed');
    remove = temp.remove;
    const path = join(temp.dir, 'speed.db');
    await (await openSqliteStore({ path })).close();
    fill(path);
    store = await openSqliteStore({ path });
  }, 600_000);

  afterAll(async () => {
    await store.close();
    remove();
  });

  it('computes one user’s progress with p99 under 5 ms', async () => {
    for (let i = 0; i < 20; i++) await store.progress({ workspaceId: 'T1', userId: 'U0' }, PRINCIPLES, T0);
    const timings: number[] = [];
    let checked = 0;
    for (let i = 0; i < 500; i++) {
      const key = { workspaceId: 'T1', userId: `U${(i * 7919) % USERS}` };
      const started = performance.now();
      const progress = await store.progress(key, PRINCIPLES, T0);
      timings.push(performance.now() - started);
      checked += progress.sessionsCompleted;
    }
    timings.sort((a, b) => a - b);
    const p99 = timings[Math.floor(timings.length * 0.99)] ?? Number.POSITIVE_INFINITY;
    // Each user has 44 completed sessions: 5 abandoned, 1 active.
    if (process.env.STORE_SPEED_REPORT) console.log({ p50: timings[250], p99, max: timings.at(-1) });
    expect(checked).toBe(500 * 44);
    expect(p99).toBeLessThan(5);
  });
});
