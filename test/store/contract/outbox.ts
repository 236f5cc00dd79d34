import { beforeEach, describe, expect, it } from 'vitest';
import type { Store, UserKey } from '../../../src/store/types.ts';
import { sessionRecord, T0, turn } from '../fixtures.ts';
import { type ContractDb, STORE_CLOCK } from './harness.ts';

const ALICE: UserKey = { workspaceId: 'T-A', userId: 'U1' };
/** The outbox and Slack event ids; the outbox half is what the deliverer relies on. */
export function outboxContract(db: ContractDb): void {
  let store: Store;
  beforeEach(() => {
    store = db.store;
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
      expect(await db.value('SELECT delivered_at FROM outbox WHERE id = $1', two.id)).toBe(STORE_CLOCK);
    });

    it('drops abandoned entries from the pending list without marking them delivered', async () => {
      await enqueue('m1', ['one', 'two'], T0);
      const [one] = await store.pendingOutbox(10);
      if (!one) throw new Error('expected an entry');
      await store.markAbandoned(one.id);
      expect((await store.pendingOutbox(10)).map((e) => e.payload)).toEqual(['two']);
      const [row] = await db.rows('SELECT delivered_at, abandoned_at FROM outbox WHERE id = $1', one.id);
      expect(row).toEqual({ delivered_at: null, abandoned_at: STORE_CLOCK });
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
}
