/**
 * Writes test/store/upgrade/v0009.db: a database file as today's build leaves it (migrations 0001-0009 applied),
 * with a little of everything in it. Run once, when it was made; the upgrade test opens copies of it with every
 * later build. `node --import tsx test/store/upgrade/make-fixture.ts`
 */
import { rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { openSqliteStore } from '../../../src/store/sqlite.ts';
import { criteria, sessionRecord, T0, turn } from '../fixtures.ts';

const target = new URL('./v0009.db', import.meta.url).pathname;
const scratch = `${target}.tmp`;
rmSync(scratch, { force: true });
const store = await openSqliteStore({ path: scratch, clock: () => T0 });
const alice = { workspaceId: 'T1', userId: 'U1' };
await store.upsertUser(alice, { level: 'senior', timeZone: 'Europe/London', jobFamily: 'retail' }, T0);
await store.commitTurn(
  turn(alice, sessionRecord(alice, 's1', { status: 'completed', step: { kind: 'closed' } }), 'm1', T0, {
    answers: [{ part: 'situation', text: 'The tills went down on a Saturday.', messageId: 'm1' }],
    evaluation: {
      rubricVersion: 'r1',
      score: 80,
      band: 'inclined',
      criteria: criteria({ 'first-person': 'pass' }),
    },
    outbox: [{ channel: 'D1', payload: { text: 'Well done' } }],
  }),
);
await store.stories.file(
  alice,
  [{ sessionId: 's1', storyId: 'story-1', title: 'The tills', createdAt: T0 }],
  T0,
);
await store.daily.saveSchedule(
  {
    workspaceId: 'T1',
    channelId: 'C1',
    minutes: 540,
    timeZone: 'UTC',
    days: 'weekdays',
    firstDate: '2026-03-10',
    createdBy: 'U1',
    createdAt: T0,
    pausedReason: null,
  },
  T0,
);
await store.spaced.saveNudges(alice, { enabled: true }, T0);
await store.close();
// One self-contained file (no WAL beside it).
const db = new Database(scratch);
rmSync(target, { force: true });
db.exec(`VACUUM INTO '${target}'`);
db.close();
rmSync(scratch, { force: true });
rmSync(`${scratch}-wal`, { force: true });
rmSync(`${scratch}-shm`, { force: true });
