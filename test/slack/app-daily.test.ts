import nock from 'nock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { localDateTime } from '../../src/schedule/zoned-time.ts';
import { blockKitProblems } from '../helpers/block-kit-limits.ts';
import { dmOf, FakeSlack, type SentBlock, until, visibleText } from '../helpers/fake-slack.ts';
import { sendCommand, sendInteraction } from '../helpers/signed-request.ts';
import { bank, startTestApp, type TestApp, tempDbPath } from '../helpers/slack-app.ts';
import { buttonClick, commandFields } from '../helpers/slack-payloads.ts';

const OWNER = 'U7OWNER';
const TEAM_ID = 'T0TEAM';
const CHANNEL = 'C0TEAM';
const GONE = 'C0GONE';

let fake: FakeSlack;
let app: TestApp;
let db: ReturnType<typeof tempDbPath>;

beforeAll(async () => {
  db = tempDbPath();
  fake = new FakeSlack().install({ postMessage: false });
  nock('https://slack.com')
    .persist()
    .post('/api/chat.postMessage')
    .reply(200, (_uri, body) => {
      const channel = new URLSearchParams(String(body)).get('channel');
      if (channel === GONE) return { ok: false, error: 'not_in_channel' };
      return fake.recordPost(body);
    })
    .post('/api/users.info')
    .reply(200, { ok: true, user: { id: OWNER, tz: 'Europe/London' } });
  app = await startTestApp(db.path);
});

afterAll(async () => {
  await app.close();
  nock.cleanAll();
  db.remove();
});

beforeEach(async () => {
  await app.store.daily.deleteSchedule({ workspaceId: TEAM_ID, channelId: CHANNEL });
});

interface Reply {
  text: string;
  blocks: SentBlock[];
  response_type?: string;
}

async function command(text: string, channel = CHANNEL, user = OWNER): Promise<Reply | null> {
  const before = fake.responses.length;
  const posts = fake.posts.length;
  const res = await sendCommand(app.url, commandFields(`daily ${text}`, user, channel));
  expect(res.status).toBe(200);
  await until(
    () => fake.responses.length > before || fake.posts.length > posts,
    `an answer to "daily ${text}"`,
  );
  await new Promise((resolve) => setTimeout(resolve, 50));
  const reply = fake.responses.length > before ? fake.responses.at(-1)!.body : null;
  if (!reply) return null;
  const shaped: Reply = {
    text: String(reply.text ?? ''),
    blocks: Array.isArray(reply.blocks) ? reply.blocks : [],
    response_type: String(reply.response_type),
  };
  expect(shaped.response_type).toBe('ephemeral');
  expect(blockKitProblems(shaped.blocks, 50)).toEqual([]);
  return shaped;
}

const channelText = (channel = CHANNEL) => fake.allText(channel);

describe('/star-practice daily', () => {
  it('is refused in a DM with how to fix it', async () => {
    const reply = await command('on', dmOf(OWNER));
    expect(visibleText(reply!)).toContain('Daily questions are for team channels');
  });

  it('daily on announces the schedule in the channel, visibly, with who and when', async () => {
    const before = fake.postsTo(CHANNEL).length;
    await command('on 08:30 Europe/Paris everyday');
    await until(() => fake.postsTo(CHANNEL).length > before, 'the announcement');
    const announcement = visibleText(fake.postsTo(CHANNEL).at(-1)!);
    expect(announcement).toContain(`<@${OWNER}> set up a daily STAR interview question`);
    expect(announcement).toContain('08:30 Europe/Paris, every day');
    expect(announcement).toMatch(/The first one comes \w{3} \d{1,2} \w{3}, 08:30 \(Europe\/Paris\)/);
    expect(await app.store.daily.getSchedule({ workspaceId: TEAM_ID, channelId: CHANNEL })).toMatchObject({
      minutes: 510,
      timeZone: 'Europe/Paris',
      days: 'everyday',
      createdBy: OWNER,
      paused: false,
    });
  });

  it('defaults to 09:00 on weekdays in the time zone of the person setting it up', async () => {
    await command('on');
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await app.store.daily.getSchedule({ workspaceId: TEAM_ID, channelId: CHANNEL })).toMatchObject({
      minutes: 540,
      timeZone: 'Europe/London',
      days: 'weekdays',
    });
  });

  it('daily status gives the next post in the channel zone and the asker zone', async () => {
    await command('on 08:30 Asia/Tokyo');
    const reply = await command('status');
    const text = visibleText(reply!);
    expect(text).toContain('08:30 Asia/Tokyo, on weekdays');
    expect(text).toMatch(/Next: .+ \(Asia\/Tokyo\)\. That is .+ your time \(Europe\/London\)/);
  });

  it.each([
    ['on 25:00', 'not a time of day'],
    ['on 09:00 Mars/Olympus_Mons', 'not a time zone I know'],
    ['stauts', 'Did you mean `daily status`'],
  ])('daily %s gets a clear ephemeral error', async (text, expected) => {
    expect(visibleText((await command(text))!)).toContain(expected);
  });

  it('a channel the bot cannot post in gets "invite me", and no schedule is saved', async () => {
    const reply = await command('on', GONE);
    expect(visibleText(reply!)).toContain('/invite @STAR Coach');
    expect(await app.store.daily.getSchedule({ workspaceId: TEAM_ID, channelId: GONE })).toBeNull();
  });

  it('daily now posts the prompt once per day, with practise and example buttons', async () => {
    await command('on 09:00 UTC');
    const before = fake.postsTo(CHANNEL).length;
    const first = await command('now');
    expect(visibleText(first!)).toContain("Posted today's question");
    const prompt = fake.postsTo(CHANNEL).at(-1)!;
    expect(fake.postsTo(CHANNEL).length).toBe(before + 1);
    expect(visibleText(prompt)).toContain('Question of the day');
    expect(blockKitProblems(prompt.blocks, 50)).toEqual([]);
    const second = await command('now');
    expect(visibleText(second!)).toContain('already posted');
    expect(fake.postsTo(CHANNEL).length).toBe(before + 1);
  });

  it('"Practise this in DM" starts that question in DM and is counted once per person', async () => {
    await command('on 09:00 UTC');
    await command('now');
    const prompt = fake.postsTo(CHANNEL).find((p) => visibleText(p).includes('Question of the day'))!;
    const practise = prompt.blocks
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'daily.practise')!;
    const { q: questionId, d: localDate } = JSON.parse(practise.value!);
    const question = bank.questions.find((x) => x.id === questionId)!;
    const click = (user: string) => {
      const payload = buttonClick(user, 'daily.practise', practise.value!, {
        ts: '1.2',
        blocks: prompt.blocks,
      });
      return sendInteraction(app.url, {
        ...payload,
        channel: { id: CHANNEL, name: 'team' },
        container: { type: 'message', channel_id: CHANNEL, message_ts: '1.2' },
      });
    };
    expect((await click('U8ALEX')).status).toBe(200);
    await until(() => fake.allText(dmOf('U8ALEX')).includes(question.question), 'the question in DM');
    await click('U8ALEX');
    await click('U9BEA');
    const channel = { workspaceId: TEAM_ID, channelId: CHANNEL };
    await until(() => fake.allText(dmOf('U9BEA')).includes(question.question), 'the second DM');
    expect(await app.store.daily.practiceCount(channel, localDate)).toBe(2);
    expect(localDate).toBe(localDateTime(Date.now(), 'UTC').date);
    // Nobody's answers or names appear in the channel.
    expect(channelText()).not.toContain('U8ALEX');
  });

  it('"See a strong example" answers only the person who clicked', async () => {
    const question = bank.questions[0]!;
    const before = fake.responses.length;
    await sendInteraction(
      app.url,
      buttonClick('U8ALEX', 'daily.example', question.id, { ts: '1.3', blocks: [] }),
    );
    await until(() => fake.responses.length > before, 'the example');
    const reply = fake.responses.at(-1)!.body;
    expect(reply.response_type).toBe('ephemeral');
    expect(visibleText({ text: String(reply.text), blocks: reply.blocks as SentBlock[] })).toContain(
      'A strong answer to',
    );
  });

  it('daily off turns it off visibly; status then says it is off', async () => {
    await command('on');
    const before = fake.postsTo(CHANNEL).length;
    await command('off');
    await until(() => fake.postsTo(CHANNEL).length > before, 'the notice');
    expect(visibleText(fake.postsTo(CHANNEL).at(-1)!)).toContain(
      `<@${OWNER}> turned off the daily STAR question`,
    );
    expect(visibleText((await command('status'))!)).toContain('not on in this channel');
  });
});

describe('the scheduler inside the app', () => {
  /** A zone whose local time is well away from midnight now, so "a minute ago" is today there. */
  function zoneAwayFromMidnight(): { zone: string; minutes: number } {
    for (const zone of ['UTC', 'Asia/Tokyo', 'America/New_York', 'Asia/Kolkata']) {
      const local = localDateTime(Date.now(), zone);
      if (local.minutes > 60 && local.minutes < 23 * 60) return { zone, minutes: local.minutes - 1 };
    }
    throw new Error('no zone found');
  }

  it('posts a due prompt once, and pauses with a DM to the owner when the bot was removed', async () => {
    const { zone, minutes } = zoneAwayFromMidnight();
    const base = {
      minutes,
      timeZone: zone,
      days: 'everyday' as const,
      firstDate: '2026-01-01',
      createdBy: OWNER,
      createdAt: 0,
      pausedReason: null,
    };
    await app.store.daily.saveSchedule({ workspaceId: TEAM_ID, channelId: 'C0DUE', ...base }, Date.now());
    await app.store.daily.saveSchedule({ workspaceId: TEAM_ID, channelId: GONE, ...base }, Date.now());
    const first = await app.slack.scheduler.tick();
    expect(first).toMatchObject({ posted: 1, paused: 1 });
    expect(visibleText(fake.postsTo('C0DUE').at(-1)!)).toContain('Question of the day');
    expect((await app.slack.scheduler.tick()).posted).toBe(0);
    expect(fake.postsTo('C0DUE')).toHaveLength(1);
    expect((await app.store.daily.getSchedule({ workspaceId: TEAM_ID, channelId: GONE }))?.pausedReason).toBe(
      'not_in_channel',
    );
    await until(() => fake.allText(dmOf(OWNER)).includes('/invite @STAR Coach'), 'the owner DM');
  });
});
