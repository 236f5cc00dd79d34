import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  InstallationTokens,
  NotInstalledError,
  type RefreshGrant,
  TokenRefreshError,
} from '../../../src/slack/oauth/installation-tokens.ts';
import type { InstallationRecord } from '../../../src/store/installation-types.ts';
import { openSqliteStore, type SqliteStore } from '../../../src/store/sqlite.ts';
import { tempDir } from '../../store/fixtures.ts';

const KEY = randomBytes(32);
const QUERY = { teamId: 'TRRR', enterpriseId: null, isEnterpriseInstall: false };
const quiet = { info() {}, warn() {}, debug() {} };

function installation(expiresAt: number): InstallationRecord {
  return {
    teamId: 'TRRR',
    enterpriseId: null,
    isEnterpriseInstall: false,
    bot: { token: 'xoxb-old', refreshToken: 'xoxe-old', expiresAt, id: 'B1', userId: 'U1', scopes: [] },
    user: null,
    appId: null,
    enterpriseUrl: null,
    installedAt: 0,
  };
}

/** Slack's refresh grant: each refresh token works once; a slow answer lets concurrent callers pile up. */
function slackRefresh() {
  const asked: string[] = [];
  let live = 'xoxe-old';
  const refresh = async (token: string): Promise<RefreshGrant> => {
    asked.push(token);
    await new Promise((resolve) => setTimeout(resolve, 50));
    if (token !== live) throw new Error('invalid_refresh_token');
    live = `xoxe-${asked.length}`;
    return { accessToken: `xoxb-${asked.length}`, refreshToken: live, expiresInS: 43_200 };
  };
  return { asked, refresh };
}

let dir: ReturnType<typeof tempDir>;
let stores: SqliteStore[];

beforeEach(async () => {
  dir = tempDir('tokens');
  stores = [];
});

afterEach(async () => {
  for (const store of stores) await store.close();
  dir.remove();
});

async function instances(count: number, refresh: (token: string) => Promise<RefreshGrant>) {
  const path = join(dir.dir, 'coach.db');
  const result: InstallationTokens[] = [];
  for (let i = 0; i < count; i++) {
    const store = await openSqliteStore({ path, tokenKey: KEY });
    stores.push(store);
    result.push(
      new InstallationTokens({
        store: store.installations,
        refresh,
        clock: Date.now,
        sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
        holder: `instance-${i}`,
        logger: quiet,
        pollMs: 10,
      }),
    );
  }
  return result;
}

describe('InstallationTokens', () => {
  it('leaves a token that is far from expiry alone', async () => {
    const slack = slackRefresh();
    const [one] = await instances(1, slack.refresh);
    await stores[0]!.installations.saveInstallation(installation(Math.floor(Date.now() / 1000) + 3600), 0);
    expect((await one!.installation(QUERY)).bot.token).toBe('xoxb-old');
    expect(slack.asked).toEqual([]);
    await expect(one!.installation({ ...QUERY, teamId: 'TNONE' })).rejects.toThrow(NotInstalledError);
  });

  it('an expired token: many callers on three connections (instances), one refresh, all get the new token', async () => {
    const slack = slackRefresh();
    const all = await instances(3, slack.refresh);
    await stores[0]!.installations.saveInstallation(installation(Math.floor(Date.now() / 1000) - 5), 0);
    const got = await Promise.all(all.flatMap((tokens) => [1, 2, 3].map(() => tokens.installation(QUERY))));
    expect(slack.asked).toEqual(['xoxe-old']);
    expect(new Set(got.map((i) => i.bot.token))).toEqual(new Set(['xoxb-1']));
    const stored = await stores[2]!.installations.findInstallation(QUERY);
    expect(stored?.bot).toMatchObject({ token: 'xoxb-1', refreshToken: 'xoxe-1' });
  });

  it('expiring but still valid: one instance refreshes, the others go on with the current token meanwhile', async () => {
    const slack = slackRefresh();
    const [one, two] = await instances(2, slack.refresh);
    await stores[0]!.installations.saveInstallation(installation(Math.floor(Date.now() / 1000) + 60), 0);
    const [a, b] = await Promise.all([one!.installation(QUERY), two!.installation(QUERY)]);
    expect(slack.asked).toEqual(['xoxe-old']);
    expect([a.bot.token, b.bot.token].sort()).toEqual(['xoxb-1', 'xoxb-old']);
    expect((await two!.installation(QUERY)).bot.token).toBe('xoxb-1');
  });

  it('a failed refresh of an expired token is an error for this call only; the next call tries again', async () => {
    let fail = true;
    const slack = slackRefresh();
    const [one] = await instances(1, async (token) => {
      if (fail) throw new Error('service_unavailable');
      return slack.refresh(token);
    });
    await stores[0]!.installations.saveInstallation(installation(Math.floor(Date.now() / 1000) - 5), 0);
    await expect(one!.installation(QUERY)).rejects.toThrow(TokenRefreshError);
    fail = false;
    expect((await one!.installation(QUERY)).bot.token).toBe('xoxb-1');
  });
});
