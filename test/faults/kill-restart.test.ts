import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../helpers/fake-slack.ts';
import { sendCommand, sendEvent } from '../helpers/signed-request.ts';
import { bank, tempDbPath } from '../helpers/slack-app.ts';
import {
  activeSessionCount,
  type BotProcess,
  inboxSize,
  inInbox,
  isProcessed,
  pendingOutbox,
  queuedTexts,
  readDb,
  sessionScript,
  startBot,
  TEAM,
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

function dm(user: string, id: string, ts: string, text: string) {
  return {
    token: 'unused',
    team_id: TEAM,
    api_app_id: 'A0APP',
    type: 'event_callback',
    event_id: `Ev${id}`,
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
      client_msg_id: id,
    },
  };
}

function startCommand(slack: StormSlackServer, user: string) {
  return {
    command: '/star-practice',
    text: seed.id,
    response_url: slack.responseUrl(`start-${user}`),
    trigger_id: `trigger-${user}`,
    user_id: user,
    user_name: user.toLowerCase(),
    team_id: TEAM,
    team_domain: 'faults',
    channel_id: `D${user}`,
    channel_name: 'directmessage',
    api_app_id: 'A0APP',
  };
}

interface Recorded {
  sessions: { id: string; status: string; step: string }[];
  answers: { part: string; text: string; source_message_id: string }[];
  followUps: { text: string; source_message_id: string }[];
  evaluations: number;
  processed: string[];
}

function recorded(dbPath: string, user: string): Recorded {
  return readDb(dbPath, (db) => {
    const sessions = db
      .prepare('SELECT id, status, step FROM sessions WHERE workspace_id = ? AND user_id = ?')
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
          while (killAt.size < 3) {
            const delay = random() < 0.4 ? 0 : Math.floor(random() * 81);
            killAt.set(Math.floor(random() * SCRIPT.length), delay);
          }
          console.log(
            `  iteration ${iteration}: kill after messages ${JSON.stringify([...killAt])} (index, ms)`,
          );

          let bot = await launch(db.path, slack);
          expect((await sendCommand(bot.url, startCommand(slack, user))).status).toBe(200);
          await until(() => activeSessionCount(db.path, user) === 1, 'the session to start', 10_000);

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
            await until(() => isProcessed(db.path, id), `message ${index} to be applied`, 15_000);
          }
          await until(() => pendingOutbox(db.path) === 0, 'the outbox to drain', 15_000);
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
  }, 240_000);

  it('applies every acknowledged answer exactly once and none twice, killed at random instants', async () => {
    console.log(`kill -9 random-instant test: seed ${FAULT_SEED} (FAULT_SEED=${FAULT_SEED} replays it)`);
    const random = prng(FAULT_SEED ^ 0x5bd1e995);
    const slack = await new StormSlackServer().start();
    const db = tempDbPath();
    const users = Array.from({ length: 30 }, (_, i) => `U9R${String(i).padStart(2, '0')}`);
    const answer = (user: string) => `${seed.parts.situation.good} (${user})`;
    const acknowledged = new Set<string>();
    let unappliedAtKill = 0;
    try {
      let bot = await launch(db.path, slack);
      for (const user of users)
        expect((await sendCommand(bot.url, startCommand(slack, user))).status).toBe(200);
      await until(
        () => users.every((user) => activeSessionCount(db.path, user) === 1),
        'every session to start',
        30_000,
      );

      for (let next = 0, batch = 0; next < users.length; batch++) {
        const group = users.slice(next, next + 3 + Math.floor(random() * 4));
        next += group.length;
        const roll = random();
        const mode =
          roll < 0.6 ? 'after every 200' : roll < 0.8 ? 'after the first 200' : 'at a random instant';
        const delay = Math.floor(random() * 41);
        let firstOk: () => void = () => undefined;
        const anyOk = new Promise<void>((resolve) => {
          firstOk = resolve;
        });
        const sends = group.map((user, i) =>
          sendEvent(
            bot.url,
            dm(user, `r-${user}`, `${1_800_001_000 + batch}.${String(i).padStart(6, '0')}`, answer(user)),
          )
            .then((res) => {
              if (res.status === 200) {
                acknowledged.add(user);
                firstOk();
              }
            })
            .catch(() => undefined),
        );
        if (mode === 'after every 200') await Promise.all(sends);
        else if (mode === 'after the first 200') await Promise.race([anyOk, Promise.all(sends)]);
        else await sleep(delay);
        await bot.kill();
        await Promise.all(sends);
        const unapplied = group.filter(
          (user) => acknowledged.has(user) && inInbox(db.path, `event:Evr-${user}`),
        );
        unappliedAtKill += unapplied.length;
        console.log(
          `  batch ${batch}: ${group.length} answers, kill ${mode}${mode === 'at a random instant' ? ` (${delay} ms)` : ''}; ${group.filter((u) => acknowledged.has(u)).length} acknowledged, ${unapplied.length} of them unapplied at the kill`,
        );
        bot = await launch(db.path, slack);
        // Sometimes the restart is killed too, while it applies what the last run left in the inbox.
        if (random() < 0.25) {
          await sleep(Math.floor(random() * 200));
          await bot.kill();
          bot = await launch(db.path, slack);
        }
      }
      await until(() => inboxSize(db.path) === 0, 'the inbox to be applied', 30_000);
      await until(() => pendingOutbox(db.path) === 0, 'the outbox to drain', 30_000);

      let appliedUnacknowledged = 0;
      for (const user of users) {
        const stored = recorded(db.path, user);
        const applied = stored.processed.includes(`r-${user}`);
        if (acknowledged.has(user)) expect(applied, `acknowledged answer of ${user}`).toBe(true);
        else if (applied) appliedUnacknowledged++;
        // Applied once moves the session to the Task; twice would have filled the Task with it too.
        expect(stored.sessions).toEqual([
          { id: expect.any(String), status: 'active', step: applied ? 'part:task' : 'part:situation' },
        ]);
        expect(stored.answers).toEqual(
          applied ? [{ part: 'situation', text: answer(user), source_message_id: `r-${user}` }] : [],
        );
        const queued = queuedTexts(db.path, `D${user}`);
        expect(new Set(queued).size).toBe(queued.length);
        expect(slack.postsTo(`D${user}`).map((p) => p.text)).toEqual(queued);
      }
      console.log(
        `  ${acknowledged.size} of ${users.length} answers acknowledged (${unappliedAtKill} still unapplied when killed), all applied once; ${appliedUnacknowledged} unacknowledged ones applied once`,
      );
      expect(acknowledged.size).toBeGreaterThanOrEqual(20);
      expect(unappliedAtKill).toBeGreaterThan(0);
    } finally {
      await slack.stop();
      db.remove();
    }
  }, 300_000);
});
