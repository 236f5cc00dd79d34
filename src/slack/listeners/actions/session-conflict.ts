import { z } from 'zod';
import { resumeMessages } from '../../../coach/engine.ts';
import type { StartSelector } from '../../../coach/start.ts';
import type { UserKey } from '../../../store/types.ts';
import { ACTION } from '../../action-ids.ts';
import { clickEventId } from '../../click-id.ts';
import { type CoachDeps, logFailure, queueReply, startInDm, userFacingError } from '../../coach.ts';
import { renderText } from '../../render/message.ts';
import { type ActionArgs, actionUserKey, answeredMessage } from './payload.ts';

const selectorSchema: z.ZodType<StartSelector> = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('recommended') }),
  z.object({ kind: z.literal('principle'), principleId: z.string().min(1) }),
  z.object({ kind: z.literal('question'), questionId: z.string().min(1) }),
  z.object({ kind: z.literal('mock'), size: z.union([z.literal(3), z.literal(4), z.literal(5)]) }),
]);

function parseSelector(value: string | undefined): StartSelector | undefined {
  try {
    const parsed = selectorSchema.safeParse(JSON.parse(value ?? ''));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

async function abandonAndStart(deps: CoachDeps, args: ActionArgs, key: UserKey, dm: string): Promise<void> {
  const selector = parseSelector(args.action.value);
  if (!selector) {
    deps.logger.warn(`An abandon button from user ${key.userId} carried no valid selector.`);
    return queueReply(
      deps,
      key,
      dm,
      renderText('That button no longer works. Start again with `/star-practice`.'),
    );
  }
  const outcome = await startInDm(deps, key, dm, selector, { replace: true });
  if (outcome.kind === 'error') return queueReply(deps, key, dm, renderText(outcome.message));
  if (outcome.kind === 'started') {
    await args
      .respond(
        answeredMessage(
          args.body,
          ':ballot_box_with_check: Abandoned the earlier session and started a new one.',
        ),
      )
      .catch((error: unknown) => logFailure(deps, 'Updating the clicked message', key, error));
  }
}

async function keepSession(deps: CoachDeps, args: ActionArgs, key: UserKey, dm: string): Promise<void> {
  const active = await deps.service.getActiveSession(key);
  await args
    .respond(answeredMessage(args.body, ':ballot_box_with_check: Kept your session.'))
    .catch((error: unknown) => logFailure(deps, 'Updating the clicked message', key, error));
  if (!active)
    return queueReply(
      deps,
      key,
      dm,
      renderText('You have no session in progress any more. Start one with `/star-practice`.'),
    );
  return queueReply(deps, key, dm, resumeMessages(deps.bank, active.state));
}

/** The buttons asking whether to abandon a session in progress for a new one. */
export async function sessionConflict(args: ActionArgs, deps: CoachDeps): Promise<void> {
  await args.ack();
  await deps.afterPendingRequests();
  const key = actionUserKey(args.body);
  try {
    const dm = args.body.channel?.id ?? (await deps.slackFor(key.workspaceId).openDm(key.userId));
    const ts = args.body.message?.ts;
    if (ts && !(await deps.store.claimEvent(clickEventId(dm, ts, 'conflict'), deps.clock()))) {
      deps.logger.info(`Ignored a repeated abandon/keep click from user ${key.userId}.`);
      return;
    }
    if (args.action.action_id === ACTION.abandonAndStart) await abandonAndStart(deps, args, key, dm);
    else await keepSession(deps, args, key, dm);
  } catch (error) {
    logFailure(deps, 'The abandon/keep button', key, error);
    await args
      .respond({ response_type: 'ephemeral', replace_original: false, ...userFacingError(error) })
      .catch((replyError: unknown) => logFailure(deps, 'Telling the user about a failure', key, replyError));
  }
}
