import { describe, expect, it } from 'vitest';
import type { InstallationRecord } from '../../../src/store/installation-types.ts';
import { T0 } from '../fixtures.ts';
import type { ContractDb } from './harness.ts';

const WS = (teamId: string) => ({ teamId, enterpriseId: null, isEnterpriseInstall: false });
const ORG = { teamId: null, enterpriseId: 'E1ORG', isEnterpriseInstall: true };

function installation(
  teamId: string | null,
  overrides: Partial<InstallationRecord> = {},
): InstallationRecord {
  const owner = teamId ?? 'E1ORG';
  return {
    teamId,
    enterpriseId: teamId ? null : 'E1ORG',
    isEnterpriseInstall: teamId === null,
    bot: {
      token: `xoxb-${owner}-secret-bot`,
      refreshToken: `xoxe-1-${owner}-secret-refresh`,
      expiresAt: Math.floor(T0 / 1000) + 600,
      id: `B${owner}`,
      userId: `UBOT${owner}`,
      scopes: ['commands', 'chat:write'],
    },
    user: {
      id: 'UINSTALLER',
      token: `xoxp-${owner}-secret-user`,
      refreshToken: null,
      expiresAt: null,
      scopes: ['users:read'],
    },
    appId: 'A0APP',
    enterpriseUrl: null,
    installedAt: T0,
    ...overrides,
  };
}

/** Installations (OAuth mode): keyed by workspace or organisation, tokens encrypted, refreshes claimed on the row. */
export function installationsContract(db: ContractDb): void {
  describe('installations', () => {
    it('finds a workspace by team id, an org-wide install by enterprise id, and a linked workspace by its id', async () => {
      const store = db.store.installations;
      await store.saveInstallation(installation('TAAA'), T0);
      await store.saveInstallation(installation(null), T0);
      // Read back whole, installation time included.
      expect(await store.findInstallation(WS('TAAA'))).toEqual(installation('TAAA'));
      expect((await store.findInstallation(WS('TAAA')))?.bot).toMatchObject({
        token: 'xoxb-TAAA-secret-bot',
        refreshToken: 'xoxe-1-TAAA-secret-refresh',
        userId: 'UBOTTAAA',
        scopes: ['commands', 'chat:write'],
      });
      expect((await store.findInstallation(WS('TAAA')))?.user?.token).toBe('xoxp-TAAA-secret-user');
      expect((await store.findInstallation(ORG))?.bot.token).toBe('xoxb-E1ORG-secret-bot');
      // A job knows only the workspace id: found once a request from it linked it to the organisation.
      expect(await store.findInstallation(WS('TORGWS'))).toBeNull();
      expect((await store.findInstallation({ ...WS('TORGWS'), enterpriseId: 'E1ORG' }))?.bot.token).toBe(
        'xoxb-E1ORG-secret-bot',
      );
      expect(await store.linkedWorkspaces('E1ORG')).toEqual([]);
      await store.linkWorkspace('TORGWS', 'E1ORG');
      await store.linkWorkspace('TORGWS', 'E1ORG');
      await store.linkWorkspace('TORGW2', 'E1ORG');
      // No org-wide install of this organisation: nothing to link to.
      await store.linkWorkspace('TOTHER', 'E9NONE');
      expect(await store.linkedWorkspaces('E1ORG')).toEqual(['TORGW2', 'TORGWS']);
      expect(await store.linkedWorkspaces('E9NONE')).toEqual([]);
      expect((await store.findInstallation(WS('TORGWS')))?.isEnterpriseInstall).toBe(true);
      // The workspace leaves the org-wide install: unlinked, the organisation's install stays.
      expect(await store.deleteInstallation(WS('TORGWS'))).toBe(0);
      expect(await store.findInstallation(WS('TORGWS'))).toBeNull();
      expect(await store.findInstallation(ORG)).not.toBeNull();
      expect(await store.linkedWorkspaces('E1ORG')).toEqual(['TORGW2']);
      expect(await store.deleteInstallation(WS('TAAA'))).toBe(1);
      expect(await store.deleteInstallation(WS('TAAA'))).toBe(0);
      expect(await store.findInstallation(WS('TAAA'))).toBeNull();
    });

    it('stores no token in clear in any column', async () => {
      await db.store.installations.saveInstallation(installation('TAAA'), T0);
      await db.store.installations.saveInstallation(installation(null), T0);
      const stored = JSON.stringify(await db.rows('SELECT * FROM installations'));
      expect(stored).toContain('TAAA');
      expect(stored).not.toMatch(/xox[bpe]-/);
      expect(stored).not.toContain('secret');
    });

    it('one refresh at a time across instances: a compare-and-swap claim on the stored refresh token', async () => {
      await db.store.installations.saveInstallation(installation('TAAA'), T0);
      const others = await Promise.all([db.open(), db.open(), db.open()]);
      const refresh = 'xoxe-1-TAAA-secret-refresh';
      const claims = await Promise.all(
        [db.store, ...others].map((s, i) =>
          s.installations.claimRefresh(WS('TAAA'), refresh, `h${i}`, T0, 10_000),
        ),
      );
      expect(claims.filter(Boolean)).toHaveLength(1);
      const winner = `h${claims.indexOf(true)}`;
      const next = { token: 'xoxb-next', refreshToken: 'xoxe-next', expiresAt: 1 };
      expect(await others[0]!.installations.completeRefresh(WS('TAAA'), 'nobody', next, T0)).toBe(false);
      expect(await db.store.installations.completeRefresh(WS('TAAA'), winner, next, T0)).toBe(true);
      expect((await others[1]!.installations.findInstallation(WS('TAAA')))?.bot).toMatchObject(next);
      // The spent refresh token can never be claimed again; the new one can, and a dead holder's claim expires.
      expect(await others[2]!.installations.claimRefresh(WS('TAAA'), refresh, 'late', T0, 10_000)).toBe(
        false,
      );
      expect(await others[2]!.installations.claimRefresh(WS('TAAA'), 'xoxe-next', 'a', T0, 10_000)).toBe(
        true,
      );
      expect(
        await others[1]!.installations.claimRefresh(WS('TAAA'), 'xoxe-next', 'b', T0 + 9_999, 10_000),
      ).toBe(false);
      expect(
        await others[1]!.installations.claimRefresh(WS('TAAA'), 'xoxe-next', 'b', T0 + 10_001, 10_000),
      ).toBe(true);
      await others[1]!.installations.releaseRefresh(WS('TAAA'), 'b');
      expect(
        await db.store.installations.claimRefresh(WS('TAAA'), 'xoxe-next', 'c', T0 + 10_002, 10_000),
      ).toBe(true);
    });
  });
}
