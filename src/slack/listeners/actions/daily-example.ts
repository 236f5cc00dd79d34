import { findQuestion } from '../../../coach/resolve.ts';
import { type CoachDeps, logFailure } from '../../coach.ts';
import { renderStrongExample } from '../../render/daily.ts';
import { renderText } from '../../render/message.ts';
import { type ActionArgs, actionUserKey } from './payload.ts';

/** "See a strong example" under a daily question: shown only to the person who clicked. */
export async function dailyExample(args: ActionArgs, deps: CoachDeps): Promise<void> {
  await args.ack();
  await deps.afterPendingRequests();
  const question = findQuestion(deps.bank, args.action.value ?? '');
  const message = question
    ? renderStrongExample(question)
    : renderText('That question is no longer in the bank.');
  await args
    .respond({ response_type: 'ephemeral', replace_original: false, ...message })
    .catch((error: unknown) => logFailure(deps, 'Showing a strong example', actionUserKey(args.body), error));
}
