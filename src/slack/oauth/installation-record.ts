import type { Installation } from '@slack/oauth';
import type { InstallationRecord } from '../../store/installation-types.ts';

/** @slack/oauth's installation as STAR Coach stores it; an install without a bot token is refused. */
export function toInstallationRecord(installation: Installation, now: number): InstallationRecord {
  const { bot, user } = installation;
  if (!bot?.token || !bot.userId) {
    throw new Error('Slack returned no bot token: STAR Coach needs its bot user.');
  }
  return {
    teamId: installation.team?.id ?? null,
    enterpriseId: installation.enterprise?.id ?? null,
    isEnterpriseInstall: installation.isEnterpriseInstall === true,
    bot: {
      token: bot.token,
      refreshToken: bot.refreshToken ?? null,
      expiresAt: bot.expiresAt ?? null,
      id: bot.id ?? null,
      userId: bot.userId,
      scopes: bot.scopes ?? [],
    },
    user: user?.token
      ? {
          id: user.id,
          token: user.token,
          refreshToken: user.refreshToken ?? null,
          expiresAt: user.expiresAt ?? null,
          scopes: user.scopes ?? [],
        }
      : null,
    appId: installation.appId ?? null,
    enterpriseUrl: installation.enterpriseUrl ?? null,
    installedAt: now,
  };
}

/** The stored installation in @slack/oauth's shape (its InstallationStore interface reads it back). */
export function toSlackInstallation(record: InstallationRecord): Installation<'v2', boolean> {
  return {
    team: record.teamId ? { id: record.teamId } : undefined,
    enterprise: record.enterpriseId ? { id: record.enterpriseId } : undefined,
    isEnterpriseInstall: record.isEnterpriseInstall,
    authVersion: 'v2',
    bot: {
      token: record.bot.token,
      userId: record.bot.userId,
      id: record.bot.id ?? '',
      scopes: record.bot.scopes,
      ...(record.bot.refreshToken ? { refreshToken: record.bot.refreshToken } : {}),
      ...(record.bot.expiresAt ? { expiresAt: record.bot.expiresAt } : {}),
    },
    user: record.user
      ? { id: record.user.id, token: record.user.token, scopes: record.user.scopes }
      : { id: '', token: undefined, scopes: undefined },
    ...(record.appId ? { appId: record.appId } : {}),
    ...(record.enterpriseUrl ? { enterpriseUrl: record.enterpriseUrl } : {}),
  } as Installation<'v2', boolean>;
}
