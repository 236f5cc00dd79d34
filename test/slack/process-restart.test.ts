import { type ChildProcess, spawn } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { until } from '../helpers/fake-slack.ts';
import { FakeSlackServer } from '../helpers/fake-slack-server.ts';
import { SIGNING_SECRET, sendCommand, sendEvent } from '../helpers/signed-request.ts';
import { bank, tempDbPath } from '../helpers/slack-app.ts';
import { commandFields, dmEvent } from '../helpers/slack-payloads.ts';

const seed = bank.questions.find((q) => q.id === 'dive-deep/unexpected-root-cause')!;
const USER = 'U3CARA';
const DM = `D${USER}`;

const children: ChildProcess[] = [];
afterEach(() => {
  for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
});

/** `npm start` as a real process, pointed at the fake Slack server; resolves with its events URL. */
async function startBot(dbPath: string, slack: FakeSlackServer) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
    env: {
      PATH: process.env.PATH,
      SLACK_BOT_TOKEN: 'xoxb-process-test-token',
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: slack.apiUrl,
      PORT: '0',
      // Test workers keep every core busy, where a SCHED_IDLE coaching thread would barely run.
      COACHING_PRIORITY: 'low',
      DATABASE_PATH: dbPath,
      LOG_LEVEL: 'info',
    },
  });
  children.push(child);
  let output = '';
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  await until(
    () => /listening on port \d+/.test(output) || child.exitCode !== null,
    'the bot to listen',
    15_000,
  );
  const port = /listening on port (\d+)/.exec(output)?.[1];
  if (!port) throw new Error(`the bot did not start:\n${output}`);
  return { child, url: `http://127.0.0.1:${port}/slack/events`, output: () => output };
}

describe('npm start', () => {
  it('survives kill -9 mid-session: the next message continues where it stopped', async () => {
    const slack = await new FakeSlackServer().start();
    const db = tempDbPath();
    try {
      const first = await startBot(db.path, slack);
      expect(slack.calls.some((c) => c.method === 'auth.test')).toBe(true);
      const fields = {
        ...commandFields(seed.id, USER),
        response_url: `http://127.0.0.1:${slack.port}/respond/1`,
      };
      expect((await sendCommand(first.url, fields)).status).toBe(200);
      await until(() => /\*Situation\*/.test(slack.postedText(DM)), 'the first prompt');
      await sendEvent(first.url, dmEvent(USER, seed.parts.situation.good));
      await until(() => /\*Task\*/.test(slack.postedText(DM)), 'the task prompt');
      first.child.kill('SIGKILL');
      await new Promise((resolve) => first.child.once('exit', resolve));

      const second = await startBot(db.path, slack);
      await sendEvent(second.url, dmEvent(USER, seed.parts.task.good));
      await until(
        () => /\*Action\*/.test(slack.postedText(DM)),
        'the action prompt after the restart',
        10_000,
      );
      expect(second.output()).not.toContain('xoxb-process-test-token');
      expect(second.output()).not.toContain(seed.parts.task.good.slice(0, 30));
    } finally {
      await slack.stop();
      db.remove();
    }
  });

  it('answers /healthz with its contract, and on SIGTERM finishes and exits 0', async () => {
    const slack = await new FakeSlackServer().start();
    const db = tempDbPath();
    try {
      const bot = await startBot(db.path, slack);
      const health = await fetch(bot.url.replace('/slack/events', '/healthz'));
      expect([health.status, await health.json()]).toEqual([
        200,
        { status: 'ok', mode: 'http', database: 'open', databaseKind: 'sqlite' },
      ]);
      expect(bot.output()).toContain('Coaching thread ready');
      const exited = new Promise<number | null>((resolve) => bot.child.once('exit', resolve));
      bot.child.kill('SIGTERM');
      expect(await exited).toBe(0);
      expect(bot.output()).toContain('SIGTERM received: stopping.');
    } finally {
      await slack.stop();
      db.remove();
    }
  });

  it('stops with one clear line when Slack cannot be reached', async () => {
    const slack = await new FakeSlackServer().start();
    const unreachable = `http://127.0.0.1:${slack.port}/api/`;
    await slack.stop();
    const db = tempDbPath();
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH,
        SLACK_BOT_TOKEN: 'xoxb-unreachable-token',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: unreachable,
        PORT: '0',
        DATABASE_PATH: db.path,
      },
    });
    children.push(child);
    let output = '';
    child.stdout?.on('data', (d) => {
      output += String(d);
    });
    child.stderr?.on('data', (d) => {
      output += String(d);
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    db.remove();
    expect(code).toBe(1);
    expect(output).toMatch(
      /Cannot reach Slack's Web API at http:\/\/127\.0\.0\.1:\d+\/api\/ \(fetch failed: ECONNREFUSED\)/,
    );
    expect(output).not.toMatch(/\n\s+at /);
    expect(output).not.toContain('xoxb-unreachable-token');
  });
});
