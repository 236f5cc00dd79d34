import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Question } from '../../src/content/schema.ts';
import { ACTION } from '../../src/slack/action-ids.ts';
import { blockKitProblems } from '../helpers/block-kit-limits.ts';
import {
  actionIds,
  FakeSlack,
  type PostedMessage,
  type SentBlock,
  until,
  visibleText,
} from '../helpers/fake-slack.ts';
import { Practiser } from '../helpers/practiser.ts';
import { sendEvent, sendInteraction } from '../helpers/signed-request.ts';
import { bank, startTestApp, type TestApp, tempDbPath } from '../helpers/slack-app.ts';
import { buttonClick, homeOpenedEvent } from '../helpers/slack-payloads.ts';

const TEAM = 'T0TEAM';
const dive = bank.questions.find((q) => q.id === 'dive-deep/unexpected-root-cause')!;
const ownership = bank.questions.find((q) => q.id === 'ownership/orphaned-job-after-reorg')!;
const earnTrust = bank.questions.find((q) => q.id === 'earn-trust/admitted-own-mistake')!;

let fake: FakeSlack;
let app: TestApp;
let db: ReturnType<typeof tempDbPath>;
let alice: Practiser;

beforeEach(async () => {
  db = tempDbPath();
  fake = new FakeSlack().install();
  app = await startTestApp(db.path);
  alice = new Practiser(app, fake, TEAM, 'U1ALICE');
});

afterEach(async () => {
  await app.close();
  nock.cleanAll();
  db.remove();
});

/** Answers every part, skips the follow-ups, and waits for the summary: the answer becomes a story. */
async function finish(question: Question): Promise<void> {
  await alice.practise(question);
  while (await app.store.getActiveSession(alice.key))
    await alice.say('skip', /Follow-up \d of|Session complete/);
}

const storyBankPosts = () =>
  fake.postsTo(alice.dm).filter((p) => visibleText(p).includes('Your story bank ('));
const latestStoryBank = () => storyBankPosts().at(-1)!;

/** A click on a control of a message the app posted in the DM, as Slack sends it. */
async function clickIn(message: PostedMessage, action: Record<string, unknown>) {
  const payload = buttonClick(alice.user, String(action.action_id), String(action.value ?? ''), {
    ts: '1700000001.000100',
    blocks: message.blocks,
    text: message.text,
  });
  const res = await sendInteraction(app.url, {
    ...payload,
    actions: [{ block_id: 'b1', action_ts: `${Date.now() / 1000}`, ...action }],
  });
  expect(res.status).toBe(200);
  return payload.response_url;
}

function blockOf(message: PostedMessage, blockId: string): SentBlock & { block_id?: string } {
  return message.blocks.find((b) => (b as { block_id?: string }).block_id === blockId)!;
}

const lastResponse = (url: string) => alice.responsesTo(url).at(-1);

describe('the story bank in Slack (signed HTTP, fake Web API)', () => {
  beforeEach(async () => {
    await finish(dive);
    await finish(ownership);
  }, 60_000);

  it('offers the first story when the second question starts', () => {
    const offer = fake.postsTo(alice.dm).find((p) => actionIds(p).includes(`${ACTION.storyUse}.1`));
    expect(offer && visibleText(offer)).toContain('Or tell one of your stories');
    expect(offer && visibleText(offer)).toContain('1. I was a backend engineer on the Orders team');
  });

  it('`stories` answers in the DM with each story, its actions and the coverage matrix', async () => {
    const [reply] = await alice.command('stories');
    expect(reply && visibleText(reply)).toContain('I’ve sent your story bank to our DM.');
    await until(() => storyBankPosts().length > 0, 'the story bank in the DM');
    const posted = latestStoryBank();
    const text = visibleText(posted);
    expect(text).toContain('Your story bank (2 stories)');
    expect(text).toMatch(/1\. I was a backend engineer on the Orders team[^\n]*\*/);
    expect(text).toContain('*Principles:* Dive Deep');
    expect(text).toContain('*Principles:* Ownership');
    expect(text).toContain('Coverage: Amazon Leadership Principles');
    expect(text).toMatch(/\*Gaps \(14\):\* Customer Obsession, Invent and Simplify/);
    const ids = actionIds(posted);
    for (const id of [ACTION.storyTagSelect, ACTION.storyMerge, ACTION.storyRetire])
      expect(ids.filter((a) => a === id)).toHaveLength(2);
    expect(ids.some((a) => a.startsWith(`${ACTION.storyTag}.`))).toBe(true);
    expect(posted.blocks.filter((b) => b.type === 'input')).toHaveLength(2);
    expect(blockKitProblems(posted.blocks as never, 50)).toEqual([]);
  });

  it('tags, renames, merges and retires from the story bank message, which updates in place', async () => {
    await alice.command('stories', alice.dm, 0);
    await until(() => storyBankPosts().length > 0, 'the story bank in the DM');
    const [first, second] = await app.store.stories.list(alice.key);
    const message = latestStoryBank();

    const tagged = await clickIn(message, {
      type: 'static_select',
      action_id: ACTION.storyTagSelect,
      block_id: `story.${first!.id}`,
      selected_option: { value: `${first!.id} earn-trust`, text: { type: 'plain_text', text: 'Earn Trust' } },
    });
    await until(() => alice.responsesTo(tagged).length > 0, 'the updated story bank');
    expect(lastResponse(tagged)).toMatchObject({ replace_original: true });
    expect(visibleText(lastResponse(tagged)!)).toContain('Tagged story 1');
    expect(visibleText(lastResponse(tagged)!)).toContain('*Principles:* Dive Deep, Earn Trust');

    const renamed = await clickIn(message, {
      type: 'plain_text_input',
      action_id: ACTION.storyRename,
      block_id: `story-rename.${second!.id}`,
      value: 'The orphaned commission job',
    });
    await until(() => alice.responsesTo(renamed).length > 0, 'the renamed story');
    expect(visibleText(lastResponse(renamed)!)).toContain(
      'Renamed story 2 to “The orphaned commission job”.',
    );

    const mergeSelect = blockOf(message, `story.${first!.id}`).elements!.find(
      (e) => e.action_id === ACTION.storyMerge,
    );
    expect(mergeSelect).toBeDefined();
    const merged = await clickIn(message, {
      type: 'static_select',
      action_id: ACTION.storyMerge,
      block_id: `story.${first!.id}`,
      selected_option: { value: `${first!.id} ${second!.id}`, text: { type: 'plain_text', text: '2' } },
    });
    await until(() => alice.responsesTo(merged).length > 0, 'the merged story');
    expect(visibleText(lastResponse(merged)!)).toContain(
      'Merged story 2, “The orphaned commission job”, into story 1',
    );
    const stories = await app.store.stories.list(alice.key);
    expect(stories).toHaveLength(1);
    expect(stories[0]!.sessionIds).toHaveLength(2);

    const retired = await clickIn(message, {
      type: 'button',
      action_id: ACTION.storyRetire,
      value: first!.id,
    });
    await until(() => alice.responsesTo(retired).length > 0, 'the retired story');
    const after = visibleText(lastResponse(retired)!);
    expect(after).toContain('Retired story 1');
    expect(after).toContain('Your story bank (0 stories)');
    expect(after).toContain('Bring back 1');
    expect((await app.store.stories.list(alice.key))[0]!.retiredAt).not.toBeNull();
  });

  it('ignores a story id that belongs to someone else', async () => {
    const bob = new Practiser(app, fake, TEAM, 'U2BOB');
    await bob.command('stories', bob.dm, 0);
    const [aliceStory] = await app.store.stories.list(alice.key);
    const url = await bob.click(ACTION.storyRetire, aliceStory!.id);
    await until(() => bob.responsesTo(url).length > 0, 'the refusal');
    expect(visibleText(bob.responsesTo(url)[0]!)).toContain('You have no stories yet');
    expect((await app.store.stories.list(alice.key))[0]!.retiredAt).toBeNull();
  });

  it('`story N …` typed as a command changes the story and posts the bank to the DM', async () => {
    const [reply] = await alice.command('story 1 tag customer obsession');
    expect(reply && visibleText(reply)).toContain('Tagged story 1');
    await until(() => storyBankPosts().length > 0, 'the story bank in the DM');
    expect(visibleText(latestStoryBank())).toContain('*Principles:* Dive Deep, Customer Obsession');
    const [bad] = await alice.command('story 1 retrie');
    expect(bad && visibleText(bad)).toContain('Did you mean `story 1 retire`?');
  });

  it('`plan` gives each principle a different story, names the gap and offers to practise it', async () => {
    const [reply] = await alice.command('plan dive-deep, ownership, earn-trust');
    const text = visibleText(reply!);
    expect(text).toMatch(/\*Dive Deep\*: story 1, “I was a backend engineer on the Orders team/);
    expect(text).toMatch(/\*Ownership\*: story 2, “I was a backend engineer on the reviews team/);
    expect(text).toContain('*Earn Trust*: no story');
    expect(text).toContain('*Gaps:* Earn Trust: no story to tell.');
    const practise = reply!.blocks!.find((b) => b.accessory?.action_id === ACTION.homeStart);
    expect(practise?.accessory?.value).toBe('earn-trust');
    expect(blockKitProblems(reply!.blocks as never, 50)).toEqual([]);

    const url = await alice.click(ACTION.homeStart, 'earn-trust');
    expect(url).toBeTruthy();
    await until(() => fake.allText(alice.dm).includes('Earn Trust'), 'an Earn Trust question in the DM');

    const [unknown] = await alice.command('plan dive-deep, earn-trst');
    expect(visibleText(unknown!)).toContain(
      '“earn-trst” is not one of the Leadership Principles. Did you mean `earn-trust`?',
    );
    const [preset] = await alice.command('plan loop-4');
    expect(visibleText(preset!)).toContain('Loop plan: 4-interviewer loop');
  });

  it('the App Home has a Stories section of at most five, with See all posting the bank to the DM', async () => {
    const before = fake.views.length;
    const res = await sendEvent(app.url, { ...homeOpenedEvent(alice.user), team_id: TEAM });
    expect(res.status).toBe(200);
    await until(() => fake.views.length > before, 'the Home tab');
    const view = fake.views.at(-1)!.view;
    const text = visibleText(view);
    expect(text).toContain('Your stories');
    expect(text).toContain('1. I was a backend engineer on the Orders team');
    expect(text).toContain('2 stories in your bank');
    expect(actionIds(view)).toContain(ACTION.storiesSeeAll);
    expect(blockKitProblems(view.blocks as never, 100)).toEqual([]);

    await alice.click(ACTION.storiesSeeAll, 'all');
    await until(() => storyBankPosts().length > 0, 'the story bank in the DM');
  });

  it('“Use one of your stories” files the new answer as the next version of that story', async () => {
    await alice.command(earnTrust.id, alice.dm, 0);
    await until(
      () => fake.postsTo(alice.dm).some((p) => visibleText(p).includes(earnTrust.question)),
      'the question',
    );
    await app.slack.deliverer.idle();
    const offer = fake.postsTo(alice.dm).findLast((p) => visibleText(p).includes(earnTrust.question))!;
    expect(actionIds(offer)).toContain(`${ACTION.storyUse}.1`);
    const before = fake.postsTo(alice.dm).length;
    await clickIn(offer, { type: 'button', action_id: `${ACTION.storyUse}.1`, value: '1' });
    await until(
      () =>
        fake
          .postsTo(alice.dm)
          .slice(before)
          .some((p) => visibleText(p).includes('Telling story 1')),
      'the reminder',
    );
    await alice.say(dive.parts.situation.good, /\*Task\*/);
    await alice.say(dive.parts.task.good, /\*Action\*/);
    await alice.say(dive.parts.action.good, /\*Result\*/);
    await alice.say(dive.parts.result.good, /\*Reflection\*/);
    await alice.say(dive.parts.reflection.good, /Follow-up 1 of|Session complete/);
    while (await app.store.getActiveSession(alice.key))
      await alice.say('skip', /Follow-up \d of|Session complete/);
    await alice.command('stories', alice.dm, 0);
    await until(() => storyBankPosts().length > 0, 'the story bank in the DM');
    const text = visibleText(latestStoryBank());
    expect(text).toContain('Your story bank (2 stories)');
    expect(text).toContain('*Principles:* Dive Deep, Earn Trust');
    expect(text).toContain('2 versions');
  });
});
