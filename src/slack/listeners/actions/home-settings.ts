import { parseFamily } from '../../../coach/settings.ts';
import { findPack } from '../../../content/packs.ts';
import { LENS_IDS, LEVELS, type LensId, type Level } from '../../../content/schema.ts';
import type { UserSettings } from '../../../store/types.ts';
import { ACTION } from '../../action-ids.ts';
import { type CoachDeps, logFailure } from '../../coach.ts';
import { publishHome } from '../../home.ts';
import { NO_LENS } from '../../render/home.ts';
import { type ActionArgs, actionUserKey } from './payload.ts';

const isLevel = (value: string): value is Level => (LEVELS as readonly string[]).includes(value);
const isLens = (value: string): value is LensId => (LENS_IDS as readonly string[]).includes(value);

/** The settings a Home tab control asks for; undefined when its value is not one we offer. */
function changesFrom(deps: CoachDeps, actionId: string, value: string): Partial<UserSettings> | undefined {
  if (actionId === ACTION.homeFamily) {
    const family = parseFamily(value);
    return family.ok ? { jobFamily: family.value } : undefined;
  }
  if (actionId === ACTION.homePack) return findPack(deps.bank, value) ? { pack: value } : undefined;
  if (isLevel(value)) return { level: value };
  if (isLens(value)) return { lens: value };
  return value === NO_LENS ? { lens: null } : undefined;
}

/** Level and lens buttons, family and pack menus on the Home tab: save the choice and re-publish the tab. */
export async function homeSettings(args: ActionArgs, deps: CoachDeps): Promise<void> {
  await args.ack();
  await deps.afterPendingRequests();
  const key = actionUserKey(args.body);
  const value = args.action.value ?? args.action.selected_option?.value ?? '';
  const changes = changesFrom(deps, args.action.action_id, value);
  if (!changes) {
    deps.logger.warn(`Ignored a Home tab button with an unknown value from user ${key.userId}.`);
    return;
  }
  try {
    await deps.store.upsertUser(key, changes, deps.clock());
    await publishHome(deps, key);
  } catch (error) {
    logFailure(deps, 'Changing a setting from the Home tab', key, error);
  }
}
