import { describe, expect, it } from 'vitest';
import type { Question } from '../../src/content/schema.ts';
import { PracticeService, type Reply } from '../../src/service/practice-service.ts';
import { changeStory, loadStories, planStories, storyOverview } from '../../src/service/story-bank.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import { bank } from '../coach/fixtures.ts';

const key = { workspaceId: 'local', userId: 'tester' };
const REPLY: Reply = { source: 'cli', channel: null };
const dive = bank.questions.find((q) => q.id === 'dive-deep/unexpected-root-cause')!;

async function setup() {
  const store = await openSqliteStore({ path: ':memory:' });
  let t = Date.UTC(2026, 10, 26, 9);
  let n = 0;
  const clock = () => t++;
  const service = new PracticeService({ store, bank, clock, newId: () => `id-${++n}` });
  const say = (text: string) => service.turn(key, { kind: 'message', text, messageId: `m-${++n}` }, REPLY);
  const answer = async (q: Question) => {
    for (const part of ['situation', 'task', 'action', 'result', 'reflection'] as const)
      await say(q.parts[part].good);
    while (await store.getActiveSession(key)) await say('skip');
  };
  return { store, service, say, answer, deps: { store, bank, clock } };
}

describe('the story bank service', () => {
  it('files every finished session as a story, and a retry as a new version of it', async () => {
    const { service, say, answer, deps } = await setup();
    await service.start(key, { kind: 'question', questionId: dive.id }, REPLY);
    await answer(dive);
    const retried = await say('retry');
    expect(retried.kind).toBe('applied');
    await answer(dive);
    const stories = await loadStories(deps, key);
    expect(stories).toHaveLength(1);
    expect(stories[0]).toMatchObject({ number: 1, versions: 2, practisedFor: ['dive-deep'] });
  });

  it('files sessions finished before the story bank on the first read, once', async () => {
    const { store, service, answer, deps } = await setup();
    await service.start(key, { kind: 'question', questionId: dive.id }, REPLY);
    await answer(dive);
    // Nothing has read the story bank yet: the finished session is not filed.
    expect(await store.stories.list(key)).toEqual([]);
    const [first, second] = await Promise.all([loadStories(deps, key), loadStories(deps, key)]);
    expect(first).toHaveLength(1);
    expect(second).toHaveLength(1);
    expect(await store.stories.list(key)).toHaveLength(1);
  });

  it('`story N` at the start tells an existing story; once answering has begun it is refused', async () => {
    const { store, service, say, answer, deps } = await setup();
    await service.start(key, { kind: 'question', questionId: dive.id }, REPLY);
    await answer(dive);
    const ownership = bank.questions.find((q) => q.principle === 'ownership')!;
    const started = await service.start(key, { kind: 'principle', principleId: 'ownership' }, REPLY);
    expect(started.kind === 'started' && started.messages[0]!.text).toContain('Or tell one of your stories');
    const used = await say('story 1');
    expect(used.kind === 'applied' && used.messages[0]!.text).toContain('Telling story 1');
    expect((await store.getActiveSession(key))?.state.storyId).toBe((await loadStories(deps, key))[0]!.id);
    await say(ownership.parts.situation.good);
    const late = await say('story 1');
    expect(late.kind === 'applied' && late.messages[0]!.text).toContain('Type `restart` first');
    expect((await store.getActiveSession(key))?.state.parts.situation).toBe(ownership.parts.situation.good);
  });

  it('explains mistakes in words the person can act on', async () => {
    const { service, answer, deps } = await setup();
    expect((await changeStory(deps, key, '1', { kind: 'retire' })).text).toContain('You have no stories yet');
    await service.start(key, { kind: 'question', questionId: dive.id }, REPLY);
    await answer(dive);
    expect((await changeStory(deps, key, '1', { kind: 'tag', principles: ['ownrship'] })).text).toBe(
      'I don’t know the principle “ownrship”. Did you mean `ownership`?',
    );
    expect((await changeStory(deps, key, '1', { kind: 'rename', title: '  ' })).ok).toBe(false);
    expect((await changeStory(deps, key, '1', { kind: 'merge', other: '1' })).ok).toBe(false);
    expect((await changeStory(deps, key, '1', { kind: 'restore' })).text).toBe('Story 1 is not retired.');
    const empty = await planStories(deps, key, ' ');
    expect(!empty.ok && empty.text).toContain('loop-4');
    const overview = await storyOverview(deps, key);
    expect(overview.matrix.rows).toHaveLength(16);
    expect(overview.suggestions.get(overview.stories[0]!.id)?.length).toBeGreaterThan(0);
  });
});
