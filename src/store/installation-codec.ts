import type { InstallationQuery, InstallationRecord } from './installation-types.ts';
import type { TokenCipher } from './token-cipher.ts';

/** An installations row as both dialects return it (SQLite stores the flag as 0/1, PostgreSQL as a boolean). */
export interface InstallationRow {
  install_key: string;
  team_id: string | null;
  enterprise_id: string | null;
  is_enterprise_install: number | boolean;
  bot_token: string;
  bot_id: string | null;
  bot_user_id: string;
  bot_refresh_token: string | null;
  bot_expires_at: number | null;
  user_id: string | null;
  user_token: string | null;
  user_refresh_token: string | null;
  user_expires_at: number | null;
  details: string;
  installed_at: number;
}

/** What is stored as plain JSON beside the encrypted tokens. */
interface Details {
  botScopes: string[];
  userScopes: string[];
  appId: string | null;
  enterpriseUrl: string | null;
}

/** The row an installation lives in: an org-wide install by enterprise id, else by team id. */
export function installKey(query: InstallationQuery): string {
  if (query.isEnterpriseInstall) {
    if (!query.enterpriseId) throw new Error('An org-wide installation needs an enterprise id.');
    return `E:${query.enterpriseId}`;
  }
  if (!query.teamId) throw new Error('A workspace installation needs a team id.');
  return `T:${query.teamId}`;
}

/** Rows to look in, in order: an org-wide install, or the workspace's own install, then its organisation's. */
export function candidateKeys(query: InstallationQuery): string[] {
  if (query.isEnterpriseInstall && query.enterpriseId) return [`E:${query.enterpriseId}`];
  const keys: string[] = [];
  if (query.teamId) keys.push(`T:${query.teamId}`);
  if (query.enterpriseId) keys.push(`E:${query.enterpriseId}`);
  return keys;
}

/** The details column's JSON text for an installation. */
export function detailsJson(installation: InstallationRecord): string {
  const details: Details = {
    botScopes: installation.bot.scopes,
    userScopes: installation.user?.scopes ?? [],
    appId: installation.appId,
    enterpriseUrl: installation.enterpriseUrl,
  };
  return JSON.stringify(details);
}

/** A stored row back as an installation, its tokens decrypted (each sealed to its row's key). */
export function toInstallation(row: InstallationRow, cipher: TokenCipher): InstallationRecord {
  const key = row.install_key;
  const open = (value: string | null) => (value === null ? null : cipher.decrypt(value, key));
  const details = JSON.parse(row.details) as Details;
  const userToken = open(row.user_token);
  return {
    teamId: row.team_id,
    enterpriseId: row.enterprise_id,
    isEnterpriseInstall: row.is_enterprise_install === true || row.is_enterprise_install === 1,
    bot: {
      token: cipher.decrypt(row.bot_token, key),
      refreshToken: open(row.bot_refresh_token),
      expiresAt: row.bot_expires_at,
      id: row.bot_id,
      userId: row.bot_user_id,
      scopes: details.botScopes,
    },
    user:
      userToken !== null && row.user_id !== null
        ? {
            id: row.user_id,
            token: userToken,
            refreshToken: open(row.user_refresh_token),
            expiresAt: row.user_expires_at,
            scopes: details.userScopes,
          }
        : null,
    appId: details.appId,
    enterpriseUrl: details.enterpriseUrl,
    installedAt: row.installed_at,
  };
}
