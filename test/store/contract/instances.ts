import { describe, expect, it } from 'vitest';
import type { PendingVersion } from '../../../src/coach/stories.ts';
import type { UserKey } from '../../../src/store/types.ts';
import { sessionRecord, T0, turn } from '../fixtures.ts';
import type { ContractDb } from './harness.ts';

const ALICE: UserKey = { workspaceId: 'T-A', userId: 'U1' };
const CHANNEL = { workspaceId: 'T-A', channelId: 'C1' };

/** Several instances on one database, racing: each thing happens once. */
export function instancesContract(db: ContractDb): void {
  describe('several instances at once', () => {
    it('apply a turn delivered to each of them exactly once', async () => {
      const others = await Promise.all([db.open(), db.open(), db.open()]);
      const applied = await Promise.all(
        [db.store, ...others].map((store, i) =>
          store.commitTurn(
            turn(ALICE, sessionRecord(ALICE, 's1', { parts: { situation: `copy ${i}` } }), 'm1', T0, {
              outbox: [{ channel: 'D1', payload: { copy: i } }],
            }),
          ),
        ),
      );
      expect(applied.filter(Boolean)).toHaveLength(1);
      expect(await db.value('SELECT count(*) FROM outbox')).toBe(1);
      expect(await db.value('SELECT count(*) FROM processed_messages')).toBe(1);
    });

    it('claim an event id and a daily prompt once, and send a day’s nudge once', async () => {
      const stores = [db.store, await db.open(), await db.open()];
      const events = await Promise.all(stores.map((s) => s.claimEvent('Ev1', T0)));
      expect(events.filter(Boolean)).toHaveLength(1);
      const claims = await Promise.all(
        stores.map((s, i) => s.daily.claimPost(CHANNEL, '2026-03-10', 'q1', `holder-${i}`, T0, 60_000)),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      const holder = `holder-${claims.indexOf(true)}`;
      // Its lease running out lets one other instance take it over, once; a posted prompt is never claimed again.
      const later = await Promise.all(
        stores.map((s) => s.daily.claimPost(CHANNEL, '2026-03-10', 'q1', 'late', T0 + 60_000, 60_000)),
      );
      expect(later.filter(Boolean)).toHaveLength(1);
      await db.store.daily.markPosted(CHANNEL, '2026-03-10', 'late', '123.456', T0 + 60_001);
      expect(await stores[1]!.daily.claimPost(CHANNEL, '2026-03-10', 'q1', holder, T0 + 999_999, 1)).toBe(
        false,
      );
      expect(await db.store.daily.getPost(CHANNEL, '2026-03-10')).toMatchObject({ status: 'posted' });

      await db.store.upsertUser(ALICE, {}, T0);
      const nudges = await Promise.all(
        stores.map((s) => s.spaced.sendNudge(ALICE, '2026-03-10', { channel: 'D1', payload: 'nudge' }, T0)),
      );
      expect(nudges.filter(Boolean)).toHaveLength(1);
      expect(await db.value('SELECT count(*) FROM outbox')).toBe(1);
    });

    it('file stories at once without two getting the same number', async () => {
      const other = await db.open();
      for (const id of ['a1', 'a2', 'a3', 'a4']) {
        await db.store.commitTurn(
          turn(ALICE, sessionRecord(ALICE, id, { status: 'completed', step: { kind: 'summary' } }), null, T0),
        );
      }
      const version = (sessionId: string, storyId: string): PendingVersion => ({
        sessionId,
        storyId,
        title: sessionId,
        createdAt: T0,
      });
      await Promise.all([
        db.store.stories.file(ALICE, [version('a1', 's1'), version('a2', 's2')], T0),
        other.stories.file(ALICE, [version('a3', 's3'), version('a4', 's4')], T0),
      ]);
      expect((await db.store.stories.list(ALICE)).map((s) => s.number)).toEqual([1, 2, 3, 4]);
    });

    it('make queued messages visible in id order, so a reader after the highest id seen misses none', async () => {
      const writers = [db.store, await db.open(), await db.open()];
      const reader = await db.open();
      const perWriter = 25;
      let writing = true;
      const seen = new Set<number>();
      let lastSeen = 0;
      const read = async () => {
        for (const head of await reader.pendingOutboxHeads(lastSeen, 1000)) {
          seen.add(head.id);
          lastSeen = Math.max(lastSeen, head.id);
        }
      };
      const reading = (async () => {
        while (writing) await read();
      })();
      await Promise.all(
        writers.map(async (store, w) => {
          for (let i = 0; i < perWriter; i++) {
            const key = { workspaceId: 'T-A', userId: `U${w}` };
            await store.enqueueMessages(key, [{ channel: `D${w}`, payload: i }], T0 + i);
          }
        }),
      );
      writing = false;
      await reading;
      await read();
      expect(seen.size).toBe(writers.length * perWriter);
    });
  });
}
