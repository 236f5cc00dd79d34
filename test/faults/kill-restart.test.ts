import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../helpers/fake-slack.ts';
import { sendCommand, sendEvent } from '../helpers/signed-request.ts';
import { bank, tempDbPath } from '../helpers/slack-app.ts';
import { dm, killAtRandomInstants, recorded, startCommand } from './answer-kills.ts';
import {
  activeSessionCount,
  type BotProcess,
  inboxSize,
  inInbox,
  isProcessed,
  pendingOutbox,
  queuedTexts,
  sessionScript,
  startBot,
} from './bot-process.ts';
import { FAULT_SEED, prng, sleep } from './fault-seed.ts';
import { StormSlackServer } from './storm-slack-server.ts';

// kill -9 the app in HTTP mode at random instants, including the moment Slack's request gets its 200, restart it
// on the same database and send nothing again: Slack never resends a request it got a 200 for. Every
// acknowledged answer must be applied exactly once; one that never got its 200 at most once. The kill points
// come from a seeded PRNG; the seed is printed, and FAULT_SEED=<seed> replays a run.

const seed = bank.questions.find((q) => q.id === 'dive-deep/unexpected-root-cause')!;
const SCRIPT = sessionScript(seed);

const bots: BotProcess[] = [];
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.kill();
});

async function launch(dbPath: string, slack: StormSlackServer): Promise<BotProcess> {
  const bot = await startBot(dbPath, slack.apiUrl);
  bots.push(bot);
  return bot;
}

describe('kill -9 in HTTP mode, nothing resent', () => {
  it('applies each acknowledged message of whole sessions exactly once, killed up to 80 ms after a 200', async () => {
    console.log(`kill -9 session test: seed ${FAULT_SEED} (FAULT_SEED=${FAULT_SEED} replays it)`);
    const random = prng(FAULT_SEED);
    const slack = await new StormSlackServer().start();
    let acknowledgedBeforeKill = 0;
    let unappliedAtKill = 0;
    try {
      for (let iteration = 0; iteration < 3; iteration++) {
        const db = tempDbPath();
        const user = `U9KILL${iteration}`;
        try {
          // Each kill lands 0 ms (at once), or up to 80 ms, after the 200: before the turn, mid-turn, mid-post.
          const killAt = new Map<number, number>();
          while (killAt.size < 2) {
            const delay = random() < 0.4 ? 0 : Math.floor(random() * 81);
            killAt.set(Math.floor(random() * SCRIPT.length), delay);
          }
          console.log(
            `  iteration ${iteration}: kill after messages ${JSON.stringify([...killAt])} (index, ms)`,
          );

          let bot = await launch(db.path, slack);
          expect((await sendCommand(bot.url, startCommand(slack, user))).status).toBe(200);
          await until(() => activeSessionCount(db.path, user) === 1, 'the session to start', 60_000);

          for (const [index, text] of SCRIPT.entries()) {
            const id = `kill-${iteration}-${index}`;
            const ts = `${1_800_000_000 + iteration * 100 + index}.000100`;
            expect((await sendEvent(bot.url, dm(user, id, ts, text))).status).toBe(200);
            const delay = killAt.get(index);
            if (delay !== undefined) {
              if (delay > 0) await sleep(delay);
              await bot.kill();
              acknowledgedBeforeKill++;
              if (inInbox(db.path, `event:Ev${id}`)) unappliedAtKill++;
              bot = await launch(db.path, slack);
            }
            await until(() => isProcessed(db.path, id), `message ${index} to be applied`, 90_000).catch(
              (error: unknown) => {
                throw new Error(`${String(error)}\n${bot.output()}`);
              },
            );
          }
          await until(() => pendingOutbox(db.path) === 0, 'the outbox to drain', 60_000);
          expect(inboxSize(db.path)).toBe(0);

          const stored = recorded(db.path, user);
          expect(stored.sessions).toEqual([
            { id: expect.any(String), status: 'completed', step: expect.any(String) },
          ]);
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

          // Nothing the user should see was lost, and nothing reached the DM twice.
          const posted = slack.allText(`D${user}`);
          for (const label of ['Situation', 'Task', 'Action', 'Result', 'Reflection'])
            expect(posted).toContain(`*${label}*`);
          expect(posted).toContain('Session complete');
          expect(posted).not.toMatch(/something went wrong/i);
          expect(slack.postsTo(`D${user}`).map((p) => p.text)).toEqual(queuedTexts(db.path, `D${user}`));
          await bot.kill();
        } finally {
          db.remove();
        }
      }
    } finally {
      await slack.stop();
    }
    console.log(
      `  ${acknowledgedBeforeKill} kills right after a 200; ${unappliedAtKill} of those answers were still unapplied`,
    );
    // The test reaches the window it is about: acknowledged, not yet applied, then killed.
    expect(unappliedAtKill).toBeGreaterThan(0);
  }, 900_000);

  it('applies every acknowledged answer exactly once and none twice, killed at random instants', async () => {
    const slack = await new StormSlackServer().start();
    try {
      await killAtRandomInstants({
        slack,
        users: 48,
        launch: (dbPath) => launch(dbPath, slack),
        send: async (bot, request) => {
          const res = await (request.kind === 'command'
            ? sendCommand(bot.url, request.fields)
            : sendEvent(bot.url, request.envelope)
          ).catch(() => null);
          return res?.status === 200;
        },
      });
    } finally {
      await slack.stop();
    }
  }, 900_000);
});
