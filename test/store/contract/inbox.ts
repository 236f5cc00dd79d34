import { describe, expect, it } from 'vitest';
import type { InboundRequest } from '../../../src/store/types.ts';
import type { ContractDb } from './harness.ts';

let n = 0;
function inbound(lane: string, sortKey: string, extra: Partial<InboundRequest> = {}): InboundRequest {
  n += 1;
  const [workspaceId, userId] = lane.split(':');
  return {
    dedupeKey: `event:Ev${n}`,
    workspaceId: workspaceId!,
    userId: userId ?? null,
    lane,
    sortKey,
    receivedAt: 1_000 + n,
    request: { body: { n } },
    ...extra,
  };
}

/** The durable inbox. */
export function inboxContract(db: ContractDb): void {
  describe('inbox', () => {
    it('records a request once per Slack id, and gives each lane its first request in sort order', async () => {
      const s = db.store;
      expect(await s.recordInbound(inbound('T1:U1', '002', { dedupeKey: 'event:A' }))).toBe(true);
      expect(await s.recordInbound(inbound('T1:U1', '002', { dedupeKey: 'event:A' }))).toBe(false);
      await s.recordInbound(inbound('T1:U1', '001', { request: { body: { first: true } } }));
      await s.recordInbound(inbound('T1:U2', '009'));
      await s.recordInbound(inbound('T1', '005', { dedupeKey: null }));
      await s.recordInbound(inbound('T1', '005', { dedupeKey: null }));
      expect(await s.inboxSize()).toBe(5);

      const heads = await s.inboxHeads(10, []);
      expect(heads.map((h) => [h.lane, h.sortKey])).toEqual([
        ['T1:U1', '001'],
        ['T1:U2', '009'],
        ['T1', '005'],
      ]);
      expect(heads[0]).toMatchObject({
        workspaceId: 'T1',
        userId: 'U1',
        attempts: 0,
        request: { body: { first: true } },
      });
      expect((await s.inboxHeads(10, ['T1:U1', 'T1'])).map((h) => h.lane)).toEqual(['T1:U2']);
      expect(await s.inboxHeads(1, [])).toHaveLength(1);

      const first = heads[0]!;
      expect(await s.startInbound(first.id)).toBe(1);
      expect(await s.startInbound(first.id)).toBe(2);
      await s.consumeInbound(first.id);
      expect(await s.startInbound(first.id)).toBe(0);
      expect((await s.inboxHeads(10, [])).find((h) => h.lane === 'T1:U1')?.sortKey).toBe('002');
      // Consumed, a Slack id can be recorded again (the app's ledgers catch a late copy).
      await s.consumeInbound((await s.inboxHeads(10, [])).find((h) => h.lane === 'T1:U1')!.id);
      expect(await s.recordInbound(inbound('T1:U1', '002', { dedupeKey: 'event:A' }))).toBe(true);
    });

    it('forget-me deletes a person’s waiting requests, uninstall the whole workspace’s', async () => {
      const s = db.store;
      await s.recordInbound(inbound('T1:U1', '001'));
      await s.recordInbound(inbound('T1:U1', '002'));
      await s.recordInbound(inbound('T1:U2', '001'));
      await s.recordInbound(inbound('T1', '001'));
      await s.recordInbound(inbound('T2:U1', '001'));
      await s.forgetUser({ workspaceId: 'T1', userId: 'U1' });
      expect((await s.inboxHeads(10, [])).map((h) => h.lane).sort()).toEqual(['T1', 'T1:U2', 'T2:U1']);
      await s.forgetWorkspace('T1');
      expect((await s.inboxHeads(10, [])).map((h) => h.lane)).toEqual(['T2:U1']);
    });

    it('orders sort keys byte by byte, whatever the database locale', async () => {
      const s = db.store;
      for (const key of ['b', 'B', 'a', '_', 'Z']) await s.recordInbound(inbound('T1:U9', key));
      const order: string[] = [];
      for (let head = (await s.inboxHeads(1, []))[0]; head; head = (await s.inboxHeads(1, []))[0]) {
        order.push(head.sortKey);
        await s.consumeInbound(head.id);
      }
      expect(order).toEqual(['B', 'Z', '_', 'a', 'b']);
    });
  });
}
