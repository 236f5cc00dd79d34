import { beforeEach, describe, expect, it } from 'vitest';
import { InvalidCommitError } from '../../../src/store/errors.ts';
import type { Store, UserKey } from '../../../src/store/types.ts';
import { criteria, sessionRecord, T0, turn } from '../fixtures.ts';
import type { ContractDb } from './harness.ts';

const ALICE_A: UserKey = { workspaceId: 'TA', userId: 'U1' };
const BOB_A: UserKey = { workspaceId: 'TA', userId: 'U2' };
const SAME_ID_B: UserKey = { workspaceId: 'TB', userId: 'U1' };
const USER_TABLES = ['users', 'sessions', 'processed_messages', 'outbox', 'daily_practice'];

/** Forget-me, uninstall, workspace isolation and retention. */
export function privacyContract(db: ContractDb): void {
  let store: Store;

  async function seedUser(key: UserKey, prefix: string) {
    const session = sessionRecord(key, `${prefix}-s1`, {
      parts: { situation: `${prefix} secret story` },
    });
    await store.commitTurn(
      turn(key, session, `${prefix}-m1`, T0, {
        answers: [{ part: 'situation', text: `${prefix} secret story`, messageId: `${prefix}-m1` }],
        evaluation: {
          rubricVersion: '1',
          score: 50,
          band: 'not-inclined',
          criteria: criteria({ 'first-person': 'pass' }),
        },
        followUpAnswer: {
          followUpId: 'why-not-escalate',
          text: `${prefix} follow-up`,
          verdict: 'pass',
          messageId: null,
        },
        outbox: [{ channel: 'D1', payload: { text: `${prefix} feedback` } }],
      }),
    );
    await store.daily.recordPractice(
      { workspaceId: key.workspaceId, channelId: 'C1' },
      '2026-03-10',
      key.userId,
      T0,
    );
  }

  async function rowsNaming(key: UserKey): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    for (const table of USER_TABLES) {
      counts[table] = Number(
        await db.value(
          `SELECT count(*) FROM ${table} WHERE workspace_id = $1 AND user_id = $2`,
          key.workspaceId,
          key.userId,
        ),
      );
    }
    counts.daily_schedules = Number(
      await db.value(
        'SELECT count(*) FROM daily_schedules WHERE workspace_id = $1 AND created_by = $2',
        key.workspaceId,
        key.userId,
      ),
    );
    const texts = await db.column<string>(
      'SELECT text FROM answers UNION ALL SELECT text FROM follow_up_answers',
    );
    // Answer and follow-up texts carry no user column: look for the person's words themselves.
    counts.answerText = texts.join(' ').includes(key.userId === ALICE_A.userId ? 'alice' : key.userId)
      ? 1
      : 0;
    return counts;
  }

  beforeEach(async () => {
    store = db.store;
    await seedUser(ALICE_A, 'alice');
    await seedUser(BOB_A, 'bob');
    await seedUser(SAME_ID_B, 'other');
    await store.daily.saveSchedule(
      {
        workspaceId: 'TA',
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
  });

  describe('forgetUser', () => {
    it('removes every row about the person and reports the counts', async () => {
      const report = await store.forgetUser(ALICE_A);
      expect(report).toMatchObject({
        users: 1,
        sessions: 1,
        answers: 1,
        evaluations: 1,
        followUpAnswers: 1,
        processedMessages: 1,
        outbox: 1,
        dailyPractice: 1,
        dailySchedulesUnlinked: 1,
      });
      expect(await rowsNaming(ALICE_A)).toEqual({
        users: 0,
        sessions: 0,
        processed_messages: 0,
        outbox: 0,
        daily_practice: 0,
        daily_schedules: 0,
        answerText: 0,
      });
    });

    it('leaves other people, and the same user id in another workspace, untouched', async () => {
      await store.forgetUser(ALICE_A);
      expect(await store.listSessions(BOB_A)).toHaveLength(1);
      expect(await store.listSessions(SAME_ID_B)).toHaveLength(1);
      expect(await store.daily.practiceCount({ workspaceId: 'TA', channelId: 'C1' }, '2026-03-10')).toBe(1);
      expect(await store.daily.getSchedule({ workspaceId: 'TA', channelId: 'C1' })).toMatchObject({
        createdBy: null,
      });
    });

    it('a second erase finds nothing', async () => {
      await store.forgetUser(ALICE_A);
      expect(await store.forgetUser(ALICE_A)).toMatchObject({ users: 0, sessions: 0, answers: 0 });
    });
  });

  describe('forgetWorkspace', () => {
    it('removes the workspace and nothing else', async () => {
      const report = await store.forgetWorkspace('TA');
      expect(report).toMatchObject({ users: 2, sessions: 2, dailySchedules: 1, dailyPractice: 2 });
      expect(await rowsNaming(ALICE_A)).toMatchObject({ users: 0, sessions: 0 });
      expect(await rowsNaming(BOB_A)).toMatchObject({ users: 0, sessions: 0 });
      expect(await store.listSessions(SAME_ID_B)).toHaveLength(1);
    });
  });

  describe('workspace isolation', () => {
    it('a user with the same id in another workspace can neither see, continue nor delete the session', async () => {
      expect((await store.listSessions(SAME_ID_B)).map((s) => s.id)).toEqual(['other-s1']);
      expect(await store.getSession(SAME_ID_B, 'alice-s1')).toBeNull();
      const hijack = sessionRecord(SAME_ID_B, 'alice-s1', { parts: { situation: 'overwritten' } });
      await expect(store.commitTurn(turn(SAME_ID_B, hijack, 'x-m9', T0 + 1))).rejects.toBeInstanceOf(
        InvalidCommitError,
      );
      await store.forgetUser(SAME_ID_B);
      expect((await store.getSession(ALICE_A, 'alice-s1'))?.state.parts.situation).toBe('alice secret story');
    });
  });

  describe('retention', () => {
    it('deletes finished sessions older than the cutoff and keeps active ones', async () => {
      const done = sessionRecord(BOB_A, 'bob-old', { status: 'completed', step: { kind: 'summary' } });
      await store.commitTurn(turn(BOB_A, { ...done, status: 'completed' }, null, T0 - 10_000));
      expect(await store.deleteSessionsBefore(T0 - 1)).toBe(1);
      expect((await store.listSessions(BOB_A)).map((s) => s.id)).toEqual(['bob-s1']);
    });
  });

  describe('pruneDeliveredOutbox', () => {
    it('deletes delivered and abandoned messages older than the cutoff, and keeps pending ones', async () => {
      const [alice, bob, other] = await store.pendingOutbox(10);
      await store.markDelivered(alice!.id);
      await store.markAbandoned(bob!.id);
      expect(await store.pruneDeliveredOutbox(Date.now() + 1)).toBe(2);
      expect((await store.pendingOutbox(10)).map((e) => e.id)).toEqual([other!.id]);
    });
  });
}
