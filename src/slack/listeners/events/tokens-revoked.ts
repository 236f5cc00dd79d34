import { describeApiError } from '../../api-errors.ts';
import type { CoachDeps } from '../../coach.ts';
import { forgetUser } from '../../your-data.ts';
import { type LeavingBody, workspaceLeft } from './workspace-left.ts';

export interface TokensRevokedArgs {
  event: { tokens?: { oauth?: string[]; bot?: string[] } };
  body: LeavingBody;
}

/**
 * Tokens were revoked. The bot token means the workspace has cut the app off: its installation and whole data go
 * (as on app_uninstalled, in either order). A user's own
 * token means that person withdrew: their data goes. Each deletion logs its counts, never names.
 */
export async function tokensRevoked({ event, body }: TokensRevokedArgs, deps: CoachDeps): Promise<void> {
  const workspaceId = body.team_id;
  const users = event.tokens?.oauth ?? [];
  const bot = event.tokens?.bot ?? [];
  if (!workspaceId) {
    deps.logger.warn('tokens_revoked arrived without a team id: nothing was deleted.');
    return;
  }
  try {
    if (bot.length > 0) {
      await workspaceLeft(deps, body, 'bot token revoked');
      return;
    }
    for (const userId of users) await forgetUser(deps, { workspaceId, userId }, 'user token revoked');
  } catch (error) {
    deps.logger.error(
      `Deleting data in workspace ${workspaceId} after tokens_revoked failed: ${describeApiError(error)}`,
    );
  }
}
