import { describeApiError } from '../../api-errors.ts';
import type { CoachDeps } from '../../coach.ts';
import { forgetWorkspace } from '../../your-data.ts';

export interface AppUninstalledArgs {
  body: { team_id?: string };
}

/** The app was removed from a workspace: everything stored for that workspace goes. */
export async function appUninstalled({ body }: AppUninstalledArgs, deps: CoachDeps): Promise<void> {
  const workspaceId = body.team_id;
  if (!workspaceId) {
    deps.logger.warn('app_uninstalled arrived without a team id: nothing was deleted.');
    return;
  }
  try {
    await forgetWorkspace(deps, workspaceId, 'app uninstalled');
  } catch (error) {
    deps.logger.error(
      `Deleting the data of workspace ${workspaceId} after app_uninstalled failed: ${describeApiError(error)}`,
    );
  }
}
