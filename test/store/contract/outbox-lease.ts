import { describe, expect, it } from 'vitest';
import type { UserKey } from '../../../src/store/types.ts';
import { T0 } from '../fixtures.ts';
import type { ContractDb } from './harness.ts';

const ALICE: UserKey = { workspaceId: 'T-A', userId: 'U1' };
const LEASE = 60_000;

/** PostgreSQL: many instances deliver from one outbox, each message posted by one of them at a time. */
export function outboxLeaseContract(db: ContractDb): void {
  describe('outbox lease', () => {
    it('one instance holds a message it started posting until its lease runs out, then another may', async () => {
      await db.store.enqueueMessages(ALICE, [{ channel: 'D1', payload: 'one' }], T0);
      const [one] = await db.store.pendingOutbox(1);
      if (!one) throw new Error('expected a message');
      const a = await db.open({ outboxLeaseMs: LEASE });
      const b = await db.open({ outboxLeaseMs: LEASE });
      const claims = await Promise.all([a, b].map((s) => s.markAttemptStarted(one.id, T0 + 10)));
      expect(claims.filter(Boolean)).toHaveLength(1);
      const [holder, other] = claims[0] ? [a, b] : [b, a];
      // The holder retries its own attempt whenever it likes (an unknown outcome, backoff).
      await holder.markAttemptFailed(one.id);
      expect(await holder.markAttemptStarted(one.id, T0 + 20)).toBe(true);
      expect(await other.markAttemptStarted(one.id, T0 + 20 + LEASE - 1)).toBe(false);
      // The holder died: once the lease is over the other takes it, and sees when the last attempt started.
      expect((await other.pendingOutboxEntry(one.id))?.attemptStartedAt).toBe(T0 + 20);
      expect(await other.markAttemptStarted(one.id, T0 + 20 + LEASE)).toBe(true);
      expect(await holder.markAttemptStarted(one.id, T0 + 30 + LEASE)).toBe(false);
      // A post that surely failed frees the message at once.
      await other.markAttemptFailed(one.id, { surelyNotPosted: true });
      expect(await holder.markAttemptStarted(one.id, T0 + 40 + LEASE)).toBe(true);
      await holder.markDelivered(one.id);
      expect(await other.markAttemptStarted(one.id, T0 + 10 * LEASE)).toBe(false);
    });

    it('an inbox request one instance is applying is left to it until its lease runs out', async () => {
      let now = T0;
      const a = await db.open({ outboxLeaseMs: LEASE, clock: () => now });
      const b = await db.open({ outboxLeaseMs: LEASE, clock: () => now });
      const request = (sortKey: string) => ({
        dedupeKey: null,
        workspaceId: 'T-A',
        userId: 'U1',
        lane: 'T-A:U1',
        sortKey,
        receivedAt: T0,
        request: { sortKey },
      });
      await a.recordInbound(request('001'));
      await a.recordInbound(request('002'));
      const [head] = await a.inboxHeads(10, []);
      if (!head) throw new Error('expected a head');
      expect(await a.startInbound(head.id)).toBe(1);
      // B neither sees the lane nor can take the request while A applies it.
      expect(await b.inboxHeads(10, [])).toEqual([]);
      expect(await b.startInbound(head.id)).toBe(-1);
      now += LEASE;
      // A died mid-apply: B takes the request over, counted as a second attempt, and A can no longer.
      expect((await b.inboxHeads(10, [])).map((e) => [e.id, e.attempts])).toEqual([[head.id, 1]]);
      expect(await b.startInbound(head.id)).toBe(2);
      expect(await a.startInbound(head.id)).toBe(-1);
      await b.consumeInbound(head.id);
      expect(await a.startInbound(head.id)).toBe(0);
      expect((await a.inboxHeads(10, [])).map((e) => e.sortKey)).toEqual(['002']);
    });
  });
}
