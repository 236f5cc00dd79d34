import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ActiveSessionExistsError, InvalidCommitError } from '../../src/store/errors.ts';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite.ts';
import type { UserKey } from '../../src/store/types.ts';
import { criteria, sessionRecord, T0, tempDir, turn } from './fixtures.ts';

const run = promisify(execFile);
const ALICE: UserKey = { workspaceId: 'T-A', userId: 'U1' };
const TABLES = [
  'users',
  'sessions',
  'answers',
  'evaluations',
  'follow_up_answers',
  'processed_messages',
  'outbox',
] as const;

describe('SqliteStore', () => {
  let dir: string;
  let remove: () => void;
  let dbPath: string;
  let store: SqliteStore;
  const extraStores: SqliteStore[] = [];
  const peekers: Database.Database[] = [];

  /** A second, plain connection to the same file, for looking at rows the Store API does not expose. */
  function peek(): Database.Database {
    const db = new Database(dbPath, { readonly: true });
    peekers.push(db);
    return db;
  }

  function counts(): Record<(typeof TABLES)[number], number> {
    const db = peek();
    const entries = TABLES.map((table) => [
      table,
      db.prepare<[], number>(`SELECT count(*) FROM ${table}`).pluck().get() ?? -1,
    ]);
    return Object.fromEntries(entries);
  }

  beforeEach(async () => {
    ({ dir, remove } = tempDir('store'));
    dbPath = join(dir, 'nested', 'folder', 'coach.db');
    store = await openSqliteStore({ path: dbPath, clock: () => T0 + 999 });
  });

  afterEach(async () => {
    for (const db of peekers.splice(0)) db.close();
    for (const other of extraStores.splice(0)) await other.close();
    await store.close();
    remove();
  });

  describe('opening', () => {
    it('creates the missing parent folder and turns on WAL, foreign keys and a busy timeout', () => {
      expect(existsSync(dbPath)).toBe(true);
      expect(store.diagnostics()).toEqual({ journalMode: 'wal', foreignKeys: true, busyTimeoutMs: 5000 });
      expect(peek().pragma('journal_mode', { simple: true })).toBe('wal');
    });

    it('applies the repository migrations', () => {
      const names = peek().prepare<[], string>('SELECT name FROM schema_migrations').pluck().all();
      expect(names).toContain('0001_init.sql');
    });

    it('opens the same file again without re-applying anything', async () => {
      const again = await openSqliteStore({ path: dbPath });
      extraStores.push(again);
      const rows = peek().prepare<[], number>('SELECT count(*) FROM schema_migrations').pluck().get();
      const files = readdirSync(new URL('../../migrations/', import.meta.url)).filter((f) =>
        f.endsWith('.sql'),
      );
      expect(rows).toBe(files.length);
    });

    it('supports an in-memory database', async () => {
      const memory = await openSqliteStore({ path: ':memory:' });
      extraStores.push(memory);
      expect(memory.diagnostics().foreignKeys).toBe(true);
      await memory.upsertUser(ALICE, { level: 'senior' }, T0);
      expect((await memory.getUser(ALICE))?.level).toBe('senior');
    });

    it('enforces foreign keys: deleting a user cascades to everything about them', async () => {
      const session = sessionRecord(ALICE, 's1');
      await store.commitTurn(
        turn(ALICE, session, 'm1', T0, {
          answers: [{ part: 'situation', text: 'It broke.', messageId: 'm1' }],
          evaluation: { rubricVersion: 'r1', score: 40, band: 'not-inclined', criteria: criteria({}) },
          followUpAnswer: { followUpId: 'f1', text: 'Because.', verdict: 'fail', messageId: 'm1' },
          outbox: [{ channel: 'D1', payload: { text: 'hi' } }],
        }),
      );
      const bob = { workspaceId: 'T-A', userId: 'U2' };
      await store.commitTurn(turn(bob, sessionRecord(bob, 's2'), 'm2', T0));

      await store.forgetUser(ALICE);

      expect(counts()).toEqual({
        users: 1,
        sessions: 1,
        answers: 0,
        evaluations: 0,
        follow_up_answers: 0,
        processed_messages: 1,
        outbox: 0,
      });
      expect(await store.getSession(bob, 's2')).not.toBeNull();
    });
  });

  describe('users', () => {
    it('returns null for an unknown user and creates one with defaults', async () => {
      expect(await store.getUser(ALICE)).toBeNull();
      const created = await store.upsertUser(ALICE, {}, T0);
      expect(created).toEqual({
        ...ALICE,
        level: 'mid',
        lens: null,
        timeZone: 'UTC',
        jobFamily: null,
        pack: null,
        showScores: true,
        createdAt: T0,
      });
      expect(await store.getUser(ALICE)).toEqual(created);
    });

    it('applies only the given changes and keeps the creation time', async () => {
      await store.upsertUser(ALICE, { level: 'senior', lens: 'technical' }, T0);
      const updated = await store.upsertUser(ALICE, { timeZone: 'Pacific/Auckland' }, T0 + 5);
      expect(updated).toEqual({
        ...ALICE,
        level: 'senior',
        lens: 'technical',
        timeZone: 'Pacific/Auckland',
        jobFamily: null,
        pack: null,
        showScores: true,
        createdAt: T0,
      });
      const lensCleared = await store.upsertUser(ALICE, { lens: null }, T0 + 6);
      expect(lensCleared.lens).toBeNull();
      expect(lensCleared.level).toBe('senior');
      expect((await store.upsertUser(ALICE, { showScores: false }, T0 + 7)).showScores).toBe(false);
      expect((await store.upsertUser(ALICE, { level: 'mid' }, T0 + 8)).showScores).toBe(false);
      expect((await store.getUser(ALICE))?.showScores).toBe(false);
      expect((await store.upsertUser(ALICE, { showScores: true }, T0 + 9)).showScores).toBe(true);
    });

    it('remembers a job family and a pack, and clears each on its own', async () => {
      await store.upsertUser(ALICE, { jobFamily: 'retail', pack: 'core-competencies' }, T0);
      const levelOnly = await store.upsertUser(ALICE, { level: 'junior' }, T0 + 1);
      expect(levelOnly).toMatchObject({ level: 'junior', jobFamily: 'retail', pack: 'core-competencies' });
      expect(await store.upsertUser(ALICE, { jobFamily: null }, T0 + 2)).toMatchObject({
        jobFamily: null,
        pack: 'core-competencies',
      });
      expect(await store.upsertUser(ALICE, { pack: null }, T0 + 3)).toMatchObject({ pack: null });
    });

    it('rejects an unknown time zone and stores nothing', async () => {
      await expect(store.upsertUser(ALICE, { timeZone: 'Mars/Olympus' }, T0)).rejects.toThrow(
        /Mars\/Olympus/,
      );
      expect(await store.getUser(ALICE)).toBeNull();
    });
  });

  describe('commitTurn', () => {
    it('records a whole session lifecycle', async () => {
      const started = sessionRecord(ALICE, 's1', {}, 'cli');
      expect(
        await store.commitTurn(
          turn(ALICE, started, 'm1', T0, { outbox: [{ channel: null, payload: { text: 'Situation?' } }] }),
        ),
      ).toBe(true);
      expect(await store.getActiveSession(ALICE)).toEqual(started);
      expect((await store.getUser(ALICE))?.level).toBe('mid');

      const answered = sessionRecord(ALICE, 's1', {
        step: { kind: 'follow-up', index: 0 },
        parts: { situation: 'Webhooks were dropping.', action: 'I traced them.' },
        updatedAt: T0 + 10,
      });
      await store.commitTurn(
        turn(ALICE, answered, 'm2', T0 + 10, {
          answers: [
            { part: 'situation', text: 'Webhooks were dropping.', messageId: 'm2' },
            { part: 'action', text: 'I traced them.', messageId: 'm2' },
          ],
          evaluation: {
            rubricVersion: 'r1',
            score: 72,
            band: 'inclined',
            criteria: criteria({ 'first-person': 'pass', 'quantified-result': 'fail' }),
          },
          outbox: [{ channel: null, payload: { text: 'Feedback' } }],
        }),
      );
      // An edit of one part replaces that part only.
      await store.commitTurn(
        turn(ALICE, answered, 'm3', T0 + 20, {
          answers: [{ part: 'action', text: 'I traced and fixed them.', messageId: 'm3' }],
        }),
      );

      const completed = sessionRecord(
        ALICE,
        's1',
        { step: { kind: 'closed' }, status: 'completed', updatedAt: T0 + 30 },
        'cli',
      );
      await store.commitTurn(
        turn(ALICE, completed, 'm4', T0 + 30, {
          followUpAnswer: {
            followUpId: 'why-missed',
            text: 'No one owned it.',
            verdict: 'pass',
            messageId: 'm4',
          },
        }),
      );

      expect(await store.getActiveSession(ALICE)).toBeNull();
      expect(await store.getSession(ALICE, 's1')).toEqual({ ...completed, updatedAt: T0 + 30 });
      const db = peek();
      expect(
        db
          .prepare('SELECT status, step, source, updated_at, completed_at FROM sessions WHERE id = ?')
          .get('s1'),
      ).toEqual({
        status: 'completed',
        step: 'closed',
        source: 'cli',
        updated_at: T0 + 30,
        completed_at: T0 + 30,
      });
      expect(db.prepare('SELECT part, text, source_message_id FROM answers ORDER BY part').all()).toEqual([
        { part: 'action', text: 'I traced and fixed them.', source_message_id: 'm3' },
        { part: 'situation', text: 'Webhooks were dropping.', source_message_id: 'm2' },
      ]);
      const evaluation = db
        .prepare<[], { band: string; score: number; criteria: string }>(
          'SELECT band, score, criteria FROM evaluations',
        )
        .get();
      expect(evaluation?.band).toBe('inclined');
      expect(evaluation?.score).toBe(72);
      expect(JSON.parse(evaluation?.criteria ?? 'null')).toHaveLength(2);
      expect(db.prepare('SELECT follow_up_id, verdict, text FROM follow_up_answers').all()).toEqual([
        { follow_up_id: 'why-missed', verdict: 'pass', text: 'No one owned it.' },
      ]);
      expect((await store.pendingOutbox(10)).map((e) => e.payload)).toEqual([
        { text: 'Situation?' },
        { text: 'Feedback' },
      ]);
      for (const id of ['m1', 'm2', 'm3', 'm4']) expect(await store.hasProcessed(ALICE, id)).toBe(true);
      expect(await store.hasProcessed(ALICE, 'm5')).toBe(false);
    });

    it('labels each kind of step readably', async () => {
      const steps = [
        [{ kind: 'part', part: 'reflection' }, 'part:reflection'],
        [{ kind: 'follow-up', index: 2 }, 'follow-up:2'],
        [{ kind: 'summary' }, 'summary'],
      ] as const;
      for (const [step, label] of steps) {
        await store.commitTurn(turn(ALICE, sessionRecord(ALICE, 's1', { step }), null, T0));
        expect(peek().prepare('SELECT step FROM sessions').pluck().get()).toBe(label);
      }
    });

    it('applies the same message id only once and changes nothing the second time', async () => {
      const first = sessionRecord(ALICE, 's1', { parts: { situation: 'First.' } });
      expect(
        await store.commitTurn(
          turn(ALICE, first, 'm1', T0, {
            answers: [{ part: 'situation', text: 'First.', messageId: 'm1' }],
            outbox: [{ channel: 'D1', payload: { n: 1 } }],
          }),
        ),
      ).toBe(true);
      const before = counts();

      const replay = sessionRecord(ALICE, 's1', {
        parts: { situation: 'Replayed.' },
        step: { kind: 'part', part: 'task' },
      });
      const applied = await store.commitTurn(
        turn(ALICE, replay, 'm1', T0 + 50, {
          answers: [{ part: 'situation', text: 'Replayed.', messageId: 'm1' }],
          evaluation: { rubricVersion: 'r1', score: 10, band: 'strongly-not-inclined', criteria: [] },
          followUpAnswer: { followUpId: 'f', text: 'x', verdict: 'fail', messageId: 'm1' },
          outbox: [{ channel: 'D1', payload: { n: 2 } }],
        }),
      );

      expect(applied).toBe(false);
      expect(counts()).toEqual(before);
      expect(await store.getSession(ALICE, 's1')).toEqual(first);
      expect(peek().prepare('SELECT text FROM answers').pluck().all()).toEqual(['First.']);
    });

    it('always applies turns without a message id', async () => {
      const session = sessionRecord(ALICE, 's1');
      expect(await store.commitTurn(turn(ALICE, session, null, T0))).toBe(true);
      expect(await store.commitTurn(turn(ALICE, session, null, T0 + 1))).toBe(true);
      expect(counts().processed_messages).toBe(0);
    });

    it('allows one active session per user, and a refused turn leaves its message unclaimed', async () => {
      await store.commitTurn(turn(ALICE, sessionRecord(ALICE, 's1'), 'm1', T0));
      const second = turn(ALICE, sessionRecord(ALICE, 's2'), 'm2', T0 + 1, {
        outbox: [{ channel: null, payload: {} }],
      });

      await expect(store.commitTurn(second)).rejects.toBeInstanceOf(ActiveSessionExistsError);
      expect(await store.hasProcessed(ALICE, 'm2')).toBe(false);
      expect(counts()).toMatchObject({ sessions: 1, outbox: 0, processed_messages: 1 });

      // Once the first is abandoned, the second may start.
      await store.commitTurn(turn(ALICE, sessionRecord(ALICE, 's1', { status: 'abandoned' }), 'm3', T0 + 2));
      expect(await store.commitTurn(second)).toBe(true);
      expect((await store.getActiveSession(ALICE))?.id).toBe('s2');
      expect((await store.listSessions(ALICE)).map((s) => [s.id, s.status])).toEqual([
        ['s2', 'active'],
        ['s1', 'abandoned'],
      ]);
    });

    it('enforces one active session across two store instances on the same file', async () => {
      const other = await openSqliteStore({ path: dbPath });
      extraStores.push(other);
      await store.commitTurn(turn(ALICE, sessionRecord(ALICE, 's1'), 'm1', T0));
      await expect(
        other.commitTurn(turn(ALICE, sessionRecord(ALICE, 's2'), 'm2', T0)),
      ).rejects.toBeInstanceOf(ActiveSessionExistsError);
    });

    it('rejects a commit whose session belongs to someone else or contradicts itself', async () => {
      const bob = { workspaceId: 'T-A', userId: 'U2' };
      await store.commitTurn(turn(ALICE, sessionRecord(ALICE, 's1'), 'm1', T0));

      await expect(store.commitTurn(turn(bob, sessionRecord(bob, 's1'), 'm2', T0))).rejects.toBeInstanceOf(
        InvalidCommitError,
      );
      await expect(store.commitTurn(turn(bob, sessionRecord(ALICE, 's9'), 'm3', T0))).rejects.toBeInstanceOf(
        InvalidCommitError,
      );
      const contradictory = { ...sessionRecord(ALICE, 's1'), status: 'completed' as const };
      await expect(store.commitTurn(turn(ALICE, contradictory, 'm4', T0))).rejects.toBeInstanceOf(
        InvalidCommitError,
      );
      expect((await store.getSession(ALICE, 's1'))?.status).toBe('active');
      expect(await store.hasProcessed(bob, 'm2')).toBe(false);
    });
  });

  describe('two store instances on one file', () => {
    it('keeps every write and dedupes a message across instances', async () => {
      const other = await openSqliteStore({ path: dbPath });
      extraStores.push(other);
      const bob = { workspaceId: 'T-A', userId: 'U2' };

      const results = await Promise.all([
        store.commitTurn(turn(ALICE, sessionRecord(ALICE, 'a1'), 'ma', T0)),
        other.commitTurn(turn(bob, sessionRecord(bob, 'b1'), 'mb', T0)),
        other.commitTurn(turn(ALICE, sessionRecord(ALICE, 'a1', { parts: { task: 'x' } }), 'ma', T0 + 1)),
      ]);

      expect(results).toEqual([true, true, false]);
      expect(await other.getSession(ALICE, 'a1')).toEqual(sessionRecord(ALICE, 'a1'));
      expect(await store.getSession(bob, 'b1')).toEqual(sessionRecord(bob, 'b1'));
    });

    it('loses no writes when two processes commit at the same time', async () => {
      // Both processes start on a file that does not exist yet, so they also race through migrations.
      await store.close();
      const shared = join(dir, 'race', 'shared.db');
      const writer = join(import.meta.dirname, 'concurrent-writer.ts');
      const count = 200;
      const startAt = Date.now() + 2000;
      const outputs = await Promise.all(
        ['left', 'right'].map((name) =>
          run(process.execPath, ['--import', 'tsx', writer, shared, name, String(count), String(startAt)], {
            cwd: join(import.meta.dirname, '..', '..'),
          }),
        ),
      );
      const results = outputs.map(({ stdout }) => JSON.parse(stdout));

      // Shared ids are applied exactly once between them; own ids always.
      const applied = results.reduce((sum, r) => sum + r.applied, 0);
      const duplicates = results.reduce((sum, r) => sum + r.duplicates, 0);
      expect(applied).toBe(3 * count);
      expect(duplicates).toBe(count);
      const db = new Database(shared, { readonly: true });
      peekers.push(db);
      const total = (table: string) => db.prepare(`SELECT count(*) FROM ${table}`).pluck().get();
      expect(total('sessions')).toBe(3 * count);
      expect(total('processed_messages')).toBe(3 * count);
      expect(total('outbox')).toBe(3 * count);
      store = await openSqliteStore({ path: shared });
    }, 60_000);
  });

  describe('outbox', () => {
    async function enqueue(messageId: string, payloads: unknown[], now: number): Promise<void> {
      await store.commitTurn(
        turn(ALICE, sessionRecord(ALICE, 's1'), messageId, now, {
          outbox: payloads.map((payload) => ({ channel: 'D1', payload })),
        }),
      );
    }

    it('lists undelivered entries oldest first, up to the limit', async () => {
      await enqueue('m1', ['one', 'two'], T0);
      await enqueue('m2', ['three'], T0 + 1);

      const pending = await store.pendingOutbox(2);
      expect(pending.map((e) => e.payload)).toEqual(['one', 'two']);
      expect(pending[0]).toMatchObject({ ...ALICE, channel: 'D1', attempts: 0, createdAt: T0 });
    });

    it('keeps the mark of a started attempt until Slack surely did not post it', async () => {
      await enqueue('m1', ['one'], T0);
      const [one] = await store.pendingOutbox(10);
      if (!one) throw new Error('expected an entry');
      await store.markAttemptStarted(one.id, T0 + 5);
      expect(await store.pendingOutboxEntry(one.id)).toMatchObject({ attemptStartedAt: T0 + 5 });
      await store.markAttemptFailed(one.id);
      expect(await store.pendingOutboxEntry(one.id)).toMatchObject({ attempts: 1, attemptStartedAt: T0 + 5 });
      await store.markAttemptFailed(one.id, { surelyNotPosted: true });
      expect(await store.pendingOutboxEntry(one.id)).toMatchObject({ attempts: 2, attemptStartedAt: null });
    });

    it('counts failed attempts and drops delivered entries from the pending list', async () => {
      await enqueue('m1', ['one', 'two'], T0);
      const [one, two] = await store.pendingOutbox(10);
      if (!one || !two) throw new Error('expected two entries');

      await store.markAttemptFailed(one.id);
      await store.markAttemptFailed(one.id);
      await store.markDelivered(two.id);

      const pending = await store.pendingOutbox(10);
      expect(pending.map((e) => [e.payload, e.attempts])).toEqual([['one', 2]]);
      expect(pending[0]?.attemptStartedAt).toBeNull();
      expect(peek().prepare('SELECT delivered_at FROM outbox WHERE id = ?').pluck().get(two.id)).toBe(
        T0 + 999,
      );
    });

    it('drops abandoned entries from the pending list without marking them delivered', async () => {
      await enqueue('m1', ['one', 'two'], T0);
      const [one] = await store.pendingOutbox(10);
      if (!one) throw new Error('expected an entry');
      await store.markAbandoned(one.id);
      expect((await store.pendingOutbox(10)).map((e) => e.payload)).toEqual(['two']);
      const row = peek().prepare('SELECT delivered_at, abandoned_at FROM outbox WHERE id = ?').get(one.id);
      expect(row).toEqual({ delivered_at: null, abandoned_at: T0 + 999 });
    });

    it('reads heads after an id, and one entry only while it is pending', async () => {
      await enqueue('m1', ['one', 'two', 'three'], T0);
      const [one, two, three] = await store.pendingOutbox(10);
      if (!one || !two || !three) throw new Error('expected three entries');
      expect(await store.pendingOutboxHeads(one.id, 10)).toEqual([
        { id: two.id, ...ALICE, channel: 'D1' },
        { id: three.id, ...ALICE, channel: 'D1' },
      ]);
      expect(await store.pendingOutboxHeads(0, 1)).toEqual([{ id: one.id, ...ALICE, channel: 'D1' }]);
      expect(await store.pendingOutboxEntry(two.id)).toEqual(two);
      await store.markDelivered(two.id);
      await store.markAbandoned(three.id);
      expect(await store.pendingOutboxEntry(two.id)).toBeUndefined();
      expect(await store.pendingOutboxEntry(three.id)).toBeUndefined();
    });

    it('queues messages outside a turn, creating the user, in order after what is already pending', async () => {
      await enqueue('m1', ['one'], T0);
      const bob = { workspaceId: 'T-A', userId: 'U2' };
      await store.enqueueMessages(
        bob,
        [{ channel: 'D2', payload: { rendered: { text: 'hi', blocks: [] } } }],
        T0 + 5,
      );
      await store.enqueueMessages(ALICE, [{ channel: 'D1', payload: 'two' }], T0 + 6);
      const pending = await store.pendingOutbox(10);
      expect(pending.map((e) => [e.userId, e.payload])).toEqual([
        ['U1', 'one'],
        ['U2', { rendered: { text: 'hi', blocks: [] } }],
        ['U1', 'two'],
      ]);
      expect(await store.getUser(bob)).toMatchObject({ level: 'mid', createdAt: T0 + 5 });
      expect((await store.forgetUser(bob)).outbox).toBe(1);
    });

    it('never reuses an id after the newest messages are erased', async () => {
      await enqueue('m1', ['one', 'two'], T0);
      const highest = Math.max(...(await store.pendingOutbox(10)).map((e) => e.id));
      await store.forgetUser(ALICE);
      await enqueue('m2', ['three'], T0 + 1);
      const [three] = await store.pendingOutbox(10);
      expect(three?.id).toBeGreaterThan(highest);
    });
  });

  describe('Slack events', () => {
    it('claims an event id once', async () => {
      expect(await store.claimEvent('Ev1', T0)).toBe(true);
      expect(await store.claimEvent('Ev1', T0 + 1)).toBe(false);
      expect(await store.claimEvent('Ev2', T0 + 1)).toBe(true);
    });

    it('prunes only events older than the cut-off, and keeps processed messages', async () => {
      await store.commitTurn(turn(ALICE, sessionRecord(ALICE, 's1'), 'm1', T0 - 100));
      await store.claimEvent('old-1', T0 - 100);
      await store.claimEvent('old-2', T0 - 1);
      await store.claimEvent('new', T0);

      expect(await store.pruneEvents(T0)).toBe(2);
      expect(await store.claimEvent('old-1', T0 + 1)).toBe(true);
      expect(await store.claimEvent('new', T0 + 1)).toBe(false);
      expect(await store.hasProcessed(ALICE, 'm1')).toBe(true);
    });
  });

  describe('workspace isolation', () => {
    const inA = { workspaceId: 'T-A', userId: 'U1' };
    const inB = { workspaceId: 'T-B', userId: 'U1' };

    it('keeps the same user id in two workspaces apart', async () => {
      await store.upsertUser(inA, { level: 'senior' }, T0);
      await store.upsertUser(inB, { level: 'junior' }, T0);
      await store.commitTurn(turn(inA, sessionRecord(inA, 'sa'), 'm1', T0));
      // The same message id in another workspace is a different message.
      expect(await store.commitTurn(turn(inB, sessionRecord(inB, 'sb'), 'm1', T0))).toBe(true);
      await store.commitTurn(
        turn(inB, sessionRecord(inB, 'sb', { status: 'completed', step: { kind: 'closed' } }), 'm2', T0),
      );

      expect((await store.getUser(inA))?.level).toBe('senior');
      expect((await store.getUser(inB))?.level).toBe('junior');
      expect((await store.getActiveSession(inA))?.id).toBe('sa');
      expect(await store.getActiveSession(inB)).toBeNull();
      expect(await store.getSession(inA, 'sb')).toBeNull();
      expect(await store.getSession(inB, 'sa')).toBeNull();
      expect((await store.listSessions(inA)).map((s) => s.id)).toEqual(['sa']);
      expect((await store.listSessions(inB)).map((s) => s.id)).toEqual(['sb']);
      expect(await store.hasProcessed(inA, 'm2')).toBe(false);
      expect((await store.progress(inA, ['dive-deep'], T0)).sessionsCompleted).toBe(0);
      expect((await store.progress(inB, ['dive-deep'], T0)).sessionsCompleted).toBe(1);
    });
  });

  describe('progress', () => {
    it('loads completed sessions with their latest evaluation', async () => {
      await store.upsertUser(ALICE, { timeZone: 'Pacific/Auckland' }, T0);
      const complete = (id: string, principleId: string) =>
        sessionRecord(ALICE, id, { principleId, status: 'completed', step: { kind: 'closed' } });
      await store.commitTurn(
        turn(ALICE, complete('s1', 'dive-deep'), 'm1', T0, {
          evaluation: {
            rubricVersion: 'r1',
            score: 20,
            band: 'not-inclined',
            criteria: criteria({ 'first-person': 'fail' }),
          },
        }),
      );
      // A retry re-grades the same session: the latest evaluation wins.
      await store.commitTurn(
        turn(ALICE, complete('s1', 'dive-deep'), 'm2', T0 + 1, {
          evaluation: {
            rubricVersion: 'r1',
            score: 90,
            band: 'strongly-inclined',
            criteria: criteria({ 'first-person': 'pass', 'no-blame': 'n/a' }),
          },
        }),
      );
      await store.commitTurn(turn(ALICE, sessionRecord(ALICE, 's2', { principleId: 'ownership' }), 'm3', T0));

      const progress = await store.progress(ALICE, ['ownership', 'dive-deep'], T0 + 2);

      expect(progress.sessionsCompleted).toBe(1);
      expect(progress.streakDays).toBe(1);
      expect(progress.criterionPassRates).toEqual({ 'first-person': 1 });
      expect(progress.principles).toEqual([
        {
          principleId: 'ownership',
          practised: false,
          sessions: 0,
          bestBand: null,
          lastBand: null,
          lastPractisedAt: null,
        },
        {
          principleId: 'dive-deep',
          practised: true,
          sessions: 1,
          bestBand: 'strongly-inclined',
          lastBand: 'strongly-inclined',
          lastPractisedAt: T0,
        },
      ]);
      expect(progress.recommendedPrincipleId).toBe('ownership');
    });
  });
});
