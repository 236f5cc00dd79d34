import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../helpers/fake-slack.ts';
import { sendCommand, sendEvent } from '../helpers/signed-request.ts';
import { bank, tempDbPath } from '../helpers/slack-app.ts';
import {
  activeSessionCount,
  type BotProcess,
  isProcessed,
  pendingOutbox,
  queuedTexts,
  readDb,
  sessionScript,
  startBot,
  TEAM,
} from './bot-process.ts';
import { StormSlackServer } from './storm-slack-server.ts';

// kill -9 at random points of a scripted DM session, restart on the same database, let Slack redeliver, finish:
// every part, follow-up answer and grade must be recorded exactly once. The points come from a seeded PRNG;
// the seed is printed, and FAULT_SEED=<seed> replays a run.

const seed = bank.questions.find((q) => q.id === 'dive-deep/unexpected-root-cause')!;
const SCRIPT = sessionScript(seed);
const ITERATIONS = 3;
const KILLS_PER_ITERATION = 2;
/** How long after sending a message the kill lands: before the ack, mid-turn, or after the commit. */
const MAX_KILL_DELAY_MS = 80;

const SEED = Number(process.env.FAULT_SEED ?? Date.now() % 2 ** 31);

/** mulberry32: small, seedable, good enough to pick kill points. */
function prng(seedValue: number): () => number {
  let a = seedValue >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 2 ** 32;
  };
}

const bots: BotProcess[] = [];
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.kill();
});

async function launch(dbPath: string, slack: StormSlackServer): Promise<BotProcess> {
  const bot = await startBot(dbPath, slack.apiUrl);
  bots.push(bot);
  return bot;
}

function dm(user: string, iteration: number, index: number, text: string) {
  const ts = `${1_800_000_000 + iteration * 100 + index}.000100`;
  return {
    token: 'unused',
    team_id: TEAM,
    api_app_id: 'A0APP',
    type: 'event_callback',
    event_id: `EvKill${iteration}x${index}`,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
    event: {
      type: 'message',
      channel: `D${user}`,
      channel_type: 'im',
      user,
      text,
      ts,
      event_ts: ts,
      client_msg_id: `kill-${iteration}-${index}`,
    },
  };
}

/** Slack redelivers an event it may not have had an answer for: same event id and message, retry headers. */
const RETRY = { headers: { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' } };

interface Recorded {
  sessions: { id: string; status: string }[];
  answers: { part: string; text: string; source_message_id: string }[];
  followUps: { text: string; source_message_id: string }[];
  evaluations: number;
  processed: string[];
}

function recorded(dbPath: string, user: string): Recorded {
  return readDb(dbPath, (db) => {
    const sessions = db
      .prepare('SELECT id, status FROM sessions WHERE workspace_id = ? AND user_id = ?')
      .all(TEAM, user) as Recorded['sessions'];
    const ids = sessions.map((s) => s.id);
    const inSessions = `session_id IN (${ids.map(() => '?').join(',') || "''"})`;
    return {
      sessions,
      answers: db
        .prepare(`SELECT part, text, source_message_id FROM answers WHERE ${inSessions}`)
        .all(...ids) as Recorded['answers'],
      followUps: db
        .prepare(
          `SELECT text, source_message_id FROM follow_up_answers WHERE ${inSessions} ORDER BY created_at`,
        )
        .all(...ids) as Recorded['followUps'],
      evaluations: (
        db.prepare(`SELECT count(*) AS n FROM evaluations WHERE ${inSessions}`).get(...ids) as { n: number }
      ).n,
      processed: (
        db
          .prepare('SELECT message_id FROM processed_messages WHERE workspace_id = ? AND user_id = ?')
          .all(TEAM, user) as { message_id: string }[]
      ).map((r) => r.message_id),
    };
  });
}

describe('kill -9 during a DM session', () => {
  it(`records every part exactly once across ${ITERATIONS * KILLS_PER_ITERATION} kills and restarts`, async () => {
    console.log(`kill -9 fault test: seed ${SEED} (FAULT_SEED=${SEED} replays it)`);
    const random = prng(SEED);
    const slack = await new StormSlackServer().start();
    try {
      for (let iteration = 0; iteration < ITERATIONS; iteration++) {
        const db = tempDbPath();
        const user = `U9KILL${iteration}`;
        try {
          const killAt = new Map<number, number>();
          while (killAt.size < KILLS_PER_ITERATION) {
            killAt.set(Math.floor(random() * SCRIPT.length), Math.floor(random() * (MAX_KILL_DELAY_MS + 1)));
          }
          console.log(
            `  iteration ${iteration}: kill after messages ${JSON.stringify([...killAt])} (index, ms)`,
          );

          let bot = await launch(db.path, slack);
          const start = await sendCommand(bot.url, {
            command: '/star-practice',
            text: seed.id,
            response_url: slack.responseUrl(`kill-${iteration}`),
            trigger_id: 't',
            user_id: user,
            user_name: 'kill',
            team_id: TEAM,
            team_domain: 'faults',
            channel_id: `D${user}`,
            channel_name: 'directmessage',
            api_app_id: 'A0APP',
          });
          expect(start.status).toBe(200);
          await until(() => activeSessionCount(db.path, user) === 1, 'the session to start', 10_000);

          for (const [index, text] of SCRIPT.entries()) {
            const envelope = dm(user, iteration, index, text);
            const delay = killAt.get(index);
            if (delay === undefined) {
              expect((await sendEvent(bot.url, envelope)).status).toBe(200);
            } else {
              const sent = sendEvent(bot.url, envelope).catch(() => null);
              await new Promise((resolve) => setTimeout(resolve, delay));
              await bot.kill();
              await sent;
              bot = await launch(db.path, slack);
              // Slack redelivers the event that may not have been answered; the one before it arrives twice too.
              if (index > 0) {
                const previous = dm(user, iteration, index - 1, SCRIPT[index - 1]!);
                expect((await sendEvent(bot.url, previous, RETRY)).status).toBe(200);
              }
              expect((await sendEvent(bot.url, envelope, RETRY)).status).toBe(200);
            }
            await until(
              () => isProcessed(db.path, `kill-${iteration}-${index}`),
              `message ${index} to be applied`,
              10_000,
            );
          }
          await until(() => pendingOutbox(db.path) === 0, 'the outbox to drain', 15_000);

          const stored = recorded(db.path, user);
          expect(stored.sessions).toEqual([{ id: expect.any(String), status: 'completed' }]);
          const parts = ['situation', 'task', 'action', 'result', 'reflection'];
          expect(stored.answers.map((a) => a.part).sort()).toEqual([...parts].sort());
          for (const [i, part] of parts.entries()) {
            const answer = stored.answers.find((a) => a.part === part);
            expect(answer?.text).toBe(SCRIPT[i]);
            expect(answer?.source_message_id).toBe(`kill-${iteration}-${i}`);
          }
          expect(stored.followUps.map((f) => f.text)).toEqual(SCRIPT.slice(parts.length));
          expect(stored.evaluations).toBe(1);
          expect(stored.processed.sort()).toEqual(SCRIPT.map((_, i) => `kill-${iteration}-${i}`).sort());

          // Nothing the user should see was lost: every prompt and the summary reached the DM.
          const posted = slack.allText(`D${user}`);
          for (const label of ['Situation', 'Task', 'Action', 'Result', 'Reflection'])
            expect(posted).toContain(`*${label}*`);
          expect(posted).toContain('Session complete');
          expect(posted).not.toMatch(/something went wrong/i);
          // ...and nothing reached it twice, even a reply whose post was cut short by the kill.
          expect(slack.postsTo(`D${user}`).map((p) => p.text)).toEqual(queuedTexts(db.path, `D${user}`));
          await bot.kill();
        } finally {
          db.remove();
        }
      }
    } finally {
      await slack.stop();
    }
  }, 120_000);
});
