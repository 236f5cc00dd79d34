/**
 * Installations (OAuth mode): one per workspace, or one per Enterprise Grid organisation for an org-wide install.
 * The store encrypts every token at rest; callers see them in clear.
 */

/** Which installation a request or a job belongs to. */
export interface InstallationQuery {
  teamId: string | null;
  enterpriseId: string | null;
  /** An org-wide install is found by its enterprise id alone; a workspace install by its team id. */
  isEnterpriseInstall: boolean;
}

/** A token that Slack may rotate: with a refresh token and its expiry (seconds since the epoch), or neither. */
export interface RotatingToken {
  token: string;
  refreshToken: string | null;
  expiresAt: number | null;
}

export interface InstallationRecord {
  teamId: string | null;
  enterpriseId: string | null;
  isEnterpriseInstall: boolean;
  bot: RotatingToken & { id: string | null; userId: string; scopes: string[] };
  /** Present only when the installer granted user scopes (STAR Coach asks for none). */
  user: (RotatingToken & { id: string; scopes: string[] }) | null;
  appId: string | null;
  enterpriseUrl: string | null;
  installedAt: number;
}

/** New bot tokens from a refresh. */
export type RefreshedBotToken = RotatingToken;

export interface InstallationStore {
  /** Creates or replaces the installation (a reinstall replaces the tokens). */
  saveInstallation(installation: InstallationRecord, now: number): Promise<void>;
  /**
   * The installation serving a request or job: an org-wide install by enterprise id, else the workspace's own
   * install by team id, else (a workspace of an organisation, by the request's enterprise id or a link recorded by
   * linkWorkspace) the organisation's install.
   */
  findInstallation(query: InstallationQuery): Promise<InstallationRecord | null>;
  /**
   * Records that a workspace is served by an org-wide install (seen on one of its requests), so jobs that know only
   * the workspace id find that install too.
   */
  linkWorkspace(teamId: string, enterpriseId: string): Promise<void>;
  /** The workspaces linked to an organisation's org-wide install (whose data goes when the organisation leaves). */
  linkedWorkspaces(enterpriseId: string): Promise<string[]>;
  /**
   * Removes the installation of a workspace (team id, also unlinking it from an org-wide install) or of an
   * organisation (isEnterpriseInstall, enterprise id); returns how many installations went.
   */
  deleteInstallation(query: InstallationQuery): Promise<number>;
  /**
   * Claims the right to refresh the bot token of the installation, if its stored refresh token is still
   * `refreshToken` and nobody else holds an unexpired claim (compare-and-swap on the row). One refresh at a time,
   * across threads, processes and instances sharing the database.
   */
  claimRefresh(
    query: InstallationQuery,
    refreshToken: string,
    holder: string,
    now: number,
    leaseMs: number,
  ): Promise<boolean>;
  /** Stores the refreshed tokens and ends the claim; false when the claim was lost (nothing written). */
  completeRefresh(
    query: InstallationQuery,
    holder: string,
    tokens: RefreshedBotToken,
    now: number,
  ): Promise<boolean>;
  /** Ends a claim without new tokens (the refresh failed). */
  releaseRefresh(query: InstallationQuery, holder: string): Promise<void>;
}

/** The store has no encryption key: installations cannot be read or written (single-workspace mode). */
export class NoTokenKeyError extends Error {
  override name = 'NoTokenKeyError';
  constructor() {
    super('Installations need SLACK_TOKEN_ENCRYPTION_KEY: tokens are only ever stored encrypted.');
  }
}
