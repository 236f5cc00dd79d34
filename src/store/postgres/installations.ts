import {
  candidateKeys,
  detailsJson,
  type InstallationRow,
  installKey,
  toInstallation,
} from '../installation-codec.ts';
import {
  type InstallationQuery,
  type InstallationRecord,
  type InstallationStore,
  NoTokenKeyError,
  type RefreshedBotToken,
} from '../installation-types.ts';
import type { TokenCipher } from '../token-cipher.ts';
import type { PgDb } from './pool.ts';

/**
 * Installations on PostgreSQL, same rules as SQLite: tokens encrypted before they reach a query, and a refresh
 * claimed on the row (SELECT … FOR UPDATE, then a compare-and-swap on the stored refresh token).
 */
export class PgInstallations implements InstallationStore {
  constructor(
    private readonly db: PgDb,
    private readonly cipher: TokenCipher | null,
  ) {}

  private need(): TokenCipher {
    if (!this.cipher) throw new NoTokenKeyError();
    return this.cipher;
  }

  async saveInstallation(installation: InstallationRecord, now: number): Promise<void> {
    const cipher = this.need();
    const key = installKey(installation);
    const seal = (value: string | null) => (value === null ? null : cipher.encrypt(value, key));
    const { bot, user } = installation;
    await this.db.run(
      `INSERT INTO installations (install_key, team_id, enterprise_id, is_enterprise_install, bot_token, bot_id,
         bot_user_id, bot_refresh_token, bot_expires_at, user_id, user_token, user_refresh_token, user_expires_at,
         details, installed_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $15)
       ON CONFLICT (install_key) DO UPDATE SET team_id = excluded.team_id, enterprise_id = excluded.enterprise_id,
         is_enterprise_install = excluded.is_enterprise_install, bot_token = excluded.bot_token,
         bot_id = excluded.bot_id, bot_user_id = excluded.bot_user_id, bot_refresh_token = excluded.bot_refresh_token,
         bot_expires_at = excluded.bot_expires_at, user_id = excluded.user_id, user_token = excluded.user_token,
         user_refresh_token = excluded.user_refresh_token, user_expires_at = excluded.user_expires_at,
         details = excluded.details, refresh_holder = NULL, refresh_until = NULL, updated_at = excluded.updated_at`,
      [
        key,
        installation.teamId,
        installation.enterpriseId,
        installation.isEnterpriseInstall,
        cipher.encrypt(bot.token, key),
        bot.id,
        bot.userId,
        seal(bot.refreshToken),
        bot.expiresAt,
        user?.id ?? null,
        seal(user?.token ?? null),
        seal(user?.refreshToken ?? null),
        user?.expiresAt ?? null,
        detailsJson(installation),
        now,
      ],
    );
  }

  async findInstallation(query: InstallationQuery): Promise<InstallationRecord | null> {
    const keys = candidateKeys(query);
    if (query.teamId && !query.isEnterpriseInstall) {
      const linked = await this.db.one<{ install_key: string }>(
        'SELECT install_key FROM installation_workspaces WHERE team_id = $1',
        [query.teamId],
      );
      if (linked) keys.push(linked.install_key);
    }
    for (const key of keys) {
      const row = await this.db.one<InstallationRow>('SELECT * FROM installations WHERE install_key = $1', [
        key,
      ]);
      if (row) return this.toRecord(row);
    }
    return null;
  }

  async linkWorkspace(teamId: string, enterpriseId: string): Promise<void> {
    await this.db.run(
      `INSERT INTO installation_workspaces (team_id, install_key)
       SELECT $1, install_key FROM installations WHERE install_key = $2
       ON CONFLICT (team_id) DO UPDATE SET install_key = excluded.install_key`,
      [teamId, `E:${enterpriseId}`],
    );
  }

  async linkedWorkspaces(enterpriseId: string): Promise<string[]> {
    const rows = await this.db.rows<{ team_id: string }>(
      'SELECT team_id FROM installation_workspaces WHERE install_key = $1 ORDER BY team_id',
      [`E:${enterpriseId}`],
    );
    return rows.map((row) => row.team_id);
  }

  async deleteInstallation(query: InstallationQuery): Promise<number> {
    if (!query.isEnterpriseInstall && query.teamId) {
      await this.db.run('DELETE FROM installation_workspaces WHERE team_id = $1', [query.teamId]);
    }
    return this.db.run('DELETE FROM installations WHERE install_key = $1', [installKey(query)]);
  }

  async claimRefresh(
    query: InstallationQuery,
    refreshToken: string,
    holder: string,
    now: number,
    leaseMs: number,
  ): Promise<boolean> {
    const key = installKey(query);
    return this.db.tx(async (client) => {
      const row = await this.db.one<{ bot_refresh_token: string | null }>(
        'SELECT bot_refresh_token FROM installations WHERE install_key = $1 FOR UPDATE',
        [key],
        client,
      );
      if (!row?.bot_refresh_token) return false;
      if (this.need().decrypt(row.bot_refresh_token, key) !== refreshToken) return false;
      const claimed = await this.db.run(
        `UPDATE installations SET refresh_holder = $3, refresh_until = $4
         WHERE install_key = $1 AND bot_refresh_token = $2 AND (refresh_holder IS NULL OR refresh_until < $5)`,
        [key, row.bot_refresh_token, holder, now + leaseMs, now],
        client,
      );
      return claimed === 1;
    });
  }

  async completeRefresh(
    query: InstallationQuery,
    holder: string,
    tokens: RefreshedBotToken,
    now: number,
  ): Promise<boolean> {
    const cipher = this.need();
    const key = installKey(query);
    const changed = await this.db.run(
      `UPDATE installations SET bot_token = $3, bot_refresh_token = $4, bot_expires_at = $5,
         refresh_holder = NULL, refresh_until = NULL, updated_at = $6
       WHERE install_key = $1 AND refresh_holder = $2`,
      [
        key,
        holder,
        cipher.encrypt(tokens.token, key),
        tokens.refreshToken === null ? null : cipher.encrypt(tokens.refreshToken, key),
        tokens.expiresAt,
        now,
      ],
    );
    return changed === 1;
  }

  async releaseRefresh(query: InstallationQuery, holder: string): Promise<void> {
    await this.db.run(
      `UPDATE installations SET refresh_holder = NULL, refresh_until = NULL
       WHERE install_key = $1 AND refresh_holder = $2`,
      [installKey(query), holder],
    );
  }

  private toRecord(row: InstallationRow): InstallationRecord {
    return toInstallation(row, this.need());
  }
}
