import { beforeEach, describe, expect, it } from 'vitest';
import type { PendingVersion } from '../../../src/coach/stories.ts';
import type { Store, UserKey } from '../../../src/store/types.ts';
import { sessionRecord, T0, turn } from '../fixtures.ts';
import type { ContractDb } from './harness.ts';

const ALICE: UserKey = { workspaceId: 'T1', userId: 'U1' };
const BOB: UserKey = { workspaceId: 'T1', userId: 'U2' };

const version = (sessionId: string, storyId: string, title = `Title ${sessionId}`): PendingVersion => ({
  sessionId,
  storyId,
  title,
  createdAt: T0,
});

/** The story bank. */
export function storiesContract(db: ContractDb): void {
  let store: Store;

  async function finished(key: UserKey, id: string, updatedAt = T0) {
    const session = sessionRecord(key, id, {
      status: 'completed',
      step: { kind: 'summary' },
      parts: { situation: `Story of ${id}.` },
      updatedAt,
    });
    await store.commitTurn(turn(key, { ...session, updatedAt }, null, updatedAt));
  }

  beforeEach(async () => {
    store = db.store;
    await finished(ALICE, 'a1');
    await finished(ALICE, 'a2');
    await finished(ALICE, 'a3');
    await finished(BOB, 'b1');
  });

  describe('the story store', () => {
    it('numbers each person’s stories from 1 and files each session once', async () => {
      await store.stories.file(ALICE, [version('a1', 'sa'), version('a2', 'sb'), version('a3', 'sa')], T0);
      await store.stories.file(BOB, [version('b1', 'sc')], T0);
      // Filing again (another process got there first) changes nothing, not even the title.
      await store.stories.file(ALICE, [version('a1', 'sb', 'Other title'), version('a2', 'sb', 'Other')], T0);
      const alice = await store.stories.list(ALICE);
      expect(alice.map((s) => [s.number, s.id, s.title, s.sessionIds])).toEqual([
        [1, 'sa', 'Title a1', ['a1', 'a3']],
        [2, 'sb', 'Title a2', ['a2']],
      ]);
      expect((await store.stories.list(BOB)).map((s) => [s.number, s.sessionIds])).toEqual([[1, ['b1']]]);
    });

    it('never files another person’s session or changes their story', async () => {
      await store.stories.file(BOB, [version('b1', 'sc')], T0);
      await store.stories.file(ALICE, [version('b1', 'sa')], T0);
      expect((await store.stories.list(ALICE))[0]?.sessionIds).toEqual([]);
      expect(await store.stories.update(ALICE, 'sc', { title: 'Mine now' }, T0)).toBeNull();
      expect(await store.stories.merge(ALICE, 'sc', 'sa', T0)).toBeNull();
      expect((await store.stories.list(BOB))[0]).toMatchObject({ title: 'Title b1', sessionIds: ['b1'] });
    });

    it('renames, tags, retires and restores', async () => {
      await store.stories.file(ALICE, [version('a1', 'sa')], T0);
      const renamed = await store.stories.update(ALICE, 'sa', { title: 'The lost webhooks' }, T0 + 1);
      expect(renamed).toMatchObject({ title: 'The lost webhooks', updatedAt: T0 + 1 });
      const tagged = await store.stories.update(
        ALICE,
        'sa',
        { tags: ['ownership', 'ownership', 'earn-trust'] },
        T0,
      );
      expect(tagged?.tags).toEqual(['ownership', 'earn-trust']);
      expect((await store.stories.update(ALICE, 'sa', { retiredAt: T0 + 5 }, T0))?.retiredAt).toBe(T0 + 5);
      const back = await store.stories.update(ALICE, 'sa', { retiredAt: null }, T0);
      expect(back).toMatchObject({
        retiredAt: null,
        title: 'The lost webhooks',
        tags: ['ownership', 'earn-trust'],
      });
    });

    it('merges one story into another: versions and tags move, the other goes', async () => {
      await store.stories.file(ALICE, [version('a1', 'sa'), version('a2', 'sb'), version('a3', 'sb')], T0);
      await store.stories.update(ALICE, 'sa', { tags: ['ownership'] }, T0);
      await store.stories.update(ALICE, 'sb', { tags: ['earn-trust', 'ownership'] }, T0);
      const merged = await store.stories.merge(ALICE, 'sb', 'sa', T0 + 1);
      expect(merged).toMatchObject({ id: 'sa', tags: ['ownership', 'earn-trust'] });
      expect([...(merged?.sessionIds ?? [])].sort()).toEqual(['a1', 'a2', 'a3']);
      expect((await store.stories.list(ALICE)).map((s) => s.id)).toEqual(['sa']);
      expect(await store.stories.merge(ALICE, 'sa', 'sa', T0)).toBeNull();
    });

    it('goes with the person (forget-me) and counts in the deletion report', async () => {
      await store.stories.file(ALICE, [version('a1', 'sa'), version('a2', 'sb')], T0);
      await store.stories.file(BOB, [version('b1', 'sc')], T0);
      const report = await store.forgetUser(ALICE);
      expect(report.stories).toBe(2);
      expect(await store.stories.list(ALICE)).toEqual([]);
      expect(await store.stories.list(BOB)).toHaveLength(1);
      expect((await store.forgetWorkspace('T1')).stories).toBe(1);
      expect(await store.stories.list(BOB)).toEqual([]);
    });

    it('retention removes a story once every version has aged out, and keeps the rest', async () => {
      await finished(ALICE, 'a4', T0 + 100_000);
      await store.stories.file(ALICE, [version('a1', 'sa'), version('a2', 'sb'), version('a4', 'sb')], T0);
      expect(await store.deleteSessionsBefore(T0 + 50_000)).toBe(4);
      const left = await store.stories.list(ALICE);
      expect(left.map((s) => [s.id, s.sessionIds])).toEqual([['sb', ['a4']]]);
    });
  });
}
