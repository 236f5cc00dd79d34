import { loadStories } from '../service/story-bank.ts';
import type { UserKey } from '../store/types.ts';
import type { CoachDeps } from './coach.ts';
import { renderHome } from './render/home.ts';
import { packViewFor } from './user-pack.ts';

/** Publishes the user's App Home dashboard from their stored progress. */
export async function publishHome(deps: CoachDeps, key: UserKey): Promise<void> {
  const now = deps.clock();
  const { user, pack, bank } = await packViewFor(deps, key);
  const progress = await deps.store.progress(
    key,
    bank.principles.map((p) => p.id),
    now,
  );
  const stories = await loadStories(deps, key);
  const view = renderHome(
    bank,
    {
      progress,
      level: user?.level ?? 'mid',
      lens: user?.lens ?? null,
      family: user?.jobFamily ?? null,
      pack,
    },
    stories,
  );
  await deps.slack.publishHome(key.userId, view);
}
