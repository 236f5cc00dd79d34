import type { DeletionReport } from '../../../store/types.ts';
import { ACTION } from '../../action-ids.ts';
import { type CoachDeps, logFailure, userFacingError } from '../../coach.ts';
import { publishHome } from '../../home.ts';
import {
  isEmptyDeletion,
  renderForgetCancelled,
  renderForgetReport,
  renderNothingToForget,
} from '../../render/your-data.ts';
import { forgetUser } from '../../your-data.ts';
import { type ActionArgs, actionUserKey } from './payload.ts';

/**
 * "Delete everything" / "Cancel" under the forget-me question. The deletion is scoped by the clicking user's
 * team and user id from the payload, never by the button's value. The counts replace the question; a repeated
 * click finds nothing left and says so in a separate note, leaving the counts in view.
 */
export async function forgetMe(args: ActionArgs, deps: CoachDeps): Promise<void> {
  await args.ack();
  await deps.afterPendingRequests();
  const key = actionUserKey(args.body);
  const reply = (message: Parameters<ActionArgs['respond']>[0]) =>
    args.respond(message).catch((error: unknown) => logFailure(deps, 'Answering forget-me', key, error));

  if (args.action.action_id === ACTION.forgetCancel) {
    await reply({ replace_original: true, ...renderForgetCancelled() });
    return;
  }
  let report: DeletionReport;
  try {
    report = await forgetUser(deps, key, 'forget-me');
  } catch (error) {
    logFailure(deps, 'Forget-me', key, error);
    await reply({ response_type: 'ephemeral', replace_original: false, ...userFacingError(error) });
    return;
  }
  if (isEmptyDeletion(report)) {
    await reply({ response_type: 'ephemeral', replace_original: false, ...renderNothingToForget() });
    return;
  }
  await reply({ replace_original: true, ...renderForgetReport(report) });
  // The Home tab still shows the old dashboard until it is republished (from what is now an empty record).
  await publishHome(deps, key).catch((error: unknown) =>
    logFailure(deps, 'Clearing the Home tab', key, error),
  );
}
