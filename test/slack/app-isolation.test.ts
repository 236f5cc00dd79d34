import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/slack/action-ids.ts';
import type { DailyScheduleRecord } from '../../src/store/daily-types.ts';
import { FakeFiles } from '../helpers/fake-files.ts';
import { FakeSlack, until, visibleText } from '../helpers/fake-slack.ts';
import { Practiser, type Response } from '../helpers/practiser.ts';
import { bank, startTestApp, type TestApp, tempDbPath } from '../helpers/slack-app.ts';

/** The same Slack user id in two workspaces: two different people as far as STAR Coach is concerned. */
const SAME_ID = 'U5SAME';
const seed = bank.questions.find((q) => q.id === 'dive-deep/unexpected-root-cause')!;
const B_SITUATION = 'In workspace B I ran the late-night stock count for a small bakery chain.';

let fake: FakeSlack;
let files: FakeFiles;
let app: TestApp;
let db: ReturnType<typeof tempDbPath>;
let a: Practiser;
let b: Practiser;

beforeEach(async () => {
  db = tempDbPath();
  fake = new FakeSlack().install();
  files = new FakeFiles().install();
  app = await startTestApp(db.path);
  a = new Practiser(app, fake, 'T1AAAA', SAME_ID);
  b = new Practiser(app, fake, 'T2BBBB', SAME_ID);
});

afterEach(async () => {
  await app.close();
  nock.cleanAll();
  db.remove();
});

const shown = (replies: Response[]) => replies.map((r) => visibleText(r)).join('\n');

/** A's session as stored: it must not move while B acts. */
async function aSession() {
  const session = await app.store.getActiveSession(a.key);
  if (!session) throw new Error('A has no active session');
  return session;
}

describe('the same user id in two workspaces', () => {
  it('B can neither see, continue, export nor delete A’s session, over real signed requests', async () => {
    await a.command(seed.id, a.dm, 0);
    await until(() => fake.allText(a.dm).includes(seed.question), 'A’s question');
    await app.slack.deliverer.idle();
    await a.say(seed.parts.situation.good, /\*Task\*/);
    await a.say(seed.parts.task.good, /\*Action\*/);
    const before = await aSession();

    // B's /star-practice starts B's own session: no "you already have a session" about A's.
    const started = await b.command('dive deep');
    expect(shown(started)).toContain('sent you a DM');
    expect(shown(started)).not.toContain('already have a session');
    const bSession = await app.store.getActiveSession(b.key);
    expect(bSession?.id).not.toBe(before.id);
    expect(bSession?.state.parts).toEqual({});

    // B's DM messages go to B's session only.
    await b.say(B_SITUATION, /\*Task\*/);
    expect((await app.store.getActiveSession(b.key))?.state.parts.situation).toBe(B_SITUATION);
    expect(await aSession()).toEqual(before);

    // B's export holds only B's work.
    await b.command('export');
    await until(() => files.completed().length === 1, 'B’s export');
    const exported = files.completed()[0]!.body;
    expect(exported).toContain(B_SITUATION);
    expect(exported).not.toContain(seed.parts.situation.good.slice(0, 40));

    // B's stop ends B's session, not A's.
    expect(shown(await b.command('stop'))).toContain('Stopped your session');
    expect(await app.store.getActiveSession(b.key)).toBeNull();
    expect(await aSession()).toEqual(before);

    // B's forget-me deletes B's data only.
    await b.command('forget-me');
    const url = await b.click(ACTION.forgetConfirm, 'confirm');
    await until(() => b.responsesTo(url).length > 0, 'B’s report');
    expect(shown(b.responsesTo(url))).toContain('1 practice session');
    expect(shown(b.responsesTo(url))).toContain('1 answer');
    expect(await app.store.listSessions(b.key)).toEqual([]);
    expect(await aSession()).toEqual(before);

    // A carries on where A left off, and A's export has A's words, not B's.
    await a.say(seed.parts.action.good, /\*Result\*/);
    expect((await aSession()).state.parts).toMatchObject({
      situation: seed.parts.situation.good,
      task: seed.parts.task.good,
      action: seed.parts.action.good,
    });
    await a.command('export');
    await until(() => files.completed().length === 2, 'A’s export');
    expect(files.completed()[1]!.body).toContain(seed.parts.action.good.split('\n')[0]);
    expect(files.completed()[1]!.body).not.toContain(B_SITUATION);
  });

  it('daily practice counts are per workspace and never say who practised', async () => {
    const CHANNEL = 'C0SAME';
    const schedules: DailyScheduleRecord[] = [];
    for (const workspaceId of [a.team, b.team]) {
      await app.store.daily.saveSchedule(
        {
          workspaceId,
          channelId: CHANNEL,
          minutes: 540,
          timeZone: 'UTC',
          days: 'everyday',
          firstDate: '2026-03-10',
          createdBy: 'U7OWNER',
          createdAt: Date.now(),
          pausedReason: null,
        },
        Date.now(),
      );
      schedules.push((await app.store.daily.getSchedule({ workspaceId, channelId: CHANNEL }))!);
    }
    for (const schedule of schedules)
      expect(await app.slack.scheduler.postFor(schedule, '2026-03-10')).toBe('posted');
    const prompt = fake.postsTo(CHANNEL).find((p) => visibleText(p).includes('Question of the day'))!;
    const value = prompt.blocks
      .flatMap((block) => block.elements ?? [])
      .find((e) => e.action_id === ACTION.dailyPractise)!.value!;

    const colleague = new Practiser(app, fake, a.team, 'U6COLLEAGUE');
    for (const person of [a, colleague, b]) {
      const url = await person.click(ACTION.dailyPractise, value, CHANNEL);
      await until(() => person.responsesTo(url).length > 0, 'the practise answer');
    }
    expect(
      await app.store.daily.practiceCount({ workspaceId: a.team, channelId: CHANNEL }, '2026-03-10'),
    ).toBe(2);
    expect(
      await app.store.daily.practiceCount({ workspaceId: b.team, channelId: CHANNEL }, '2026-03-10'),
    ).toBe(1);

    const posts = fake.postsTo(CHANNEL).length;
    for (const schedule of schedules) await app.slack.scheduler.postFor(schedule, '2026-03-11');
    const recaps = fake
      .postsTo(CHANNEL)
      .slice(posts)
      .map((p) => visibleText(p))
      .filter((text) => text.includes('practised this question'));
    expect(recaps).toHaveLength(2);
    expect(recaps.join('\n')).toContain('2 people practised');
    expect(recaps.join('\n')).toContain('1 person practised');
    const everythingInTheChannel = fake.allText(CHANNEL);
    for (const id of [SAME_ID, 'U6COLLEAGUE']) expect(everythingInTheChannel).not.toContain(id);
  });
});
