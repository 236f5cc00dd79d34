import type { Logger } from '@slack/bolt';
import type {
  InstallationQuery,
  InstallationRecord,
  InstallationStore,
} from '../../store/installation-types.ts';

/** The workspace has no installation (never installed, or uninstalled). */
export class NotInstalledError extends Error {
  override name = 'NotInstalledError';
  constructor(readonly workspaceId: string | null) {
    super(`STAR Coach is not installed in ${workspaceId ?? 'this workspace'}.`);
  }
}

/** The bot token expired (or is about to) and could not be refreshed; the workspace waits and tries again. */
export class TokenRefreshError extends Error {
  override name = 'TokenRefreshError';
}

/** What Slack's oauth.v2.access answers to grant_type=refresh_token. */
export interface RefreshGrant {
  accessToken: string;
  refreshToken: string;
  expiresInS: number;
}

export interface InstallationTokensDeps {
  store: InstallationStore;
  /** Exchanges a refresh token at oauth.v2.access. */
  refresh: (refreshToken: string) => Promise<RefreshGrant>;
  clock: () => number;
  sleep: (ms: number) => Promise<void>;
  /** This instance, in refresh claims (host, process, thread, random). */
  holder: string;
  logger: Pick<Logger, 'info' | 'warn' | 'debug'>;
  /** Refresh when the token expires within this (default two minutes). */
  refreshWithinMs?: number;
  /** How long a refresh claim holds before another instance may take over (default 30 s). */
  leaseMs?: number;
  /** How often a waiting caller looks whether another instance finished refreshing. */
  pollMs?: number;
}

const REFRESH_WITHIN_MS = 2 * 60_000;
const LEASE_MS = 30_000;
const POLL_MS = 100;

/** The row that holds an installation (see installKey): its own ids, not the request's. */
function identity(installation: InstallationRecord): InstallationQuery {
  return {
    teamId: installation.teamId,
    enterpriseId: installation.enterpriseId,
    isEnterpriseInstall: installation.isEnterpriseInstall,
  };
}

/**
 * Each workspace's installation, with a bot token that is not about to expire. Slack's rotating tokens are
 * refreshed within two minutes of expiry, by requests and scheduled jobs alike, and only ever by one caller at a
 * time: the caller that wins a compare-and-swap claim on the installation's row (on its stored refresh token)
 * refreshes; the others keep using the current token while it is still valid, or wait for the new one. A second
 * refresh with the same refresh token would leave a dead refresh token stored, so the database row, shared by every
 * thread and instance, is the lock; one call per installation per instance is in flight at a time on top of it.
 */
export class InstallationTokens {
  private readonly refreshing = new Map<string, Promise<InstallationRecord>>();

  constructor(private readonly deps: InstallationTokensDeps) {}

  /** The installation serving `query`, its bot token fresh; NotInstalledError or TokenRefreshError otherwise. */
  async installation(query: InstallationQuery): Promise<InstallationRecord> {
    const found = await this.deps.store.findInstallation(query);
    if (!found) throw new NotInstalledError(query.teamId ?? query.enterpriseId);
    if (!this.expiring(found)) return found;
    const key = JSON.stringify(identity(found));
    let pending = this.refreshing.get(key);
    if (!pending) {
      pending = this.refreshed(found).finally(() => this.refreshing.delete(key));
      this.refreshing.set(key, pending);
    }
    return pending;
  }

  private expiring(installation: InstallationRecord): boolean {
    const { refreshToken, expiresAt } = installation.bot;
    if (refreshToken === null || expiresAt === null) return false;
    return expiresAt * 1000 - this.deps.clock() <= (this.deps.refreshWithinMs ?? REFRESH_WITHIN_MS);
  }

  private stillValid(installation: InstallationRecord): boolean {
    const { expiresAt } = installation.bot;
    return expiresAt === null || expiresAt * 1000 > this.deps.clock();
  }

  private async refreshed(start: InstallationRecord): Promise<InstallationRecord> {
    const { store, clock, holder } = this.deps;
    const leaseMs = this.deps.leaseMs ?? LEASE_MS;
    const giveUpAt = clock() + 2 * leaseMs;
    let current = start;
    for (;;) {
      const refreshToken = current.bot.refreshToken;
      if (refreshToken === null) return current;
      const who = identity(current);
      if (await store.claimRefresh(who, refreshToken, holder, clock(), leaseMs)) {
        return this.refreshUnderClaim(current, refreshToken);
      }
      // Someone else refreshed, or is refreshing now.
      const latest = await store.findInstallation(who);
      if (!latest) throw new NotInstalledError(current.teamId ?? current.enterpriseId);
      if (!this.expiring(latest) || this.stillValid(latest)) return latest;
      if (clock() > giveUpAt) {
        throw new TokenRefreshError('The bot token expired while another instance was refreshing it.');
      }
      await this.deps.sleep(this.deps.pollMs ?? POLL_MS);
      current = latest;
    }
  }

  private async refreshUnderClaim(
    installation: InstallationRecord,
    refreshToken: string,
  ): Promise<InstallationRecord> {
    const { store, clock, holder, logger } = this.deps;
    const who = identity(installation);
    let grant: RefreshGrant;
    try {
      grant = await this.deps.refresh(refreshToken);
    } catch (error) {
      await store.releaseRefresh(who, holder);
      if (this.stillValid(installation)) {
        logger.warn(
          `Refreshing the bot token of ${installation.teamId ?? installation.enterpriseId} failed; its current token is still valid, so it is used and the refresh is tried again on the next call.`,
        );
        return installation;
      }
      throw new TokenRefreshError(
        `Refreshing the expired bot token of ${installation.teamId ?? installation.enterpriseId} failed.`,
        { cause: error },
      );
    }
    const tokens = {
      token: grant.accessToken,
      refreshToken: grant.refreshToken,
      expiresAt: Math.floor(clock() / 1000) + grant.expiresInS,
    };
    if (!(await store.completeRefresh(who, holder, tokens, clock()))) {
      // Our claim expired and another instance took over; its tokens are the ones stored.
      throw new TokenRefreshError(
        'A token refresh outlived its claim; the next call reads the stored tokens.',
      );
    }
    logger.info(`Refreshed the bot token of ${installation.teamId ?? installation.enterpriseId}.`);
    return { ...installation, bot: { ...installation.bot, ...tokens } };
  }
}
