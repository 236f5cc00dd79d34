import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readMigrations } from '../../../src/store/migrate.ts';
import { openSqliteStore } from '../../../src/store/sqlite.ts';
import { T0, tempDir } from '../fixtures.ts';

const FIXTURE = new URL('./v0009.db', import.meta.url).pathname;
const ALICE = { workspaceId: 'T1', userId: 'U1' };

describe('a database file made by the build of migration 0009 (v0009.db)', () => {
  let dir: { dir: string; remove: () => void };
  let path: string;

  beforeEach(() => {
    dir = tempDir('upgrade');
    path = join(dir.dir, 'coach.db');
    copyFileSync(FIXTURE, path);
  });

  afterEach(() => dir.remove());

  it('upgrades in place: every later migration applies, and everything stored reads back', async () => {
    const store = await openSqliteStore({ path });
    try {
      expect(await store.getUser(ALICE)).toMatchObject({ level: 'senior', timeZone: 'Europe/London' });
      expect((await store.getSession(ALICE, 's1'))?.status).toBe('completed');
      // Progress reads the band and verdicts 0013 copied from the stored evaluation.
      const progress = await store.progress(ALICE, ['dive-deep'], T0 + 1);
      expect(progress.principles[0]).toMatchObject({ bestBand: 'inclined' });
      expect(progress.criterionPassRates).toEqual({ 'first-person': 1 });
      expect((await store.stories.list(ALICE)).map((s) => [s.title, s.sessionIds])).toEqual([
        ['The tills', ['s1']],
      ]);
      expect(await store.daily.getSchedule({ workspaceId: 'T1', channelId: 'C1' })).toMatchObject({
        minutes: 540,
      });
      expect((await store.spaced.getNudges(ALICE))?.enabled).toBe(true);
      expect((await store.pendingOutbox(10)).map((e) => e.payload)).toEqual([{ text: 'Well done' }]);
      // New writes work on the upgraded file.
      await store.enqueueMessages(ALICE, [{ channel: 'D1', payload: 'after' }], T0 + 2);
      expect(await store.pendingOutbox(10)).toHaveLength(2);
    } finally {
      await store.close();
    }
    const db = new Database(path, { readonly: true });
    try {
      const recorded = db.prepare('SELECT name FROM schema_migrations ORDER BY version').pluck().all();
      expect(recorded).toEqual(readMigrations().map((m) => m.name));
    } finally {
      db.close();
    }
  });
});
