import { findPrinciple } from '../../../coach/resolve.ts';
import { type CoachDeps, logFailure, queueReply, startInDm, userFacingError } from '../../coach.ts';
import { renderText } from '../../render/message.ts';
import { type ActionArgs, actionUserKey } from './payload.ts';

/** "Start practising" on the Home tab: the session runs in the user's DM. */
export async function homeStart(args: ActionArgs, deps: CoachDeps): Promise<void> {
  await args.ack();
  await deps.afterPendingRequests();
  const key = actionUserKey(args.body);
  let dm: string | undefined;
  try {
    dm = await deps.slackFor(key.workspaceId).openDm(key.userId);
    const principle = findPrinciple(deps.bank, args.action.value ?? '');
    const selector = principle
      ? ({ kind: 'principle', principleId: principle.id } as const)
      : ({ kind: 'recommended' } as const);
    const outcome = await startInDm(deps, key, dm, selector);
    if (outcome.kind === 'error') await queueReply(deps, key, dm, renderText(outcome.message));
  } catch (error) {
    logFailure(deps, 'Starting from the Home tab', key, error);
    if (dm) {
      await queueReply(deps, key, dm, userFacingError(error)).catch((replyError: unknown) =>
        logFailure(deps, 'Telling the user about a failure', key, replyError),
      );
    }
  }
}
