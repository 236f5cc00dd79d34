import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { blockKitProblems } from '../helpers/block-kit-limits.ts';
import { dmOf, FakeSlack, until, visibleText } from '../helpers/fake-slack.ts';
import { sendCommand, sendEvent } from '../helpers/signed-request.ts';
import { bank, startTestApp, type TestApp, tempDbPath } from '../helpers/slack-app.ts';
import { commandFields, dmEvent } from '../helpers/slack-payloads.ts';
import { TEST_DATABASE } from '../helpers/test-store.ts';

const seed = bank.questions.find((q) => q.id === 'dive-deep/unexpected-root-cause')!;
const USER = 'U2BOB';
const DM = dmOf(USER);
const KEY = { workspaceId: 'T0TEAM', userId: USER };

let db: ReturnType<typeof tempDbPath>;
const apps: TestApp[] = [];

async function launch(options?: Parameters<typeof startTestApp>[1]): Promise<TestApp> {
  const app = await startTestApp(db.path, options);
  apps.push(app);
  return app;
}

async function closeAll() {
  for (const app of apps.splice(0)) await app.close();
}

beforeEach(() => {
  db = tempDbPath();
});

afterEach(async () => {
  await closeAll();
  nock.cleanAll();
  db.remove();
});

async function startSession(app: TestApp, fake: FakeSlack) {
  await sendCommand(app.url, commandFields(seed.id, USER));
  await until(() => fake.postsTo(DM).length >= 2, 'the opening messages');
  await app.slack.deliverer.idle();
}

describe('requests Slack did not sign', () => {
  it('refuses a forged signature and a stale timestamp with 401, and does nothing', async () => {
    const fake = new FakeSlack().install();
    const app = await launch();
    const forged = await sendEvent(app.url, dmEvent(USER, 'hello'), { secret: 'not-the-secret' });
    expect(forged.status).toBe(401);
    const stale = await sendCommand(app.url, commandFields('', USER), {
      timestamp: Math.floor(Date.now() / 1000) - 6 * 60,
    });
    expect(stale.status).toBe(401);
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(fake.posts).toEqual([]);
    expect(fake.responses).toEqual([]);
    expect(await app.store.listSessions(KEY)).toEqual([]);
  });

  it('answers the health check with a small JSON body', async () => {
    new FakeSlack().install();
    const app = await launch();
    const res = await fetch(`${app.base}/healthz`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({
      status: 'ok',
      mode: 'http',
      database: 'open',
      databaseKind: TEST_DATABASE,
    });
  });
});

describe('duplicates and ordering', () => {
  it('applies a retried event (same event id, X-Slack-Retry-Num: 1) once', async () => {
    const fake = new FakeSlack().install();
    const app = await launch();
    await startSession(app, fake);
    const event = dmEvent(USER, seed.parts.situation.good, { eventId: 'EvRetried' });
    expect((await sendEvent(app.url, event)).status).toBe(200);
    await until(() => /\*Task\*/.test(fake.allText(DM)), 'the task prompt');
    const retry = await sendEvent(app.url, event, {
      headers: { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' },
    });
    expect(retry.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    await app.slack.deliverer.idle();
    expect(fake.postsTo(DM).filter((p) => /\*Task\*/.test(visibleText(p)))).toHaveLength(1);
    expect((await app.store.getActiveSession(KEY))?.state.step).toEqual({ kind: 'part', part: 'task' });
    // Caught by the stored event id, before the message id check was needed.
    expect(app.logs.some((l) => l.message === 'Ignored a repeated delivery of event EvRetried.')).toBe(true);
    expect(await app.store.hasEvent('EvRetried')).toBe(true);
  });

  it('applies the same message once even under a different event id (Socket Mode redelivery)', async () => {
    const fake = new FakeSlack().install();
    const app = await launch();
    await startSession(app, fake);
    const first = dmEvent(USER, seed.parts.situation.good, {
      clientMsgId: 'same-message',
      ts: '1800000500.000100',
    });
    const again = dmEvent(USER, seed.parts.situation.good, {
      clientMsgId: 'same-message',
      ts: '1800000500.000100',
    });
    await sendEvent(app.url, first);
    await sendEvent(app.url, again);
    await until(() => /\*Task\*/.test(fake.allText(DM)), 'the task prompt');
    await new Promise((resolve) => setTimeout(resolve, 300));
    await app.slack.deliverer.idle();
    expect((await app.store.getActiveSession(KEY))?.state.step).toEqual({ kind: 'part', part: 'task' });
    expect(app.logs.some((l) => l.message.includes('repeated delivery of message same-message'))).toBe(true);
  });

  it('applies two messages that arrive together in the order they were sent', async () => {
    const fake = new FakeSlack().install();
    const app = await launch();
    await startSession(app, fake);
    const situation = sendEvent(app.url, dmEvent(USER, seed.parts.situation.good));
    const task = sendEvent(app.url, dmEvent(USER, seed.parts.task.good));
    expect((await Promise.all([situation, task])).map((r) => r.status)).toEqual([200, 200]);
    await until(() => /\*Action\*/.test(fake.allText(DM)), 'the action prompt');
    const state = (await app.store.getActiveSession(KEY))!.state;
    expect(state.parts.situation).toBe(seed.parts.situation.good);
    expect(state.parts.task).toBe(seed.parts.task.good);
    const prompts = fake.postsTo(DM).map(visibleText).join('\n');
    expect(prompts.indexOf('*Task*')).toBeLessThan(prompts.indexOf('*Action*'));
  });
});

describe('restarts and Web API failures', () => {
  it('continues a session after a restart on the same database, sending what was committed but not delivered', async () => {
    // First run: Slack is failing, so the answer is committed but its reply stays in the outbox.
    const fake = new FakeSlack().install();
    const first = await launch();
    await startSession(first, fake);
    nock.cleanAll();
    const failing = nock('https://slack.com').persist().post('/api/chat.postMessage').reply(500, 'down');
    await sendEvent(first.url, dmEvent(USER, seed.parts.situation.good));
    await until(() => failing.isDone(), 'a failed delivery attempt');
    await closeAll();
    nock.cleanAll();

    // Second run: the pending reply goes out at start-up, and the next message continues the session.
    const after = new FakeSlack().install();
    const second = await launch();
    await until(() => /\*Task\*/.test(after.allText(DM)), 'the task prompt from the outbox');
    await sendEvent(second.url, dmEvent(USER, seed.parts.task.good));
    await until(() => /\*Action\*/.test(after.allText(DM)), 'the action prompt');
    const state = (await second.store.getActiveSession(KEY))!.state;
    expect(state.parts).toEqual({ situation: seed.parts.situation.good, task: seed.parts.task.good });
  });

  it('retries a 429 after Retry-After and then delivers, in order', async () => {
    const fake = new FakeSlack().install({ postMessage: false });
    const scope = nock('https://slack.com')
      .post('/api/chat.postMessage')
      .reply(429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '1' })
      .post('/api/chat.postMessage')
      .times(2)
      .reply(200, (_uri, body) => fake.recordPost(body));
    const app = await launch();
    const started = Date.now();
    await sendCommand(app.url, commandFields(seed.id, USER));
    // nock marks an interceptor done before its reply function has recorded the post.
    await until(() => scope.isDone() && fake.posts.length === 2, 'the retried deliveries');
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(visibleText(fake.posts[0]!)).toContain(seed.question);
    expect(visibleText(fake.posts[1]!)).toContain('*Situation*');
    expect(app.logs.some((l) => l.level === 'warn' && l.message.includes('ratelimited'))).toBe(true);
  });

  it('keeps a reply outside any session through a Slack outage and sends it when Slack is back', async () => {
    const fake = new FakeSlack().install({ postMessage: false });
    const outage = nock('https://slack.com')
      .post('/api/chat.postMessage')
      .times(2)
      .reply(503, 'Service Unavailable')
      .post('/api/chat.postMessage')
      .reply(200, (_uri, body) => fake.recordPost(body));
    const app = await launch();
    expect((await sendEvent(app.url, dmEvent(USER, 'hello'))).status).toBe(200);
    await until(() => outage.isDone() && fake.posts.length === 1, 'the reply after the outage', 10_000);
    expect(fake.postsTo(DM).map(visibleText)).toEqual([
      expect.stringContaining('no practice session in progress'),
    ]);
    expect(app.logs.filter((l) => l.level === 'warn' && l.message.includes('not delivered'))).toHaveLength(2);
  });

  it('logs a channel that no longer exists, gives up on it, and keeps serving', async () => {
    const fake = new FakeSlack().install({ postMessage: false });
    const gone = nock('https://slack.com')
      .post('/api/chat.postMessage')
      .times(2)
      .reply(200, { ok: false, error: 'channel_not_found' });
    const app = await launch();
    await sendCommand(app.url, commandFields(seed.id, USER));
    await until(() => gone.isDone(), 'the failed deliveries');
    await app.slack.deliverer.idle();
    expect(
      app.logs.filter((l) => l.level === 'error' && l.message.includes('channel_not_found')),
    ).toHaveLength(2);
    expect(await app.store.pendingOutbox(10)).toEqual([]);

    nock('https://slack.com')
      .persist()
      .post('/api/chat.postMessage')
      .reply(200, (_uri, body) => fake.recordPost(body));
    await sendEvent(app.url, dmEvent(USER, seed.parts.situation.good));
    await until(() => /\*Task\*/.test(fake.allText(DM)), 'the next prompt');
  });

  it('stores a 40 000-character message whole and replies within Block Kit limits', async () => {
    const fake = new FakeSlack().install();
    const app = await launch();
    await startSession(app, fake);
    const long = `${'I traced every request by hand and wrote down what I saw. '.repeat(700)}`.slice(
      0,
      40_000,
    );
    expect(long.length).toBe(40_000);
    const before = fake.postsTo(DM).length;
    const res = await sendEvent(app.url, dmEvent(USER, long));
    expect(res.status).toBe(200);
    await until(() => fake.postsTo(DM).length > before, 'a reply');
    await app.slack.deliverer.idle();
    expect((await app.store.getActiveSession(KEY))?.state.parts.situation).toBe(long);
    for (const post of fake.postsTo(DM)) {
      expect(blockKitProblems(post.blocks, 50)).toEqual([]);
      expect(post.text.length).toBeLessThanOrEqual(3000);
    }
  });
});
