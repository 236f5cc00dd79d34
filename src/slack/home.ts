import type { UserKey } from '../store/types.ts';
import type { CoachDeps } from './coach.ts';
import { renderHome } from './render/home.ts';

/** Publishes the user's App Home dashboard from their stored progress. */
export async function publishHome(deps: CoachDeps, key: UserKey): Promise<void> {
  const now = deps.clock();
  const user = await deps.store.getUser(key);
  const progress = await deps.store.progress(
    key,
    deps.bank.principles.map((p) => p.id),
    now,
  );
  const view = renderHome(deps.bank, { progress, level: user?.level ?? 'mid', lens: user?.lens ?? null });
  await deps.slack.publishHome(key.userId, view);
}
