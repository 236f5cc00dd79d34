import { type CoachDeps, logFailure } from '../../coach.ts';
import { publishHome } from '../../home.ts';

export interface AppHomeOpenedArgs {
  event: { user: string; tab?: string };
  body: { team_id?: string };
}

/** The Home tab was opened: publish a fresh dashboard. The Messages tab needs nothing. */
export async function appHomeOpened({ event, body }: AppHomeOpenedArgs, deps: CoachDeps): Promise<void> {
  if (event.tab !== 'home') return;
  const key = { workspaceId: body.team_id ?? 'unknown', userId: event.user };
  try {
    await publishHome(deps, key);
  } catch (error) {
    logFailure(deps, 'Publishing the Home tab', key, error);
  }
}
