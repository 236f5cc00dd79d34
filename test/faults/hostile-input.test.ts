import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { blockKitProblems } from '../helpers/block-kit-limits.ts';
import { until } from '../helpers/fake-slack.ts';
import { signatureHeaders } from '../helpers/signed-request.ts';
import { bank, tempDbPath } from '../helpers/slack-app.ts';
import { dmEvent, envelope } from '../helpers/slack-payloads.ts';
import { activeSessionCount, type BotProcess, isProcessed, readDb, startBot, TEAM } from './bot-process.ts';
import { StormSlackServer } from './storm-slack-server.ts';

// Malformed and hostile requests over HTTP, against the app as a real process: Bolt answers each one sensibly,
// the process never goes down, and Slack markup typed by a user never comes back as a live mention or link.

const seed = bank.questions.find((q) => q.id === 'dive-deep/unexpected-root-cause')!;
const BODY_LIMIT = 4 * 1024 * 1024;
/** A ping or a link that survived: `<!…>`, `<@…>`, `<#…>` or `<http…>` unescaped. */
const LIVE_MARKUP = /<[!@#]|<https?:/;
const MARKUP =
  'We fixed it <!channel> <!here> <!everyone> <@U0EVIL> <#C0GENERAL|general> <!subteam^S0ADMINS> <https://evil.example|click here> &lt;ok&gt;';
const MARKUP_AS_TYPED =
  'We fixed it @channel @here @everyone @U0EVIL #general @subteam click here (https://evil.example) <ok>';
const UNICODE =
  'I led it \u202eevil\u202c 👩🏽‍💻🇬🇧 cafe\u0301 \ufeffBOM \u0000NUL \ud800lone \udfffsurrogates עברית 𝕏𝕐 \u200b\u200d zero-width';

let slack: StormSlackServer;
let bot: BotProcess;
let db: ReturnType<typeof tempDbPath>;

beforeAll(async () => {
  slack = await new StormSlackServer().start();
  db = tempDbPath();
  bot = await startBot(db.path, slack.apiUrl);
}, 30_000);

afterAll(async () => {
  await bot.kill();
  await slack.stop();
  db.remove();
});

interface RawOptions {
  sign?: boolean;
  secret?: string;
  timestamp?: number;
  timeoutMs?: number;
}

/** POSTs any body; resolves with the status, or with `no answer` / the connection error code. */
async function post(body: string, contentType: string, options: RawOptions = {}): Promise<number | string> {
  const headers = options.sign === false ? {} : signatureHeaders(body, options.secret, options.timestamp);
  try {
    const res = await fetch(bot.url, {
      method: 'POST',
      headers: { 'Content-Type': contentType, ...headers },
      body,
      signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
    });
    await res.arrayBuffer();
    return res.status;
  } catch (error) {
    if (error instanceof Error && error.name === 'TimeoutError') return 'no answer';
    const cause = error instanceof Error ? (error.cause as { code?: string } | undefined) : undefined;
    return cause?.code ?? String(error);
  }
}

const json = (body: unknown) => JSON.stringify(body);

const dm = (user: string, text: string) => dmEvent(user, text);

function command(user: string, text: string, replyId: string): string {
  return new URLSearchParams({
    command: '/star-practice',
    text,
    response_url: slack.responseUrl(replyId),
    trigger_id: 't',
    user_id: user,
    user_name: user.toLowerCase(),
    team_id: TEAM,
    team_domain: 'faults',
    channel_id: `D${user}`,
    channel_name: 'directmessage',
    api_app_id: 'A0APP',
  }).toString();
}

const FORM = 'application/x-www-form-urlencoded';
const JSON_TYPE = 'application/json';

/** Everything posted to a DM is within Block Kit limits and carries no live markup. */
function expectSafePosts(channel: string) {
  const posts = slack.postsTo(channel);
  expect(posts.length).toBeGreaterThan(0);
  for (const post of posts) {
    expect(blockKitProblems(post.blocks, 50)).toEqual([]);
    expect(post.text).not.toMatch(LIVE_MARKUP);
    expect(JSON.stringify(post.blocks)).not.toMatch(LIVE_MARKUP);
  }
}

async function expectServing() {
  expect(bot.alive()).toBe(true);
  expect((await fetch(`${bot.base}/healthz`)).status).toBe(200);
}

describe('hostile and malformed requests', () => {
  it('refuses what Slack did not sign with 401', async () => {
    const body = json(dm('U5NOSIG', 'hello'));
    expect(await post(body, JSON_TYPE, { secret: 'not-the-secret' })).toBe(401);
    expect(await post(body, JSON_TYPE, { timestamp: Math.floor(Date.now() / 1000) - 600 })).toBe(401);
    expect(await post(body, JSON_TYPE, { sign: false })).toBe(401);
    expect(await post(command('U5NOSIG', 'help', 'nosig'), FORM, { sign: false })).toBe(401);
    await expectServing();
    expect(slack.postsTo('DU5NOSIG')).toEqual([]);
    expect(slack.responsesTo('nosig')).toEqual([]);
  });

  it('answers broken bodies with 400', async () => {
    expect(await post('{"type":"event_callback",', JSON_TYPE)).toBe(400);
    expect(await post('', JSON_TYPE)).toBe(400);
    expect(await post('payload=%7Bbroken', FORM)).toBe(400);
    expect(await post('hello', 'text/plain')).toBe(400);
    // Bolt compares the form content type exactly; with a charset it reads the body as JSON.
    expect(await post(command('U5BROKEN', 'help', 'charset'), `${FORM}; charset=utf-8`)).toBe(400);
    await expectServing();
  });

  it('acknowledges well-formed events it has no use for, and does nothing with them', async () => {
    const events = [
      envelope({ type: 'reaction_added', user: 'U5IGNORE', reaction: 'tada', item: {} }),
      envelope({ type: 'message', channel: 'DU5IGNORE', channel_type: 'im' }),
      envelope({
        type: 'message',
        channel: 'DU5IGNORE',
        channel_type: 'im',
        user: 'U5IGNORE',
        ts: '1.1',
        text: 42,
      }),
      envelope({
        type: 'message',
        subtype: 'message_deleted',
        channel: 'DU5IGNORE',
        channel_type: 'im',
        ts: '1.2',
      }),
      envelope({
        type: 'message',
        channel: 'C0GENERAL',
        channel_type: 'channel',
        user: 'U5IGNORE',
        ts: '1.3',
        text: 'hi',
      }),
      envelope({
        type: 'message',
        channel: 'DU5IGNORE',
        channel_type: 'im',
        bot_id: 'B0OTHER',
        ts: '1.4',
        text: 'hi',
      }),
      envelope({ type: 'member_joined_channel', user: 'U5IGNORE', channel: 'C0GENERAL' }),
    ];
    for (const event of events) expect(await post(json(event), JSON_TYPE)).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(slack.postsTo('DU5IGNORE')).toEqual([]);
    expect(slack.postsTo('C0GENERAL')).toEqual([]);
    await expectServing();
  });

  it('acknowledges signed objects it cannot classify at once, refuses other JSON with 400, and keeps serving', async () => {
    const statuses = await Promise.all([
      post(json({ type: 'something_new', team_id: TEAM }), JSON_TYPE),
      post(json({ type: 'event_callback', team_id: TEAM, event_id: 'EvNoEvent' }), JSON_TYPE),
      post('42', JSON_TYPE),
      post('[1,2,3]', JSON_TYPE),
      post('text=help&user_id=U5ODD&team_id=T0TEAM', FORM),
      post(`payload=${encodeURIComponent(json({ type: 'block_actions', user: { id: 'U5ODD' } }))}`, FORM),
    ]);
    // Nothing for Slack to retry: the coaching thread finds no listener for them and drops them.
    expect(statuses).toEqual([200, 200, 400, 400, 200, 200]);
    await expectServing();
  });

  it('answers a signed JSON null with 400 (Bolt 5.1 alone would leave it unanswered)', async () => {
    expect(await post('null', JSON_TYPE, { timeoutMs: 1_500 })).toBe(400);
    await expectServing();
  });

  it('refuses bodies over 4 MiB with 413 and handles one just under', async () => {
    const over = json({ ...dm('U5BIG', 'hello'), padding: 'x'.repeat(BODY_LIMIT) });
    expect(await post(over, JSON_TYPE)).toBe(413);
    expect(await post('x'.repeat(BODY_LIMIT + 1), JSON_TYPE, { sign: false })).toBe(413);

    const small = dm('U5BIG', 'hello');
    const room = BODY_LIMIT - Buffer.byteLength(json({ ...small, padding: '' })) - 16;
    const under = json({ ...small, padding: 'x'.repeat(room) });
    expect(Buffer.byteLength(under)).toBeLessThanOrEqual(BODY_LIMIT);
    expect(await post(under, JSON_TYPE)).toBe(200);
    await until(() => slack.postsTo('DU5BIG').length > 0, 'the reply to the DM under the limit', 10_000);
    expect(slack.allText('DU5BIG')).toContain('no practice session in progress');

    const words = 'ownership '.repeat(Math.floor((BODY_LIMIT - 1_000) / 10));
    expect(await post(command('U5BIG', words, 'big-command'), FORM)).toBe(200);
    await until(() => slack.responsesTo('big-command').length > 0, 'the reply to a 4 MB command', 15_000);
    const reply = slack.responsesTo('big-command')[0]!;
    expect(reply.text).toMatch(/I don’t know/);
    expect(JSON.stringify(reply).length).toBeLessThan(5_000);
    await expectServing();
  }, 40_000);

  it('keeps Unicode edge cases and Slack markup in answers as text: stored as typed, coached, echoed escaped', async () => {
    const user = 'U5MARKUP';
    const channel = `D${user}`;
    expect(await post(command(user, seed.id, 'markup-start'), FORM)).toBe(200);
    await until(() => activeSessionCount(db.path, user) === 1, 'the session to start', 10_000);

    const situation = `${UNICODE} ${MARKUP} ${seed.parts.situation.good}`;
    const first = dm(user, situation);
    expect(await post(json(first), JSON_TYPE)).toBe(200);
    await until(() => isProcessed(db.path, first.event.client_msg_id), 'the situation to be applied', 10_000);
    await until(() => /\*Task\*/.test(slack.allText(channel)), 'the Task prompt', 10_000);

    const stored = readDb(db.path, (d) =>
      d
        .prepare("SELECT text FROM answers WHERE part = 'situation' AND source_message_id = ?")
        .get(first.event.client_msg_id),
    ) as { text: string } | undefined;
    // Stored as the person typed it: Slack's <…> tokens and escapes undone.
    expect(stored?.text).toContain(MARKUP_AS_TYPED);
    expect(stored?.text).toContain('👩🏽‍💻🇬🇧');

    // `back` echoes the Situation so far: the markup must come back escaped, pinging nobody.
    const back = dm(user, 'back');
    expect(await post(json(back), JSON_TYPE)).toBe(200);
    await until(() => /so far/.test(slack.allText(channel)), 'the echo of the Situation', 10_000);
    const echoed = slack.allText(channel);
    expect(echoed).toContain('@\u200bchannel @\u200bhere @\u200beveryone @U0EVIL #general');
    expect(echoed).toContain('click here (https://evil.example) &lt;ok&gt;');
    expect(echoed).not.toMatch(/@(channel|here|everyone)\b/);
    expectSafePosts(channel);

    // The same markup as a slash command: the "I don't know" reply quotes it escaped.
    expect(await post(command(user, MARKUP, 'markup-command'), FORM)).toBe(200);
    await until(() => slack.responsesTo('markup-command').length > 0, 'the reply to the command', 10_000);
    const reply = JSON.stringify(slack.responsesTo('markup-command')[0]);
    expect(reply).toContain('&lt;!channel&gt;');
    expect(reply).not.toMatch(LIVE_MARKUP);
    await expectServing();
  });

  it('still runs a normal session after everything above', async () => {
    const user = 'U5AFTER';
    expect(await post(command(user, seed.id, 'after'), FORM)).toBe(200);
    await until(() => activeSessionCount(db.path, user) === 1, 'the session to start', 10_000);
    expect(await post(json(dm(user, seed.parts.situation.good)), JSON_TYPE)).toBe(200);
    await until(() => /\*Task\*/.test(slack.allText(`D${user}`)), 'the Task prompt', 10_000);
    expect(bot.output()).not.toContain('xoxb-fault-test-token');
    await expectServing();
  });
});
