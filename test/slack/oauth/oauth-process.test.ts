import Database from 'better-sqlite3';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { manifestBotScopes } from '../../../src/slack/oauth/install-routes.ts';
import { type BotProcess, inboxSize, readDb, startBot } from '../../faults/bot-process.ts';
import {
  CLIENT_ID,
  CLIENT_SECRET,
  databaseBytes,
  FakeOAuthSlack,
  type Grant,
  installThroughBrowser,
  STATE_SECRET,
  TOKEN_KEY,
} from '../../helpers/fake-oauth.ts';
import { dmOf, until } from '../../helpers/fake-slack.ts';
import { describeWithPostgres, freshDatabase } from '../../helpers/postgres.ts';
import { sendCommand, sendEvent } from '../../helpers/signed-request.ts';
import { bank, tempDbPath } from '../../helpers/slack-app.ts';
import { commandFields, dmEvent } from '../../helpers/slack-payloads.ts';

/**
 * OAuth mode end to end: `npm start` as a real process with SLACK_CLIENT_ID, installed into workspaces through its
 * real install routes, receiving signed HTTP requests on its real front, against a local fake of Slack's Web API.
 */
const seed = bank.questions.find((q) => q.id === 'dive-deep/unexpected-root-cause')!;

const GRANTS: Record<string, Grant> = {
  'code-a': { teamId: 'TAAA', botToken: 'xoxb-TAAA-bot-0a1b2c' },
  'code-b': { teamId: 'TBBB', botToken: 'xoxb-TBBB-bot-3d4e5f' },
  'code-org': { teamId: null, enterpriseId: 'E1ORG', botToken: 'xoxb-E1ORG-bot-6a7b8c' },
  'code-r': {
    teamId: 'TRRR',
    botToken: 'xoxb-TRRR-bot-9d0e1f',
    rotation: { refreshToken: 'xoxe-1-TRRR-first', expiresInS: 43_200 },
  },
};

const oauthEnv = (extra: Record<string, string> = {}) => ({
  SLACK_BOT_TOKEN: undefined,
  SLACK_BOT_ID: undefined,
  SLACK_BOT_USER_ID: undefined,
  SLACK_CLIENT_ID: CLIENT_ID,
  SLACK_CLIENT_SECRET: CLIENT_SECRET,
  SLACK_STATE_SECRET: STATE_SECRET,
  SLACK_TOKEN_ENCRYPTION_KEY: TOKEN_KEY,
  ...extra,
});

/** A payload as it comes from one workspace (an org-wide install names the organisation in `authorizations`). */
function fromTeam<T extends Record<string, unknown>>(payload: T, teamId: string, enterpriseId?: string): T {
  const authorizations = [
    enterpriseId
      ? {
          enterprise_id: enterpriseId,
          team_id: null,
          user_id: `UBOT${enterpriseId}`,
          is_enterprise_install: true,
        }
      : { team_id: teamId, user_id: `UBOT${teamId}`, is_bot: true, is_enterprise_install: false },
  ];
  return {
    ...payload,
    team_id: teamId,
    ...(enterpriseId ? { enterprise_id: enterpriseId } : {}),
    ...('authorizations' in payload ? { authorizations } : {}),
  };
}

let slack: FakeOAuthSlack | null = null;
const bots: BotProcess[] = [];
const dbs: ReturnType<typeof tempDbPath>[] = [];

afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.kill();
  await slack?.stop();
  slack = null;
  for (const db of dbs.splice(0)) db.remove();
});

async function start(env: Record<string, string> = {}) {
  slack = await new FakeOAuthSlack(GRANTS).start();
  const db = tempDbPath();
  dbs.push(db);
  const bot = await startBot(db.path, slack.server.apiUrl, { env: oauthEnv(env) });
  bots.push(bot);
  return { slack, db, bot };
}

function command(
  bot: BotProcess,
  fake: FakeOAuthSlack,
  text: string,
  user: string,
  teamId: string,
  org?: string,
) {
  const fields = { ...commandFields(text, user), response_url: `${fake.server.apiUrl}respond/${user}` };
  return sendCommand(bot.url, fromTeam(fields, teamId, org));
}

const postsTo = (fake: FakeOAuthSlack, channel: string) =>
  fake.calls.filter((c) => c.method === 'chat.postMessage' && c.form.channel === channel).length;

const callsFor = (fake: FakeOAuthSlack, channel: string) =>
  fake.calls.filter((c) => c.form.channel === channel || c.form.users === channel.slice(1));

describe('OAuth mode (npm start with SLACK_CLIENT_ID)', () => {
  it('installs two workspaces through the real routes; each call carries its own token; one leaves, the other goes on', async () => {
    const { slack: fake, db, bot } = await start();
    const a = await installThroughBrowser(bot.base, 'code-a');
    expect(a.status).toBe(200);
    expect(a.html).toContain('/star-practice');
    expect(a.html).toContain('Home');
    expect(a.authorizeUrl.origin + a.authorizeUrl.pathname).toBe('https://slack.com/oauth/v2/authorize');
    expect(a.authorizeUrl.searchParams.get('scope')?.split(',')).toEqual(manifestBotScopes());
    expect(a.authorizeUrl.searchParams.get('client_id')).toBe(CLIENT_ID);
    expect((await installThroughBrowser(bot.base, 'code-b')).status).toBe(200);
    const bytes = databaseBytes(db.path);
    expect(bytes).toContain('TAAA');
    for (const grant of [GRANTS['code-a']!, GRANTS['code-b']!]) expect(bytes).not.toContain(grant.botToken);

    // A DM session in each workspace.
    for (const [user, team] of [
      ['UALICE', 'TAAA'],
      ['UBOB', 'TBBB'],
    ] as const) {
      expect((await command(bot, fake, seed.id, user, team)).status).toBe(200);
      await until(
        () => fake.server.postedText(dmOf(user)).includes(seed.question),
        `the question for ${user}`,
      );
      const posted = postsTo(fake, dmOf(user));
      expect(
        (await sendEvent(bot.url, fromTeam(dmEvent(user, seed.parts.situation.good), team))).status,
      ).toBe(200);
      await until(() => postsTo(fake, dmOf(user)) > posted, `the reply to ${user}`, 30_000).catch(
        (error: unknown) => {
          throw new Error(`${String(error)}\n${bot.output()}`);
        },
      );
    }
    const tokensOf = (channel: string) => new Set(callsFor(fake, channel).map((c) => c.token));
    expect(tokensOf(dmOf('UALICE'))).toEqual(new Set([GRANTS['code-a']!.botToken]));
    expect(tokensOf(dmOf('UBOB'))).toEqual(new Set([GRANTS['code-b']!.botToken]));

    // Workspace A uninstalls: its installation and data go; B is untouched and carries on.
    const uninstall = { ...dmEvent('UALICE', 'unused'), event: { type: 'app_uninstalled' } };
    expect((await sendEvent(bot.url, fromTeam(uninstall, 'TAAA'))).status).toBe(200);
    const rows = (team: string) =>
      readDb(db.path, (d) => ({
        installs: (
          d.prepare('SELECT count(*) AS n FROM installations WHERE team_id = ?').get(team) as { n: number }
        ).n,
        sessions: (
          d.prepare('SELECT count(*) AS n FROM sessions WHERE workspace_id = ?').get(team) as { n: number }
        ).n,
      }));
    await until(() => rows('TAAA').installs === 0 && rows('TAAA').sessions === 0, 'workspace A to be gone');
    expect(rows('TBBB')).toEqual({ installs: 1, sessions: 1 });
    // Slack sends tokens_revoked too, in either order: nothing left to do, nothing breaks.
    const revoked = {
      ...dmEvent('UALICE', 'unused'),
      event: { type: 'tokens_revoked', tokens: { bot: ['UBOTTAAA'] } },
    };
    expect((await sendEvent(bot.url, fromTeam(revoked, 'TAAA'))).status).toBe(200);

    const aCalls = callsFor(fake, dmOf('UALICE')).length;
    await sendEvent(bot.url, fromTeam(dmEvent('UALICE', seed.parts.task.good), 'TAAA'));
    const bobPosts = postsTo(fake, dmOf('UBOB'));
    await sendEvent(bot.url, fromTeam(dmEvent('UBOB', seed.parts.task.good), 'TBBB'));
    await until(() => postsTo(fake, dmOf('UBOB')) > bobPosts, 'B to go on', 30_000);
    // A's message after it left was received and dropped: nothing was sent for it, with any token.
    await until(() => inboxSize(db.path) === 0, 'the inbox to be applied');
    expect(tokensOf(dmOf('UBOB'))).toEqual(new Set([GRANTS['code-b']!.botToken]));
    expect(callsFor(fake, dmOf('UALICE')).length).toBe(aCalls);
    expect(
      readDb(db.path, (d) =>
        d
          .prepare(
            "SELECT count(*) AS n FROM answers a JOIN sessions s ON s.id = a.session_id WHERE s.workspace_id = 'TBBB'",
          )
          .get(),
      ),
    ).toEqual({ n: 2 });
  }, 180_000);

  it('checks the state: present but invalid gets 400 and no exchange; stateless only for org-wide installs', async () => {
    const { slack: fake, db, bot } = await start({ SLACK_ALLOW_STATELESS_INSTALL: 'true' });
    const exchanges = () => fake.calls.filter((c) => c.method === 'oauth.v2.access').length;

    const forged = await installThroughBrowser(bot.base, 'code-a', { state: 'forged.state.value' });
    expect(forged.status).toBe(400);
    expect(forged.html).toContain('not valid');
    expect(exchanges()).toBe(0);

    const cancelled = await installThroughBrowser(bot.base, 'code-a', { extra: '&error=access_denied' });
    expect(cancelled.html).toContain('cancelled');
    expect(exchanges()).toBe(0);

    const badCode = await installThroughBrowser(bot.base, 'code-unknown');
    expect(badCode.status).toBe(502);
    expect(badCode.html).toContain('invalid_code');
    expect(badCode.html).not.toMatch(/at .*\.(ts|js):\d+/);

    // No state: a workspace install is refused (exchanged, but never stored); an org-wide one is accepted.
    const workspace = await installThroughBrowser(bot.base, 'code-a', { state: null });
    expect(workspace.status).toBe(400);
    expect(workspace.html).toContain('organisation-wide');
    const org = await installThroughBrowser(bot.base, 'code-org', { state: null });
    expect(org.status).toBe(200);
    const installs = readDb(db.path, (d) =>
      d.prepare('SELECT install_key FROM installations ORDER BY install_key').all(),
    );
    expect(installs).toEqual([{ install_key: 'E:E1ORG' }]);

    // A workspace of the organisation is served with the organisation's token; people's data stays by workspace.
    expect((await command(bot, fake, seed.id, 'UCARA', 'TORGWS', 'E1ORG')).status).toBe(200);
    await until(
      () => fake.server.postedText(dmOf('UCARA')).includes(seed.question),
      'the question in the org',
    );
    expect(new Set(callsFor(fake, dmOf('UCARA')).map((c) => c.token))).toEqual(
      new Set([GRANTS['code-org']!.botToken]),
    );
    expect(readDb(db.path, (d) => d.prepare('SELECT workspace_id FROM sessions').all())).toEqual([
      { workspace_id: 'TORGWS' },
    ]);

    // A second workspace of the organisation practises; then the organisation removes the org-wide install:
    // the event names one workspace, and the data of both goes.
    expect((await command(bot, fake, seed.id, 'UDAN', 'TORGW2', 'E1ORG')).status).toBe(200);
    await until(() => fake.server.postedText(dmOf('UDAN')).includes(seed.question), 'the question in TORGW2');
    const sessionsIn = () =>
      readDb(db.path, (d) => d.prepare('SELECT workspace_id FROM sessions ORDER BY workspace_id').all());
    expect(sessionsIn()).toEqual([{ workspace_id: 'TORGW2' }, { workspace_id: 'TORGWS' }]);
    const uninstall = { ...dmEvent('UCARA', 'unused'), event: { type: 'app_uninstalled' } };
    expect((await sendEvent(bot.url, fromTeam(uninstall, 'TORGWS', 'E1ORG'))).status).toBe(200);
    await until(() => sessionsIn().length === 0, "the organisation's workspaces to be forgotten").catch(
      (error: unknown) => {
        throw new Error(`${String(error)}\n${bot.output()}`);
      },
    );
    expect(readDb(db.path, (d) => d.prepare('SELECT count(*) AS n FROM installations').get())).toEqual({
      n: 0,
    });
  }, 180_000);

  it('rotates an expiring token once while a daily prompt and a DM reply are due at the same moment', async () => {
    const { slack: fake, db, bot } = await start();
    // Without SLACK_ALLOW_STATELESS_INSTALL, a missing state is refused before any exchange.
    const stateless = await installThroughBrowser(bot.base, 'code-r', { state: null });
    expect(stateless.status).toBe(400);
    expect(fake.calls.filter((c) => c.method === 'oauth.v2.access')).toHaveLength(0);

    expect((await installThroughBrowser(bot.base, 'code-r')).status).toBe(200);
    expect((await command(bot, fake, seed.id, 'URUTH', 'TRRR')).status).toBe(200);
    await until(() => fake.server.postedText(dmOf('URUTH')).includes(seed.question), 'the question');
    await bot.kill();
    expect(fake.refreshes).toEqual([]);

    // While it is down: the token is about to expire, a daily prompt falls due and Ruth's answer waits in the inbox.
    const now = Date.now();
    const raw = new Database(db.path);
    raw
      .prepare("UPDATE installations SET bot_expires_at = ? WHERE install_key = 'T:TRRR'")
      .run(Math.floor(now / 1000) + 60);
    raw.close();
    const { openSqliteStore } = await import('../../../src/store/sqlite.ts');
    const { recordRequest } = await import('../../../src/slack/front/inbound.ts');
    const store = await openSqliteStore({ path: db.path });
    const minutes = new Date(now).getUTCHours() * 60 + new Date(now).getUTCMinutes();
    await store.daily.saveSchedule(
      {
        workspaceId: 'TRRR',
        channelId: 'CTEAM',
        minutes,
        timeZone: 'UTC',
        days: 'everyday',
        firstDate: new Date(now).toISOString().slice(0, 10),
        createdBy: 'URUTH',
        createdAt: now,
        pausedReason: null,
        pack: null,
      },
      now,
    );
    await recordRequest(store, { body: fromTeam(dmEvent('URUTH', seed.parts.situation.good), 'TRRR') }, now);
    await store.close();
    const before = fake.calls.length;
    const ruthPosts = postsTo(fake, dmOf('URUTH'));

    const again = await startBot(db.path, fake.server.apiUrl, { env: oauthEnv() });
    bots.push(again);
    await until(
      () =>
        fake.calls.slice(before).some((c) => c.method === 'chat.postMessage' && c.form.channel === 'CTEAM'),
      'the daily prompt',
      30_000,
    );
    await until(() => postsTo(fake, dmOf('URUTH')) > ruthPosts, 'the reply', 30_000).catch(
      (error: unknown) => {
        throw new Error(`${String(error)}\n${again.output()}`);
      },
    );
    expect(fake.refreshes).toEqual(['xoxe-1-TRRR-first']);
    const after = fake.calls.slice(before).filter((c) => c.method === 'chat.postMessage');
    expect(after.length).toBeGreaterThanOrEqual(2);
    expect(new Set(after.map((c) => c.token))).toEqual(new Set(['xoxb-TRRR-rotated-1']));
    expect(databaseBytes(db.path)).not.toContain('xoxe-1-TRRR-rotated-1');
  }, 180_000);
});

describeWithPostgres('OAuth mode on PostgreSQL (DATABASE_URL)', () => {
  it('installs two workspaces, each call with its own token, tokens encrypted in the rows; uninstall removes one', async () => {
    const database = await freshDatabase();
    try {
      const { slack: fake, bot } = await start({ DATABASE_URL: database.url });
      for (const code of ['code-a', 'code-b'])
        expect((await installThroughBrowser(bot.base, code)).status).toBe(200);
      const peek = new pg.Client({ connectionString: database.url });
      await peek.connect();
      try {
        const stored = JSON.stringify((await peek.query('SELECT * FROM installations')).rows);
        expect(stored).toContain('TAAA');
        expect(stored).not.toMatch(/xox[bpe]-/);
        for (const [user, team, code] of [
          ['UALICE', 'TAAA', 'code-a'],
          ['UBOB', 'TBBB', 'code-b'],
        ] as const) {
          expect((await command(bot, fake, seed.id, user, team)).status).toBe(200);
          await until(
            () => fake.server.postedText(dmOf(user)).includes(seed.question),
            `the question for ${user}`,
          );
          expect(new Set(callsFor(fake, dmOf(user)).map((c) => c.token))).toEqual(
            new Set([GRANTS[code]!.botToken]),
          );
        }
        const uninstall = { ...dmEvent('UALICE', 'unused'), event: { type: 'app_uninstalled' } };
        expect((await sendEvent(bot.url, fromTeam(uninstall, 'TAAA'))).status).toBe(200);
        const count = async (sql: string) => Number((await peek.query(sql)).rows[0].n);
        const deadline = Date.now() + 30_000;
        const left = async () =>
          (await count("SELECT count(*) AS n FROM installations WHERE team_id = 'TAAA'")) +
          (await count("SELECT count(*) AS n FROM sessions WHERE workspace_id = 'TAAA'"));
        // The installation goes first, then the data.
        while ((await left()) > 0) {
          if (Date.now() > deadline)
            throw new Error(`the installation of TAAA is still there\n${bot.output()}`);
          await new Promise((resolve) => setTimeout(resolve, 100));
        }
        expect(await count("SELECT count(*) AS n FROM sessions WHERE workspace_id = 'TBBB'")).toBe(1);
        expect(await count("SELECT count(*) AS n FROM installations WHERE team_id = 'TBBB'")).toBe(1);
      } finally {
        await peek.end();
      }
    } finally {
      for (const bot of bots.splice(0)) await bot.kill();
      await database.drop();
    }
  }, 180_000);
});
