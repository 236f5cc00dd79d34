import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../helpers/fake-slack.ts';
import { sendCommand, sendEvent } from '../helpers/signed-request.ts';
import { bank, tempDbPath } from '../helpers/slack-app.ts';
import { dmEvent } from '../helpers/slack-payloads.ts';
import {
  activeSessionCount,
  type BotProcess,
  isProcessed,
  pendingOutbox,
  queuedTexts,
  sessionScript,
  startBot,
  TEAM,
} from './bot-process.ts';
import { StormSlackServer } from './storm-slack-server.ts';

// Slack's Web API in a storm: every 3rd call answers 429 (Retry-After: 1) or 503, alternately, while four people
// run whole sessions, each reading the app's reply before answering; halfway through, a short outage (every call
// fails). The app must not crash, and once Slack recovers every message must have reached its DM exactly once, in
// the order the app queued it.

const seed = bank.questions.find((q) => q.id === 'dive-deep/unexpected-root-cause')!;
const SCRIPT = sessionScript(seed);
const USERS = ['U7STORMA', 'U7STORMB', 'U7STORMC', 'U7STORMD'];
const FAIL_EVERY = 3;
const OUTAGE_MS = 3_000;

const bots: BotProcess[] = [];
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.kill();
});

function dm(user: string, index: number, text: string) {
  const ts = `${1_800_000_000 + index}.${user.slice(-1).charCodeAt(0)}`;
  return dmEvent(user, text, {
    eventId: `EvStorm${user}x${index}`,
    ts,
    clientMsgId: `storm-${user}-${index}`,
  });
}

/** A person starting a session: if Slack refused the DM lookup, they are told to try again, and they do. */
async function startSession(bot: BotProcess, slack: StormSlackServer, dbPath: string, user: string) {
  for (let attempt = 0; attempt < 5; attempt++) {
    const replyId = `${user}-${attempt}`;
    const res = await sendCommand(bot.url, {
      command: '/star-practice',
      text: seed.id,
      response_url: slack.responseUrl(replyId),
      trigger_id: 't',
      user_id: user,
      user_name: user.toLowerCase(),
      team_id: TEAM,
      team_domain: 'faults',
      channel_id: 'C0GENERAL',
      channel_name: 'general',
      api_app_id: 'A0APP',
    });
    expect(res.status).toBe(200);
    await until(() => slack.responsesTo(replyId).length > 0, `a reply to ${user}'s start`, 15_000);
    if (activeSessionCount(dbPath, user) === 1) return;
  }
  throw new Error(`${user} could not start a session through the storm`);
}

/** Answers part by part, waiting each time until the app's reply has reached the DM. */
async function answer(bot: BotProcess, dbPath: string, user: string, from: number, to: number) {
  await until(() => pendingOutbox(dbPath, `D${user}`) === 0, `${user}'s prompt`, 20_000);
  for (let index = from; index < to; index++) {
    expect((await sendEvent(bot.url, dm(user, index, SCRIPT[index]!))).status).toBe(200);
    await until(() => isProcessed(dbPath, `storm-${user}-${index}`), `${user}'s message ${index}`, 15_000);
    await until(
      () => pendingOutbox(dbPath, `D${user}`) === 0,
      `the reply to ${user}'s message ${index}`,
      20_000,
    );
  }
}

describe('Slack Web API storms', () => {
  it('loses nothing and posts nothing twice through 429s and 5xx, once Slack recovers', async () => {
    const slack = await new StormSlackServer().start();
    const db = tempDbPath();
    try {
      const bot = await startBot(db.path, slack.apiUrl);
      bots.push(bot);
      slack.storm(FAIL_EVERY);
      const half = 3;
      await Promise.all(
        USERS.map(async (user) => {
          await startSession(bot, slack, db.path, user);
          await answer(bot, db.path, user, 0, half);
        }),
      );
      // Outage: every call fails while each person sends one more part; the replies wait in the outbox.
      slack.storm(1);
      await Promise.all(
        USERS.map(async (user) => {
          expect((await sendEvent(bot.url, dm(user, half, SCRIPT[half]!))).status).toBe(200);
          await until(
            () => isProcessed(db.path, `storm-${user}-${half}`),
            `${user}'s message ${half}`,
            15_000,
          );
        }),
      );
      await new Promise((resolve) => setTimeout(resolve, OUTAGE_MS));
      expect(pendingOutbox(db.path)).toBeGreaterThanOrEqual(USERS.length);
      slack.storm(FAIL_EVERY);
      await Promise.all(USERS.map((user) => answer(bot, db.path, user, half + 1, SCRIPT.length)));
      slack.calm();
      await until(() => pendingOutbox(db.path) === 0, 'every queued message to be delivered', 30_000);

      console.log(
        `storm: ${slack.failures.rateLimited} x 429 and ${slack.failures.serverErrors} x 503 in ${slack.apiCalls} Web API calls`,
      );
      expect(bot.alive()).toBe(true);
      expect((await fetch(`${bot.base}/healthz`)).status).toBe(200);
      // The storm really happened, with both kinds of failure, while messages were being delivered.
      expect(slack.failures.rateLimited).toBeGreaterThan(10);
      expect(slack.failures.serverErrors).toBeGreaterThan(10);
      for (const user of USERS) {
        const channel = `D${user}`;
        const queued = queuedTexts(db.path, channel);
        expect(queued.length).toBeGreaterThan(SCRIPT.length);
        const posted = slack.postsTo(channel).map((p) => p.text);
        expect(posted).toEqual(queued);
      }
      expect(bot.output()).not.toMatch(/giving up/);
    } finally {
      await slack.stop();
      db.remove();
    }
  }, 90_000);

  it('posts nothing twice when Slack took a post but its answer was lost', async () => {
    const slack = await new StormSlackServer().start();
    const db = tempDbPath();
    try {
      const bot = await startBot(db.path, slack.apiUrl);
      bots.push(bot);
      const user = USERS[0]!;
      slack.loseAnswers(2);
      await startSession(bot, slack, db.path, user);
      await answer(bot, db.path, user, 0, SCRIPT.length);
      slack.calm();
      await until(() => pendingOutbox(db.path) === 0, 'every queued message to be delivered', 30_000);
      const channel = `D${user}`;
      const queued = queuedTexts(db.path, channel);
      expect(slack.lostAnswers).toBeGreaterThan(3);
      expect(slack.postsTo(channel).map((p) => p.text)).toEqual(queued);
      expect(bot.output()).toContain('already in Slack from an earlier attempt');
    } finally {
      await slack.stop();
      db.remove();
    }
  }, 90_000);
});
