import { beforeEach, describe, expect, it } from 'vitest';
import { ActiveSessionExistsError, InvalidCommitError } from '../../../src/store/errors.ts';
import { PASS_RATE_WINDOW } from '../../../src/store/progress.ts';
import type { Store, UserKey } from '../../../src/store/types.ts';
import { criteria, sessionRecord, T0, turn } from '../fixtures.ts';
import type { ContractDb } from './harness.ts';

const ALICE: UserKey = { workspaceId: 'T-A', userId: 'U1' };
const NOBODY_YET: UserKey = { workspaceId: 'T-A', userId: 'U-NEW' };
const TABLES = [
  'users',
  'sessions',
  'answers',
  'evaluations',
  'follow_up_answers',
  'processed_messages',
  'outbox',
] as const;

/** Users, sessions, turns (exactly once), two instances, workspace isolation and progress. */
export function sessionsContract(db: ContractDb): void {
  let store: Store;
  beforeEach(() => {
    store = db.store;
  });

  async function counts(): Promise<Record<(typeof TABLES)[number], number>> {
    const entries = await Promise.all(
      TABLES.map(async (table) => [table, Number(await db.value(`SELECT count(*) FROM ${table}`))] as const),
    );
    return Object.fromEntries(entries) as Record<(typeof TABLES)[number], number>;
  }

  describe('cascades', () => {
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

      expect(await counts()).toEqual({
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
      expect(
        (
          await db.rows(
            'SELECT status, step, source, updated_at, completed_at FROM sessions WHERE id = $1',
            's1',
          )
        )[0],
      ).toEqual({
        status: 'completed',
        step: 'closed',
        source: 'cli',
        updated_at: T0 + 30,
        completed_at: T0 + 30,
      });
      expect(await db.rows('SELECT part, text, source_message_id FROM answers ORDER BY part')).toEqual([
        { part: 'action', text: 'I traced and fixed them.', source_message_id: 'm3' },
        { part: 'situation', text: 'Webhooks were dropping.', source_message_id: 'm2' },
      ]);
      const [evaluation] = await db.rows<{ band: string; score: number; criteria: string }>(
        'SELECT band, score, criteria FROM evaluations',
      );
      expect(evaluation?.band).toBe('inclined');
      expect(evaluation?.score).toBe(72);
      expect(JSON.parse(evaluation?.criteria ?? 'null')).toHaveLength(2);
      expect(await db.rows('SELECT follow_up_id, verdict, text FROM follow_up_answers')).toEqual([
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
        expect(await db.value('SELECT step FROM sessions')).toBe(label);
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
      const before = await counts();

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
      expect(await counts()).toEqual(before);
      expect(await store.getSession(ALICE, 's1')).toEqual(first);
      expect(await db.column('SELECT text FROM answers')).toEqual(['First.']);
    });

    it('applies a turn whose text holds NUL, lone surrogates and bidi controls; the state reads back exactly', async () => {
      const hostile = 'I led it \u202eevil\u202c \u0000NUL \ud800lone cafe\u0301 \ufeffBOM';
      const session = sessionRecord(ALICE, 's1', { parts: { situation: hostile } });
      expect(
        await store.commitTurn(
          turn(ALICE, session, 'm1', T0, {
            answers: [{ part: 'situation', text: hostile, messageId: 'm1' }],
            outbox: [{ channel: 'D1', payload: { text: hostile } }],
          }),
        ),
      ).toBe(true);
      expect((await store.getSession(ALICE, 's1'))?.state.parts.situation).toBe(hostile);
      expect((await store.pendingOutbox(1))[0]?.payload).toEqual({ text: hostile });
    });

    it('always applies turns without a message id', async () => {
      const session = sessionRecord(ALICE, 's1');
      expect(await store.commitTurn(turn(ALICE, session, null, T0))).toBe(true);
      expect(await store.commitTurn(turn(ALICE, session, null, T0 + 1))).toBe(true);
      expect((await counts()).processed_messages).toBe(0);
    });

    it('allows one active session per user, and a refused turn leaves its message unclaimed', async () => {
      await store.commitTurn(turn(ALICE, sessionRecord(ALICE, 's1'), 'm1', T0));
      const second = turn(ALICE, sessionRecord(ALICE, 's2'), 'm2', T0 + 1, {
        outbox: [{ channel: null, payload: {} }],
      });

      await expect(store.commitTurn(second)).rejects.toBeInstanceOf(ActiveSessionExistsError);
      expect(await store.hasProcessed(ALICE, 'm2')).toBe(false);
      expect(await counts()).toMatchObject({ sessions: 1, outbox: 0, processed_messages: 1 });

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
      const other = await db.open();
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
  describe('two store instances on one database', () => {
    it('keeps every write and dedupes a message across instances', async () => {
      const other = await db.open();
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
      // A later turn with no evaluation (a follow-up reply) keeps it.
      await store.commitTurn(turn(ALICE, complete('s1', 'dive-deep'), 'm2b', T0 + 1));
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

    it('reads pass rates from the newest sessions only, and answers for someone with none', async () => {
      expect(await store.progress(NOBODY_YET, ['dive-deep'], T0)).toMatchObject({
        sessionsCompleted: 0,
        streakDays: 0,
      });
      // The two newest sessions fail first-person, the rest pass: the rate is read over the newest
      // PASS_RATE_WINDOW only (8 of 10), not over all of them or the oldest.
      for (let i = 0; i < PASS_RATE_WINDOW + 2; i++) {
        const id = `w${i}`;
        await store.commitTurn(
          turn(
            ALICE,
            sessionRecord(ALICE, id, {
              principleId: 'dive-deep',
              status: 'completed',
              step: { kind: 'closed' },
            }),
            `mw${i}`,
            T0 + i,
            {
              evaluation: {
                rubricVersion: 'r1',
                score: 50,
                band: 'inclined',
                criteria: criteria({ 'first-person': i >= PASS_RATE_WINDOW ? 'fail' : 'pass' }),
              },
            },
          ),
        );
      }
      const progress = await store.progress(ALICE, ['dive-deep'], T0 + PASS_RATE_WINDOW + 2);
      expect(progress.sessionsCompleted).toBe(PASS_RATE_WINDOW + 2);
      expect(progress.criterionPassRates).toEqual({
        'first-person': (PASS_RATE_WINDOW - 2) / PASS_RATE_WINDOW,
      });
    });
  });
}
