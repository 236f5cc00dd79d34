import { LENS_IDS, LEVELS, type LensId, type Level } from '../../../content/schema.ts';
import { type CoachDeps, logFailure } from '../../coach.ts';
import { publishHome } from '../../home.ts';
import { NO_LENS } from '../../render/home.ts';
import { type ActionArgs, actionUserKey } from './payload.ts';

const isLevel = (value: string): value is Level => (LEVELS as readonly string[]).includes(value);
const isLens = (value: string): value is LensId => (LENS_IDS as readonly string[]).includes(value);

/** Level and lens buttons on the Home tab: save the choice and re-publish the tab. */
export async function homeSettings(args: ActionArgs, deps: CoachDeps): Promise<void> {
  await args.ack();
  await deps.afterPendingRequests();
  const key = actionUserKey(args.body);
  const value = args.action.value ?? '';
  const changes = isLevel(value)
    ? { level: value }
    : isLens(value)
      ? { lens: value }
      : value === NO_LENS
        ? { lens: null }
        : undefined;
  if (!changes) {
    deps.logger.warn(`Ignored a Home tab button with an unknown value from user ${key.userId}.`);
    return;
  }
  try {
    await deps.store.upsertUser(key, changes, deps.clock());
    await publishHome(deps, key);
  } catch (error) {
    logFailure(deps, 'Changing level or lens from the Home tab', key, error);
  }
}
