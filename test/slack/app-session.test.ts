import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { packBank } from '../../src/content/packs.ts';
import { ACTION } from '../../src/slack/action-ids.ts';
import { blockKitProblems } from '../helpers/block-kit-limits.ts';
import { actionIds, dmOf, FakeSlack, type PostedMessage, until, visibleText } from '../helpers/fake-slack.ts';
import { Practiser } from '../helpers/practiser.ts';
import { sendCommand, sendEvent, sendInteraction } from '../helpers/signed-request.ts';
import { bank, startTestApp, type TestApp, tempDbPath } from '../helpers/slack-app.ts';
import {
  botDmEvent,
  buttonClick,
  commandFields,
  dmEvent,
  editEvent,
  fileShareEvent,
  homeOpenedEvent,
} from '../helpers/slack-payloads.ts';

const seed = bank.questions.find((q) => q.id === 'dive-deep/unexpected-root-cause')!;
const USER = 'U1ALICE';
const DM = dmOf(USER);
const KEY = { workspaceId: 'T0TEAM', userId: USER };

let fake: FakeSlack;
let app: TestApp;
let db: ReturnType<typeof tempDbPath>;

beforeEach(async () => {
  db = tempDbPath();
  fake = new FakeSlack().install();
  app = await startTestApp(db.path);
});

afterEach(async () => {
  await app.close();
  nock.cleanAll();
  db.remove();
});

/** Sends a DM and waits until the app has posted something new that matches. */
function say(text: string, expected: RegExp): Promise<PostedMessage[]> {
  return new Practiser(app, fake, KEY.workspaceId, USER).say(text, expected);
}

function lastWithAction(actionId: string): PostedMessage & { ts: string } {
  const index = fake.posts.findLastIndex((p) => actionIds(p).includes(actionId));
  if (index < 0) throw new Error(`no message with ${actionId}`);
  return { ...fake.posts[index]!, ts: `${1_700_000_001 + index}.000100` };
}

describe('a DM coaching session', () => {
  it('runs from the slash command in a channel to the follow-ups, the summary and the next question', async () => {
    const startedAt = Date.now();
    const res = await sendCommand(app.url, commandFields(seed.id, USER, 'C0GENERAL'));
    expect(res.status).toBe(200);
    expect(Date.now() - startedAt).toBeLessThan(3000);

    await until(() => fake.postsTo(DM).length >= 2, 'the opening messages');
    await until(() => fake.responses.length >= 1, 'the ephemeral reply');
    expect(fake.responses[0]?.body).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('sent you a DM'),
    });
    expect(fake.opened).toContain(USER);
    expect(fake.postsTo('C0GENERAL')).toEqual([]);
    expect(fake.allText(DM)).toContain(seed.question);
    expect(fake.allText(DM)).toMatch(/\*Situation\* \(1 of 5\) · aim for about 45 s/);

    await say(seed.parts.situation.good, /\*Task\*/);
    await say(seed.parts.task.good, /\*Action\*/);
    await say(seed.parts.action.bad, /\*Result\*/);
    await say(seed.parts.result.bad, /\*Reflection\*/);
    const feedback = await say(seed.parts.reflection.good, /Follow-up 1 of/);
    const feedbackText = feedback.map(visibleText).join('\n');
    expect(feedbackText).toMatch(/inclined · \d+\/100/i);
    expect(feedbackText).toMatch(/Situation \d+ s · Task \d+ s · Action \d+ s/);
    expect(feedbackText).toContain('You said: “');
    expect(feedbackText).toMatch(/Weak:\*.*\n?[\s\S]*Why it falls short:[\s\S]*Strong:/);
    for (const message of feedback) expect(blockKitProblems(message.blocks, 50)).toEqual([]);

    // The first follow-up is answered in words, the rest skipped with the button.
    await say(seed.followUps[0]!.good, /Follow-up 2 of|Session complete/);
    while (!/Session complete/.test(fake.allText(DM))) {
      const skip = lastWithAction(`${ACTION.choicePrefix}skip-follow-up`);
      const before = fake.postsTo(DM).length;
      const click = await sendInteraction(
        app.url,
        buttonClick(USER, `${ACTION.choicePrefix}skip-follow-up`, 'skip-follow-up', skip),
      );
      expect(click.status).toBe(200);
      await until(() => fake.postsTo(DM).length > before, 'the next follow-up or the summary');
      await app.slack.deliverer.idle();
    }
    const summary = lastWithAction(`${ACTION.choicePrefix}next`);
    expect(visibleText(summary)).toMatch(/Follow-ups answered: 1 of \d/);
    const stored = (await app.store.listSessions(KEY))[0]!;
    expect(stored.status).toBe('completed');
    expect(stored.state.parts.action).toBe(seed.parts.action.bad);
    expect(stored.state.followUps[0]?.answer).toBe(seed.followUps[0]!.good);

    // "Show a strong example" after the session: the question's strong answer, part by part.
    const beforeExample = fake.postsTo(DM).length;
    await sendInteraction(
      app.url,
      buttonClick(USER, `${ACTION.choicePrefix}show-example`, 'show-example', summary),
    );
    // The nudge offer after a first finished session may arrive in between (later on a networked database).
    const strongExample = () =>
      fake
        .postsTo(DM)
        .slice(beforeExample)
        .map(visibleText)
        .find((text) => text.includes('*A strong Situation:*'));
    await until(() => strongExample() !== undefined, 'the strong example');
    const example = strongExample()!;
    expect(example).toContain('*A strong Situation:*');
    expect(example).toContain(seed.parts.result.good.slice(0, 40));

    // "Next question" starts one new session even when clicked twice at once, and the buttons disappear.
    const before = fake.postsTo(DM).length;
    const sessionsBefore = (await app.store.listSessions(KEY)).length;
    await Promise.all([
      sendInteraction(app.url, buttonClick(USER, `${ACTION.choicePrefix}next`, 'next', summary)),
      sendInteraction(app.url, buttonClick(USER, `${ACTION.choicePrefix}next`, 'next', summary)),
    ]);
    await until(() => fake.postsTo(DM).length >= before + 2, 'the next question');
    await until(() => fake.responses.some((r) => r.body.replace_original === true), 'the summary update');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await app.slack.deliverer.idle();
    expect(fake.postsTo(DM).length).toBe(before + 2);
    expect((await app.store.listSessions(KEY)).length).toBe(sessionsBefore + 1);
    const update = fake.responses.find((r) => r.body.replace_original === true)!.body as {
      blocks: { type: string }[];
    };
    expect(update.blocks.some((b) => b.type === 'actions')).toBe(false);
    expect((await app.store.getActiveSession(KEY))?.status).toBe('active');

    // A later click on the old summary is refused, with a word to the user.
    await sendInteraction(app.url, buttonClick(USER, `${ACTION.choicePrefix}retry`, 'retry', summary));
    await until(
      () => fake.responses.some((r) => /belongs to a finished session/.test(String(r.body.text))),
      'the refusal',
    );
    expect((await app.store.listSessions(KEY)).length).toBe(sessionsBefore + 1);

    // Answers never reach the info log, only ids and codes.
    const infoLog = app.logs.map((l) => l.message).join('\n');
    expect(infoLog).not.toContain(seed.parts.situation.good.slice(0, 40));
    expect(infoLog).not.toContain('xoxb-test');
  });

  it('asks before abandoning a session in progress, and keeps or replaces it as chosen', async () => {
    await sendCommand(app.url, commandFields(seed.id, USER));
    await until(() => fake.postsTo(DM).length >= 2, 'the opening messages');
    await say(seed.parts.situation.good, /\*Task\*/);
    const first = (await app.store.getActiveSession(KEY))!;

    await sendCommand(app.url, commandFields('customer obsession', USER));
    await until(
      () => fake.posts.some((p) => actionIds(p).includes(ACTION.keepSession)),
      'the abandon / keep question',
    );
    expect((await app.store.getActiveSession(KEY))?.id).toBe(first.id);

    const keep = lastWithAction(ACTION.keepSession);
    let before = fake.postsTo(DM).length;
    await sendInteraction(app.url, buttonClick(USER, ACTION.keepSession, 'keep', keep));
    await until(() => fake.postsTo(DM).length > before, 'the reminder of where the user was');
    expect(fake.allText(DM)).toMatch(/answering the Task/);
    expect((await app.store.getActiveSession(KEY))?.id).toBe(first.id);

    await sendCommand(app.url, commandFields('customer-obsession', USER));
    await until(
      () => fake.posts.filter((p) => actionIds(p).includes(ACTION.abandonAndStart)).length >= 2,
      'the question again',
    );
    const abandon = lastWithAction(ACTION.abandonAndStart);
    before = fake.postsTo(DM).length;
    await sendInteraction(
      app.url,
      buttonClick(USER, ACTION.abandonAndStart, abandon.blocks[1]!.elements![0]!.value!, abandon),
    );
    await until(() => fake.postsTo(DM).length >= before + 2, 'the new question');
    const active = (await app.store.getActiveSession(KEY))!;
    expect(active.principleId).toBe('customer-obsession');
    expect((await app.store.getSession(KEY, first.id))?.status).toBe('abandoned');
  });

  it('applies edits, asks for text when a file arrives, and ignores its own and other bots’ messages', async () => {
    await sendCommand(app.url, commandFields(seed.id, USER));
    await until(() => fake.postsTo(DM).length >= 2, 'the opening messages');
    const original = {
      ts: '1800000999.000100',
      clientMsgId: 'edit-me',
      text: 'A first draft of my situation.',
    };
    const before = fake.postsTo(DM).length;
    await sendEvent(
      app.url,
      dmEvent(USER, original.text, { ts: original.ts, clientMsgId: original.clientMsgId }),
    );
    await until(() => fake.postsTo(DM).length > before, 'the task prompt');

    await sendEvent(app.url, editEvent(USER, original, seed.parts.situation.good));
    await until(() => /Updated your Situation/.test(fake.allText(DM)), 'the edit confirmation');
    expect((await app.store.getActiveSession(KEY))?.state.parts.situation).toBe(seed.parts.situation.good);

    await sendEvent(app.url, fileShareEvent(USER));
    await until(() => /I can only read text/.test(fake.allText(DM)), 'the text-only reply');

    const count = fake.postsTo(DM).length;
    await sendEvent(app.url, botDmEvent(USER, 'a message from the app itself'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fake.postsTo(DM).length).toBe(count);
    expect((await app.store.getActiveSession(KEY))?.state.step).toEqual({ kind: 'part', part: 'task' });
  });
});

describe('the App Home tab', () => {
  it('publishes the dashboard and changes level, lens and starts practice from it', async () => {
    const res = await sendEvent(app.url, homeOpenedEvent(USER));
    expect(res.status).toBe(200);
    await until(() => fake.views.length >= 1, 'views.publish');
    const view = fake.views[0]!;
    expect(view.userId).toBe(USER);
    expect(view.view.type).toBe('home');
    expect(blockKitProblems(view.view.blocks, 100)).toEqual([]);
    const text = view.view.blocks.map((b) => b.text?.text ?? '').join('\n');
    // The Home tab shows the person's pack: the workspace default until they choose another.
    for (const principle of packBank(bank, bank.defaultPack).principles)
      expect(text).toContain(principle.name);
    expect(text).not.toContain('Teamwork');
    expect(text).toMatch(/Streak/);
    expect(text).toMatch(/Recommended next/);

    await sendInteraction(app.url, buttonClick(USER, `${ACTION.homeLevel}.senior`, 'senior'));
    await until(() => fake.views.length >= 2, 'the republished view');
    expect((await app.store.getUser(KEY))?.level).toBe('senior');
    expect(JSON.stringify(fake.views[1]?.view)).toContain('*Level:* Senior');

    await sendInteraction(app.url, buttonClick(USER, `${ACTION.homeLens}.hiring-manager`, 'hiring-manager'));
    await until(() => fake.views.length >= 3, 'the view after the lens change');
    expect((await app.store.getUser(KEY))?.lens).toBe('hiring-manager');

    await sendInteraction(app.url, buttonClick(USER, ACTION.homeStart, 'dive-deep'));
    await until(() => fake.postsTo(DM).length >= 2, 'the question in the DM');
    expect(fake.allText(DM)).toContain('Dive Deep');
    expect(fake.allText(DM)).toContain('Hiring manager lens');

    const views = fake.views.length;
    await sendEvent(app.url, homeOpenedEvent(USER, 'messages'));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fake.views.length).toBe(views);
  });
});
