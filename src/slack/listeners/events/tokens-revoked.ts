import { describeApiError } from '../../api-errors.ts';
import type { CoachDeps } from '../../coach.ts';
import { forgetUser, forgetWorkspace } from '../../your-data.ts';

export interface TokensRevokedArgs {
  event: { tokens?: { oauth?: string[]; bot?: string[] } };
  body: { team_id?: string };
}

/**
 * Tokens were revoked. The bot token means the workspace has cut the app off: its whole data goes. A user's own
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
      await forgetWorkspace(deps, workspaceId, 'bot token revoked');
      return;
    }
    for (const userId of users) await forgetUser(deps, { workspaceId, userId }, 'user token revoked');
  } catch (error) {
    deps.logger.error(
      `Deleting data in workspace ${workspaceId} after tokens_revoked failed: ${describeApiError(error)}`,
    );
  }
}
