import type Database from 'better-sqlite3';
import {
  candidateKeys,
  detailsJson,
  type InstallationRow,
  installKey,
  toInstallation,
} from './installation-codec.ts';
import {
  type InstallationQuery,
  type InstallationRecord,
  type InstallationStore,
  NoTokenKeyError,
  type RefreshedBotToken,
} from './installation-types.ts';
import type { TokenCipher } from './token-cipher.ts';

/** Installations on SQLite; tokens are encrypted before they reach a statement and decrypted after. */
export class SqliteInstallations implements InstallationStore {
  private readonly s;

  constructor(
    db: Database.Database,
    private readonly cipher: TokenCipher | null,
  ) {
    this.s = {
      upsert:
        db.prepare(`INSERT INTO installations (install_key, team_id, enterprise_id, is_enterprise_install,
          bot_token, bot_id, bot_user_id, bot_refresh_token, bot_expires_at, user_id, user_token, user_refresh_token,
          user_expires_at, details, installed_at, updated_at)
        VALUES (@key, @teamId, @enterpriseId, @enterprise, @botToken, @botId, @botUserId, @botRefresh, @botExpires,
          @userId, @userToken, @userRefresh, @userExpires, @details, @now, @now)
        ON CONFLICT (install_key) DO UPDATE SET team_id = excluded.team_id, enterprise_id = excluded.enterprise_id,
          is_enterprise_install = excluded.is_enterprise_install, bot_token = excluded.bot_token,
          bot_id = excluded.bot_id, bot_user_id = excluded.bot_user_id, bot_refresh_token = excluded.bot_refresh_token,
          bot_expires_at = excluded.bot_expires_at, user_id = excluded.user_id, user_token = excluded.user_token,
          user_refresh_token = excluded.user_refresh_token, user_expires_at = excluded.user_expires_at,
          details = excluded.details, refresh_holder = NULL, refresh_until = NULL, updated_at = excluded.updated_at`),
      byKey: db.prepare<[string], InstallationRow>('SELECT * FROM installations WHERE install_key = ?'),
      remove: db.prepare<[string]>('DELETE FROM installations WHERE install_key = ?'),
      unlink: db.prepare<[string]>('DELETE FROM installation_workspaces WHERE team_id = ?'),
      linked: db.prepare<[string], { install_key: string }>(
        'SELECT install_key FROM installation_workspaces WHERE team_id = ?',
      ),
      linkedTo: db.prepare<[string], string>(
        'SELECT team_id FROM installation_workspaces WHERE install_key = ? ORDER BY team_id',
      ),
      link: db.prepare<[string, string]>(
        `INSERT INTO installation_workspaces (team_id, install_key) SELECT ?, install_key FROM installations
         WHERE install_key = ? ON CONFLICT (team_id) DO UPDATE SET install_key = excluded.install_key`,
      ),
      claim: db.prepare<{ key: string; stored: string; holder: string; until: number; now: number }>(
        `UPDATE installations SET refresh_holder = @holder, refresh_until = @until
         WHERE install_key = @key AND bot_refresh_token = @stored
           AND (refresh_holder IS NULL OR refresh_until < @now)`,
      ),
      complete: db.prepare(
        `UPDATE installations SET bot_token = @token, bot_refresh_token = @refresh, bot_expires_at = @expiresAt,
           refresh_holder = NULL, refresh_until = NULL, updated_at = @now
         WHERE install_key = @key AND refresh_holder = @holder`,
      ),
      release: db.prepare<{ key: string; holder: string }>(
        `UPDATE installations SET refresh_holder = NULL, refresh_until = NULL
         WHERE install_key = @key AND refresh_holder = @holder`,
      ),
    };
    // Read, compare the decrypted refresh token, and claim, holding the write lock throughout.
    const claim = db.transaction(
      (key: string, refreshToken: string, holder: string, now: number, leaseMs: number): boolean => {
        const row = this.s.byKey.get(key);
        if (!row?.bot_refresh_token) return false;
        if (this.need().decrypt(row.bot_refresh_token, key) !== refreshToken) return false;
        const stored = row.bot_refresh_token;
        return this.s.claim.run({ key, stored, holder, until: now + leaseMs, now }).changes === 1;
      },
    );
    this.claimRow = (...args) => claim.immediate(...args);
  }

  private readonly claimRow: (
    key: string,
    refreshToken: string,
    holder: string,
    now: number,
    leaseMs: number,
  ) => boolean;

  private need(): TokenCipher {
    if (!this.cipher) throw new NoTokenKeyError();
    return this.cipher;
  }

  async saveInstallation(installation: InstallationRecord, now: number): Promise<void> {
    const cipher = this.need();
    const key = installKey(installation);
    const seal = (value: string | null) => (value === null ? null : cipher.encrypt(value, key));
    const { bot, user } = installation;
    this.s.upsert.run({
      key,
      teamId: installation.teamId,
      enterpriseId: installation.enterpriseId,
      enterprise: installation.isEnterpriseInstall ? 1 : 0,
      botToken: cipher.encrypt(bot.token, key),
      botId: bot.id,
      botUserId: bot.userId,
      botRefresh: seal(bot.refreshToken),
      botExpires: bot.expiresAt,
      userId: user?.id ?? null,
      userToken: seal(user?.token ?? null),
      userRefresh: seal(user?.refreshToken ?? null),
      userExpires: user?.expiresAt ?? null,
      details: detailsJson(installation),
      now,
    });
  }

  async findInstallation(query: InstallationQuery): Promise<InstallationRecord | null> {
    const keys = candidateKeys(query);
    const linked = query.teamId && !query.isEnterpriseInstall ? this.s.linked.get(query.teamId) : undefined;
    if (linked) keys.push(linked.install_key);
    for (const key of keys) {
      const row = this.s.byKey.get(key);
      if (row) return this.toRecord(row);
    }
    return null;
  }

  async linkWorkspace(teamId: string, enterpriseId: string): Promise<void> {
    this.s.link.run(teamId, `E:${enterpriseId}`);
  }

  async linkedWorkspaces(enterpriseId: string): Promise<string[]> {
    return this.s.linkedTo.pluck().all(`E:${enterpriseId}`);
  }

  async deleteInstallation(query: InstallationQuery): Promise<number> {
    // A workspace leaving an org-wide install only loses its link; the organisation's install stays.
    if (!query.isEnterpriseInstall && query.teamId) this.s.unlink.run(query.teamId);
    return this.s.remove.run(installKey(query)).changes;
  }

  async claimRefresh(
    query: InstallationQuery,
    refreshToken: string,
    holder: string,
    now: number,
    leaseMs: number,
  ): Promise<boolean> {
    return this.claimRow(installKey(query), refreshToken, holder, now, leaseMs);
  }

  async completeRefresh(
    query: InstallationQuery,
    holder: string,
    tokens: RefreshedBotToken,
    now: number,
  ): Promise<boolean> {
    const cipher = this.need();
    const key = installKey(query);
    return (
      this.s.complete.run({
        key,
        holder,
        token: cipher.encrypt(tokens.token, key),
        refresh: tokens.refreshToken === null ? null : cipher.encrypt(tokens.refreshToken, key),
        expiresAt: tokens.expiresAt,
        now,
      }).changes === 1
    );
  }

  async releaseRefresh(query: InstallationQuery, holder: string): Promise<void> {
    this.s.release.run({ key: installKey(query), holder });
  }

  private toRecord(row: InstallationRow): InstallationRecord {
    return toInstallation(row, this.need());
  }
}
