import type { InstallationQuery } from '../../../store/installation-types.ts';
import { describeApiError } from '../../api-errors.ts';
import type { CoachDeps } from '../../coach.ts';
import { forgetWorkspace } from '../../your-data.ts';

/** Who an event is about: its workspace, and its organisation when the install is org-wide. */
export interface LeavingBody {
  team_id?: string;
  enterprise_id?: string;
  is_enterprise_install?: boolean;
  authorizations?: {
    team_id?: string | null;
    enterprise_id?: string | null;
    is_enterprise_install?: boolean;
  }[];
}

/** The installation an event was delivered for (Slack names it in `authorizations`). */
export function installationOf(body: LeavingBody): InstallationQuery {
  const auth = body.authorizations?.[0];
  const isEnterpriseInstall = auth?.is_enterprise_install ?? body.is_enterprise_install ?? false;
  return {
    teamId: auth?.team_id ?? body.team_id ?? null,
    enterpriseId: auth?.enterprise_id ?? body.enterprise_id ?? null,
    isEnterpriseInstall,
  };
}

/**
 * A workspace left (uninstalled, bot token revoked): its installation goes first, so nothing new runs with its
 * token, then its data, then its cached clients. Each step is idempotent, so a repeated event, or
 * app_uninstalled and tokens_revoked in either order, end the same way. When an organisation removes an org-wide
 * install, the data of every workspace of it that used the app goes too (the workspaces linked to the install),
 * not only the workspace the event names.
 */
export async function workspaceLeft(deps: CoachDeps, body: LeavingBody, why: string): Promise<void> {
  const workspaceId = body.team_id;
  const installation = installationOf(body);
  try {
    const orgWorkspaces =
      installation.isEnterpriseInstall && installation.enterpriseId
        ? await deps.store.installations.linkedWorkspaces(installation.enterpriseId)
        : [];
    if (installation.teamId || installation.enterpriseId) {
      const removed = await deps.store.installations.deleteInstallation(installation);
      if (removed > 0)
        deps.logger.info(
          `Removed the installation of ${installation.enterpriseId && installation.isEnterpriseInstall ? installation.enterpriseId : installation.teamId} (${why}).`,
        );
    }
    const leaving = [...new Set([...(workspaceId ? [workspaceId] : []), ...orgWorkspaces])];
    if (leaving.length === 0) {
      deps.logger.warn(`${why}: the event has no team id, so no workspace data was deleted.`);
      return;
    }
    for (const id of leaving) await forgetWorkspace(deps, id, why);
  } catch (error) {
    deps.logger.error(
      `Deleting the data of workspace ${workspaceId ?? 'unknown'} (${why}) failed: ${describeApiError(error)}`,
    );
  }
}

export interface TeamAccessRevokedArgs {
  event: { team_ids?: string[] };
}

/**
 * An org-wide install lost access to some of the organisation's workspaces: their data goes and their link to
 * the organisation's install; the organisation's other workspaces are untouched.
 */
export async function teamAccessRevoked({ event }: TeamAccessRevokedArgs, deps: CoachDeps): Promise<void> {
  for (const teamId of event.team_ids ?? []) {
    try {
      await deps.store.installations.deleteInstallation({
        teamId,
        enterpriseId: null,
        isEnterpriseInstall: false,
      });
      await forgetWorkspace(deps, teamId, 'team access revoked');
    } catch (error) {
      deps.logger.error(
        `Deleting the data of workspace ${teamId} after team_access_revoked failed: ${describeApiError(error)}`,
      );
    }
  }
}
