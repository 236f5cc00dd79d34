import type { CoachDeps } from '../../coach.ts';
import { type LeavingBody, workspaceLeft } from './workspace-left.ts';

export interface AppUninstalledArgs {
  body: LeavingBody;
}

/** The app was removed from a workspace: its installation and everything stored for it go. */
export async function appUninstalled({ body }: AppUninstalledArgs, deps: CoachDeps): Promise<void> {
  await workspaceLeft(deps, body, 'app uninstalled');
}
