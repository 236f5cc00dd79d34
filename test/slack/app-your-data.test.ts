import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/slack/action-ids.ts';
import type { UserKey } from '../../src/store/types.ts';
import { blockKitProblems } from '../helpers/block-kit-limits.ts';
import { FakeFiles } from '../helpers/fake-files.ts';
import { actionIds, FakeSlack, until, visibleText } from '../helpers/fake-slack.ts';
import { Practiser, type Response } from '../helpers/practiser.ts';
import { sendEvent } from '../helpers/signed-request.ts';
import { bank, eventually, startTestApp, type TestApp, tempDbPath } from '../helpers/slack-app.ts';
import { homeOpenedEvent } from '../helpers/slack-payloads.ts';
import { testDbCount, testDbRows } from '../helpers/test-store.ts';

const seed = bank.questions.find((q) => q.id === 'dive-deep/unexpected-root-cause')!;
const TEAM = 'T0TEAM';
const OTHER_TEAM = 'T9OTHER';
const USER_TABLES = ['users', 'sessions', 'processed_messages', 'outbox', 'daily_practice'] as const;

let fake: FakeSlack;
let files: FakeFiles;
let app: TestApp;
let db: ReturnType<typeof tempDbPath>;
let alice: Practiser;

beforeEach(async () => {
  db = tempDbPath();
  fake = new FakeSlack().install();
  files = new FakeFiles().install();
  app = await startTestApp(db.path);
  alice = new Practiser(app, fake, TEAM, 'U1ALICE');
});

afterEach(async () => {
  await app.close();
  nock.cleanAll();
  db.remove();
});

const shown = (reply: Response | undefined) => (reply ? visibleText(reply) : '');

/** Rows in every table that name the person, plus answer texts that quote them (those rows carry no user). */
async function rowsNaming(key: UserKey, words: string[] = []): Promise<Record<string, number>> {
  const rows: Record<string, number> = {};
  for (const table of USER_TABLES)
    rows[table] = await testDbCount(
      app.dbPath,
      `SELECT count(*) FROM ${table} WHERE workspace_id = $1 AND user_id = $2`,
      key.workspaceId,
      key.userId,
    );
  rows.daily_schedules = await testDbCount(
    app.dbPath,
    'SELECT count(*) FROM daily_schedules WHERE workspace_id = $1 AND created_by = $2',
    key.workspaceId,
    key.userId,
  );
  const texts = (
    await testDbRows(app.dbPath, 'SELECT text FROM answers UNION ALL SELECT text FROM follow_up_answers')
  ).map((row) => String(row[0]));
  rows.quotedAnswers = texts.filter((t) => words.includes(t)).length;
  return rows;
}

const allZero = (rows: Record<string, number>) => Object.values(rows).every((n) => n === 0);

async function scheduleBy(key: UserKey, channelId: string) {
  await app.store.daily.saveSchedule(
    {
      workspaceId: key.workspaceId,
      channelId,
      minutes: 540,
      timeZone: 'UTC',
      days: 'weekdays',
      firstDate: '2026-03-10',
      createdBy: key.userId,
      createdAt: Date.now(),
      pausedReason: null,
    },
    Date.now(),
  );
  await app.store.daily.recordPractice(
    { workspaceId: key.workspaceId, channelId },
    '2026-03-10',
    key.userId,
    Date.now(),
  );
}

describe('/star-practice export', () => {
  it('sends every session as a Markdown file in the DM, and says so in the channel', async () => {
    await alice.practise(seed);
    const [reply] = await alice.command('export');
    expect(reply?.response_type).toBe('ephemeral');
    expect(shown(reply)).toContain('sent your story bank to our DM');
    await until(() => files.completed().length === 1, 'the completed upload');

    const [upload] = files.completed();
    expect(upload?.channel).toBe(alice.dm);
    expect(upload?.filename).toMatch(/^star-coach-story-bank-\d{4}-\d{2}-\d{2}\.md$/);
    expect(upload?.title).toContain('story bank');
    expect(upload?.comment).toContain('1 session');
    const markdown = upload!.body;
    expect(markdown).toContain('# My STAR Coach story bank');
    expect(markdown).toContain(`## ${seed.question}`);
    expect(markdown).toContain('### Situation');
    expect(markdown).toContain(`> ${seed.parts.situation.good.split('\n')[0]}`);
    expect(markdown).toContain('### Feedback:');
    expect(markdown).toContain(seed.followUps[0]!.question);
    expect(markdown).toMatch(/· \d{4}-\d{2}-\d{2} ·/);
    expect(upload!.length).toBeGreaterThan(markdown.length / 2);
    expect(fake.opened).toContain(alice.user);
  });

  it('asked for in the DM (typed, or as the slash command), the file arrives there with no extra note', async () => {
    await alice.practise(seed);
    await alice.command('stop', alice.dm, 0);
    await until(() => /Session stopped/.test(fake.allText(alice.dm)), 'the stop');
    await app.slack.deliverer.idle();
    const posts = fake.postsTo(alice.dm).length;
    const responses = fake.responses.length;
    await alice.message('export');
    await until(() => files.completed().length === 1, 'the upload');
    await alice.command('export', alice.dm, 0);
    await until(() => files.completed().length === 2, 'the second upload');
    expect(files.completed().map((u) => u.channel)).toEqual([alice.dm, alice.dm]);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(fake.postsTo(alice.dm).length).toBe(posts);
    expect(fake.responses.length).toBe(responses);
  });

  it('with no history, says there is nothing to export instead of sending an empty file', async () => {
    const [reply] = await alice.command('export');
    expect(shown(reply)).toContain('nothing to export yet');
    expect(files.uploads).toEqual([]);
  });

  it.each([
    ['missing_scope', /files:write/],
    ['rate-limited', /slow down/],
    ['server-error', /http_500/],
  ] as const)(
    'a Slack failure (%s) gets a clear reply and a log line without the content',
    async (mode, message) => {
      await alice.command(seed.id, alice.dm, 0);
      await until(() => fake.postsTo(alice.dm).length >= 2, 'the question');
      await alice.say(seed.parts.situation.good, /\*Task\*/);
      files.mode = mode;
      const [reply] = await alice.command('export');
      expect(shown(reply)).toMatch(message);
      expect(files.completed()).toEqual([]);
      const log = app.logs.map((l) => l.message).join('\n');
      expect(log).toMatch(/Exporting the story bank failed for user U1ALICE/);
      expect(log).not.toContain(seed.parts.situation.good.slice(0, 30));
    },
  );
});

describe('/star-practice forget-me', () => {
  async function confirmation(): Promise<Response> {
    const [reply] = await alice.command('forget-me');
    expect(reply?.response_type).toBe('ephemeral');
    expect(blockKitProblems(reply?.blocks ?? [], 50)).toEqual([]);
    return reply!;
  }

  it('asks first; Cancel deletes nothing', async () => {
    await alice.command(seed.id, alice.dm, 0);
    await eventually(async () => (await app.store.listSessions(alice.key)).length === 1, 'the session');
    const reply = await confirmation();
    expect(shown(reply)).toContain('Delete everything STAR Coach stores about you');
    expect(actionIds(reply)).toEqual([ACTION.forgetConfirm, ACTION.forgetCancel]);
    expect(JSON.stringify(reply.blocks)).not.toContain(alice.user);

    const url = await alice.click(ACTION.forgetCancel, 'cancel');
    await until(() => alice.responsesTo(url).length > 0, 'the cancel answer');
    expect(alice.responsesTo(url)[0]).toMatchObject({ replace_original: true });
    expect(shown(alice.responsesTo(url)[0])).toContain('nothing was deleted');
    expect(await app.store.listSessions(alice.key)).toHaveLength(1);
  });

  it('deletes every row naming the person, reports the counts, and only once when double-clicked', async () => {
    await alice.command('level senior');
    await alice.practise(seed);
    await scheduleBy(alice.key, 'C0TEAM');
    const words = [...Object.values(seed.parts).map((p) => p.good), seed.followUps[0]!.good];
    const before = await rowsNaming(alice.key, words);
    expect(before).toMatchObject({ users: 1, sessions: 1, daily_schedules: 1, daily_practice: 1 });
    expect(before.quotedAnswers).toBeGreaterThanOrEqual(6);
    const count = (table: string) =>
      testDbCount(app.dbPath, `SELECT count(*) FROM ${table} WHERE session_id IN (SELECT id FROM sessions)`);
    const expected = { answers: await count('answers'), evaluations: await count('evaluations') };

    await confirmation();
    const [first, second] = await Promise.all([
      alice.click(ACTION.forgetConfirm, 'confirm'),
      alice.click(ACTION.forgetConfirm, 'confirm'),
    ]);
    await until(
      () => alice.responsesTo(first).length > 0 && alice.responsesTo(second).length > 0,
      'both answers',
    );
    const answers = [...alice.responsesTo(first), ...alice.responsesTo(second)];
    const report = answers.filter((a) => shown(a).includes('Deleted everything'));
    const repeat = answers.filter((a) => shown(a).includes('nothing to delete'));
    expect(report).toHaveLength(1);
    expect(repeat).toHaveLength(1);
    expect(report[0]).toMatchObject({ replace_original: true });
    expect(repeat[0]).toMatchObject({ replace_original: false, response_type: 'ephemeral' });

    const text = shown(report[0]);
    expect(text).toContain('1 practice session');
    expect(text).toContain(`${expected.answers} answers`);
    expect(text).toContain(`${expected.evaluations} evaluation`);
    expect(text).toContain('1 follow-up answer');
    expect(text).toContain(`${before.processed_messages} processed messages`);
    expect(text).toContain(`${before.outbox} queued messages`);
    expect(text).toContain('1 daily practice mark');
    expect(text).toContain('1 daily question schedule you set up keep running');
    expect(text).toContain('no longer name you');
    expect(await rowsNaming(alice.key, words)).toSatisfy(allZero);
    expect(await app.store.daily.getSchedule({ workspaceId: TEAM, channelId: 'C0TEAM' })).toMatchObject({
      createdBy: null,
    });
    // The Home tab is republished as a newcomer's, so it no longer shows their progress.
    await until(() => fake.views.some((v) => v.userId === alice.user), 'the cleared Home tab');
    await sendEvent(app.url, homeOpenedEvent('U3NEWCOMER'));
    await until(() => fake.views.some((v) => v.userId === 'U3NEWCOMER'), 'a newcomer’s Home tab');
    const homeOf = (user: string) => fake.views.find((v) => v.userId === user)?.view;
    expect(homeOf(alice.user)).toEqual(homeOf('U3NEWCOMER'));

    const log = app.logs.map((l) => l.message).find((m) => m.includes('(forget-me)'));
    expect(log).toMatch(/Deleted a user's data in T0TEAM \(forget-me\): 1 profile, 1 practice session/);
    expect(log).not.toContain(alice.user);
  });

  it('leaves other people alone; afterwards the person starts afresh and the cached DM is gone', async () => {
    const bob = new Practiser(app, fake, TEAM, 'U2BOB');
    await bob.command('dive deep', bob.dm, 0);
    await alice.command(seed.id, alice.dm, 0);
    await until(() => fake.postsTo(alice.dm).length >= 2, 'the question');
    await alice.say(seed.parts.situation.good, /\*Task\*/);
    const openedBefore = fake.opened.filter((u) => u === alice.user).length;

    await confirmation();
    const url = await alice.click(ACTION.forgetConfirm, 'confirm');
    await until(() => alice.responsesTo(url).length > 0, 'the report');
    expect(await app.store.listSessions(alice.key)).toEqual([]);
    expect(await app.store.listSessions(bob.key)).toHaveLength(1);

    // A message after forget-me has no session to continue: it is read as a command and starts a new one.
    await alice.say('customer obsession', /Customer Obsession/);
    const [fresh, ...older] = await app.store.listSessions(alice.key);
    expect(older).toEqual([]);
    expect(fresh?.principleId).toBe('customer-obsession');
    expect(fresh?.state.parts).toEqual({});
    await alice.command('dive deep');
    expect(fake.opened.filter((u) => u === alice.user).length).toBeGreaterThan(openedBefore);
  });
});

describe('uninstall and revoked tokens', () => {
  function workspaceEvent(team: string, event: object) {
    return {
      token: 'unused',
      team_id: team,
      api_app_id: 'A0APP',
      type: 'event_callback',
      event_id: `Ev-${team}-${Math.random().toString(36).slice(2)}`,
      event_time: Math.floor(Date.now() / 1000),
      event: { ...event, event_ts: `${Date.now() / 1000}` },
    };
  }

  async function seedPeople() {
    const people = [
      new Practiser(app, fake, TEAM, 'U1ALICE'),
      new Practiser(app, fake, TEAM, 'U2BOB'),
      new Practiser(app, fake, OTHER_TEAM, 'U1ALICE'),
    ];
    for (const person of people) {
      const posts = fake.posts.length;
      await person.command('dive deep', person.dm, 0);
      await until(() => fake.posts.length >= posts + 2, 'the opening messages');
    }
    await scheduleBy(people[0]!.key, 'C0TEAM');
    return people;
  }

  const logLine = (what: string) =>
    until(() => app.logs.some((l) => l.message.includes(what)), `a log line with ${what}`);

  it('app_uninstalled deletes that workspace’s data, logged as counts', async () => {
    const [a, b, other] = await seedPeople();
    const res = await sendEvent(app.url, workspaceEvent(TEAM, { type: 'app_uninstalled' }));
    expect(res.status).toBe(200);
    await logLine('(app uninstalled)');
    expect(await rowsNaming(a!.key)).toSatisfy(allZero);
    expect(await rowsNaming(b!.key)).toSatisfy(allZero);
    expect(await app.store.daily.getSchedule({ workspaceId: TEAM, channelId: 'C0TEAM' })).toBeNull();
    expect(await app.store.listSessions(other!.key)).toHaveLength(1);
    const line = app.logs.find((l) => l.message.includes('(app uninstalled)'))!;
    expect(app.logs.filter((l) => l.message.includes('Deleted'))).toHaveLength(1);
    expect(line.level).toBe('info');
    expect(line.message).toMatch(
      /T0TEAM \(app uninstalled\): 2 profiles, 2 practice sessions,.* 1 daily schedule/,
    );
    expect(line.message).not.toMatch(/U1ALICE|U2BOB/);
  });

  it('tokens_revoked for a person’s token deletes only that person; for the bot token, the workspace', async () => {
    const [a, b, other] = await seedPeople();
    await sendEvent(app.url, workspaceEvent(TEAM, { type: 'tokens_revoked', tokens: { oauth: [a!.user] } }));
    await logLine('(user token revoked)');
    expect(await rowsNaming(a!.key)).toSatisfy(allZero);
    expect(await app.store.listSessions(b!.key)).toHaveLength(1);
    expect(await app.store.listSessions(other!.key)).toHaveLength(1);

    await sendEvent(app.url, workspaceEvent(TEAM, { type: 'tokens_revoked', tokens: { bot: ['U0BOT'] } }));
    await logLine('(bot token revoked)');
    expect(await rowsNaming(b!.key)).toSatisfy(allZero);
    expect(await app.store.listSessions(other!.key)).toHaveLength(1);
    const deletions = app.logs.filter((l) => l.message.startsWith('Deleted'));
    expect(deletions.map((l) => l.message)).toEqual([
      expect.stringMatching(
        /^Deleted a user's data in T0TEAM \(user token revoked\): 1 profile, 1 practice session/,
      ),
      expect.stringMatching(/^Deleted the data of workspace T0TEAM \(bot token revoked\): 1 profile/),
    ]);
    expect(deletions.map((l) => l.message).join('\n')).not.toMatch(/U1ALICE|U2BOB/);
  });

  it('team_access_revoked deletes the listed workspaces’ data and leaves the others', async () => {
    const [a, b, other] = await seedPeople();
    const event = { type: 'team_access_revoked', team_ids: [TEAM] };
    expect((await sendEvent(app.url, workspaceEvent(OTHER_TEAM, event))).status).toBe(200);
    await logLine('(team access revoked)');
    expect(await rowsNaming(a!.key)).toSatisfy(allZero);
    expect(await rowsNaming(b!.key)).toSatisfy(allZero);
    expect(await app.store.listSessions(other!.key)).toHaveLength(1);
  });
});
