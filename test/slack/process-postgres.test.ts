import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import pg from 'pg';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { type BotProcess, startBot } from '../faults/bot-process.ts';
import { until } from '../helpers/fake-slack.ts';
import { FakeSlackServer } from '../helpers/fake-slack-server.ts';
import { describeWithPostgres, type FreshDatabase, freshDatabase } from '../helpers/postgres.ts';
import { SIGNING_SECRET, sendCommand, sendEvent } from '../helpers/signed-request.ts';
import { bank, tempDbPath } from '../helpers/slack-app.ts';
import { commandFields, dmEvent } from '../helpers/slack-payloads.ts';

const seed = bank.questions.find((q) => q.id === 'dive-deep/unexpected-root-cause')!;
const USER = 'U3PGUSER';
const DM = `D${USER}`;

describeWithPostgres('npm start with DATABASE_URL', () => {
  let db: FreshDatabase;
  let slack: FakeSlackServer;
  const bots: BotProcess[] = [];
  // DATABASE_PATH points at a file that must stay unused: DATABASE_URL wins.
  const sqlite = tempDbPath();

  beforeEach(async () => {
    db = await freshDatabase();
    slack = await new FakeSlackServer().start();
  });

  afterEach(async () => {
    for (const bot of bots.splice(0)) await bot.kill();
    await slack.stop();
    await db.drop();
  });

  it('runs on PostgreSQL over HTTP: migrates at start, coaches, and says so on /healthz', async () => {
    const bot = await startBot(sqlite.path, slack.apiUrl, { env: { DATABASE_URL: db.url } });
    bots.push(bot);
    const health = await fetch(`${bot.base}/healthz`);
    expect([health.status, await health.json()]).toEqual([
      200,
      { status: 'ok', mode: 'http', database: 'open', databaseKind: 'postgres' },
    ]);
    const fields = {
      ...commandFields(seed.id, USER),
      response_url: `http://127.0.0.1:${slack.port}/respond/1`,
    };
    expect((await sendCommand(bot.url, fields)).status).toBe(200);
    await until(() => /\*Situation\*/.test(slack.postedText(DM)), 'the first prompt');
    await sendEvent(bot.url, dmEvent(USER, seed.parts.situation.good));
    await until(() => /\*Task\*/.test(slack.postedText(DM)), 'the task prompt');

    const client = new pg.Client({ connectionString: db.url });
    await client.connect();
    try {
      const sessions = await client.query('SELECT status, step FROM sessions WHERE user_id = $1', [USER]);
      expect(sessions.rows).toEqual([{ status: 'active', step: 'part:task' }]);
      const inbox = await client.query('SELECT count(*)::int AS n FROM inbox');
      expect(inbox.rows[0].n).toBe(0);
    } finally {
      await client.end();
    }
    expect(existsSync(sqlite.path)).toBe(false);
  }, 90_000);

  it('stops with a clear message (and no password) when the database cannot be reached', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      env: {
        PATH: process.env.PATH,
        SLACK_BOT_TOKEN: 'xoxb-unreachable-db',
        SLACK_SIGNING_SECRET: SIGNING_SECRET,
        SLACK_API_URL: slack.apiUrl,
        PORT: '0',
        DATABASE_URL: 'postgres://coach:pa55word@127.0.0.1:1/star',
      },
    });
    let output = '';
    child.stdout?.on('data', (d) => {
      output += String(d);
    });
    child.stderr?.on('data', (d) => {
      output += String(d);
    });
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(output).toContain(
      'Cannot reach the PostgreSQL database postgres://coach@127.0.0.1:1/star (DATABASE_URL)',
    );
    expect(output).not.toContain('pa55word');
  }, 60_000);
});
