import { finishedMocks } from '../coach/mock.ts';
import { viewOf } from '../coach/score-view.ts';
import { loadStories } from '../service/story-bank.ts';
import type { UserKey } from '../store/types.ts';
import type { CoachDeps } from './coach.ts';
import { renderHome } from './render/home.ts';
import { type Block, capBlocks, LIMITS } from './render/limits.ts';
import { homeDue } from './spaced.ts';
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
      scores: viewOf(user),
      mocks: finishedMocks(bank, await deps.store.listSessions(key)),
    },
    stories,
  );
  await deps.slackFor(key.workspaceId).publishHome(key.userId, withDue(view, await homeDue(deps, key)));
}

/** The Due list and nudge settings go after the recommendation, before level and lens. */
function withDue(view: ReturnType<typeof renderHome>, due: Block[]): ReturnType<typeof renderHome> {
  const existing = view.blocks as Block[];
  const at = existing.findIndex((b) => b.type === 'divider');
  const blocks = at < 0 ? [...existing, ...due] : [...existing.slice(0, at), ...due, ...existing.slice(at)];
  return { ...view, blocks: capBlocks(blocks, LIMITS.viewBlocks) };
}
