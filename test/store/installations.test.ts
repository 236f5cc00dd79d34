import { randomBytes } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { InstallationRecord } from '../../src/store/installation-types.ts';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite.ts';
import {
  parseTokenKey,
  TokenCipher,
  TokenDecryptError,
  TokenKeyError,
} from '../../src/store/token-cipher.ts';
import { T0, tempDir } from './fixtures.ts';

const KEY = randomBytes(32);

function installation(teamId: string, overrides: Partial<InstallationRecord> = {}): InstallationRecord {
  return {
    teamId,
    enterpriseId: null,
    isEnterpriseInstall: false,
    bot: {
      token: `xoxb-${teamId}-${randomBytes(8).toString('hex')}`,
      refreshToken: `xoxe-1-${teamId}-${randomBytes(8).toString('hex')}`,
      expiresAt: Math.floor(T0 / 1000) + 43_200,
      id: `B${teamId}`,
      userId: `U${teamId}BOT`,
      scopes: ['chat:write', 'commands'],
    },
    user: {
      id: 'UINSTALLER',
      token: `xoxp-${teamId}-${randomBytes(8).toString('hex')}`,
      refreshToken: null,
      expiresAt: null,
      scopes: [],
    },
    appId: 'A0APP',
    enterpriseUrl: null,
    installedAt: T0,
    ...overrides,
  };
}

let dir: ReturnType<typeof tempDir>;
let path: string;
let store: SqliteStore;

beforeEach(async () => {
  dir = tempDir('installations');
  path = join(dir.dir, 'coach.db');
  store = await openSqliteStore({ path, tokenKey: KEY });
});

afterEach(async () => {
  await store.close();
  dir.remove();
});

describe('SQLite installation store', () => {
  it('keeps workspace installs by team id and org-wide installs by enterprise id', async () => {
    const a = installation('T1AAA');
    const org = installation('T0IGNORED', { teamId: null, enterpriseId: 'E1ORG', isEnterpriseInstall: true });
    await store.installations.saveInstallation(a, T0);
    await store.installations.saveInstallation(org, T0);
    const q = (teamId: string | null, enterpriseId: string | null, isEnterpriseInstall = false) => ({
      teamId,
      enterpriseId,
      isEnterpriseInstall,
    });
    expect(await store.installations.findInstallation(q('T1AAA', null))).toEqual(a);
    expect(await store.installations.findInstallation(q('T2BBB', null))).toBeNull();
    // A workspace of the organisation, and the organisation itself, are served by the org-wide install.
    expect((await store.installations.findInstallation(q('T3ORGWS', 'E1ORG')))?.bot.token).toBe(
      org.bot.token,
    );
    expect((await store.installations.findInstallation(q(null, 'E1ORG', true)))?.bot.token).toBe(
      org.bot.token,
    );
    expect(await store.installations.deleteInstallation(q('T1AAA', null))).toBe(1);
    expect(await store.installations.deleteInstallation(q('T1AAA', null))).toBe(0);
    expect(await store.installations.findInstallation(q('T1AAA', null))).toBeNull();
  });

  it('a reinstall replaces the tokens', async () => {
    await store.installations.saveInstallation(installation('T1AAA'), T0);
    const again = installation('T1AAA');
    await store.installations.saveInstallation(again, T0 + 1);
    const found = await store.installations.findInstallation({
      teamId: 'T1AAA',
      enterpriseId: null,
      isEnterpriseInstall: false,
    });
    expect(found?.bot.token).toBe(again.bot.token);
  });

  it('no token is in clear in the database file or its write-ahead log', async () => {
    const saved = [installation('T1AAA'), installation('T2BBB')];
    for (const i of saved) await store.installations.saveInstallation(i, T0);
    const query = { teamId: 'T1AAA', enterpriseId: null, isEnterpriseInstall: false };
    // A rotation writes new tokens too.
    expect(await store.installations.claimRefresh(query, saved[0]!.bot.refreshToken!, 'me', T0, 10_000)).toBe(
      true,
    );
    const rotated = { token: 'xoxb-rotated-9f8e7d', refreshToken: 'xoxe-1-rotated-6c5b4a', expiresAt: 1 };
    expect(await store.installations.completeRefresh(query, 'me', rotated, T0)).toBe(true);
    const tokens = [
      ...saved.flatMap((i) => [i.bot.token, i.bot.refreshToken!, i.user!.token]),
      rotated.token,
      rotated.refreshToken,
    ];
    const bytes = () =>
      readdirSync(dir.dir)
        .map((name) => readFileSync(join(dir.dir, name)).toString('latin1'))
        .join('\n');
    // The check can fail: the tokens are in the file in encrypted form only, and a token written in clear is found.
    expect(bytes()).toContain('T1AAA');
    for (const token of tokens) expect(bytes()).not.toContain(token);
    for (const token of tokens) expect(bytes()).not.toContain(Buffer.from(token).toString('base64'));
    await store.close();
    for (const token of tokens) expect(bytes()).not.toContain(token);
    store = await openSqliteStore({ path, tokenKey: KEY });
    expect((await store.installations.findInstallation(query))?.bot.token).toBe(rotated.token);
  });

  it('another key cannot read the tokens, and without a key installations are refused', async () => {
    await store.installations.saveInstallation(installation('T1AAA'), T0);
    await store.close();
    store = await openSqliteStore({ path, tokenKey: randomBytes(32) });
    const query = { teamId: 'T1AAA', enterpriseId: null, isEnterpriseInstall: false };
    await expect(store.installations.findInstallation(query)).rejects.toThrow(TokenDecryptError);
    await store.close();
    store = await openSqliteStore({ path });
    await expect(store.installations.findInstallation(query)).rejects.toThrow(/SLACK_TOKEN_ENCRYPTION_KEY/);
  });

  it('one refresh at a time: the claim is a compare-and-swap on the stored refresh token, across connections', async () => {
    const a = installation('T1AAA');
    await store.installations.saveInstallation(a, T0);
    const other = await openSqliteStore({ path, tokenKey: KEY });
    try {
      const query = { teamId: 'T1AAA', enterpriseId: null, isEnterpriseInstall: false };
      const refresh = a.bot.refreshToken!;
      expect(await store.installations.claimRefresh(query, refresh, 'one', T0, 10_000)).toBe(true);
      expect(await other.installations.claimRefresh(query, refresh, 'two', T0, 10_000)).toBe(false);
      // Only the holder can store new tokens.
      const next = { token: 'xoxb-next', refreshToken: 'xoxe-next', expiresAt: 99 };
      expect(await other.installations.completeRefresh(query, 'two', next, T0)).toBe(false);
      expect(await store.installations.completeRefresh(query, 'one', next, T0)).toBe(true);
      // The old refresh token is spent: a late claim on it fails even with no claim held.
      expect(await other.installations.claimRefresh(query, refresh, 'two', T0, 10_000)).toBe(false);
      expect(await other.installations.claimRefresh(query, 'xoxe-next', 'two', T0, 10_000)).toBe(true);
      // A claim whose holder died expires.
      expect(await store.installations.claimRefresh(query, 'xoxe-next', 'one', T0 + 5_000, 10_000)).toBe(
        false,
      );
      expect(await store.installations.claimRefresh(query, 'xoxe-next', 'one', T0 + 10_001, 10_000)).toBe(
        true,
      );
      await store.installations.releaseRefresh(query, 'one');
      expect(await other.installations.claimRefresh(query, 'xoxe-next', 'two', T0 + 10_002, 10_000)).toBe(
        true,
      );
    } finally {
      await other.close();
    }
  });
});

describe('token cipher', () => {
  it('takes exactly 32 bytes of base64', () => {
    expect(parseTokenKey(KEY.toString('base64')).equals(KEY)).toBe(true);
    expect(() => parseTokenKey(randomBytes(16).toString('base64'))).toThrow(/32 bytes.*16 bytes/);
    expect(() => parseTokenKey('not base64!')).toThrow(TokenKeyError);
  });

  it('uses a random IV and refuses a value moved to another row or altered', () => {
    const cipher = new TokenCipher(KEY);
    const one = cipher.encrypt('xoxb-1', 'T:T1');
    expect(cipher.encrypt('xoxb-1', 'T:T1')).not.toBe(one);
    expect(cipher.decrypt(one, 'T:T1')).toBe('xoxb-1');
    expect(() => cipher.decrypt(one, 'T:T2')).toThrow(TokenDecryptError);
    const raw = Buffer.from(one.slice(3), 'base64');
    raw[raw.length - 1]! ^= 1;
    expect(() => cipher.decrypt(`v1:${raw.toString('base64')}`, 'T:T1')).toThrow(TokenDecryptError);
  });
});
