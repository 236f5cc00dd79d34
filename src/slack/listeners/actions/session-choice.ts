import { END_CHOICES, message } from '../../../coach/messages.ts';
import { findQuestion } from '../../../coach/resolve.ts';
import type { ChoiceId } from '../../../coach/types.ts';
import { PART_NAMES } from '../../../content/schema.ts';
import type { UserKey } from '../../../store/types.ts';
import { CHOICE_ACTION } from '../../action-ids.ts';
import { clickEventId } from '../../click-id.ts';
import { type CoachDeps, logFailure, queueReply, slackReply, userFacingError } from '../../coach.ts';
import { renderText } from '../../render/message.ts';
import { offerNudgesOnce } from '../../spaced.ts';
import { type ActionArgs, type ActionBody, actionUserKey, answeredMessage } from './payload.ts';

const HANDLED = ['retry', 'next', 'done', 'show-example', 'skip-follow-up'] as const;
type HandledChoice = (typeof HANDLED)[number];
const isHandled = (value: string): value is HandledChoice => (HANDLED as readonly string[]).includes(value);
const isEndChoice = (choice: ChoiceId) => choice === 'retry' || choice === 'next' || choice === 'done';

/** One click per message counts: end choices share one slot (retry, next and done exclude each other). */
function clickId(channel: string, body: ActionBody, choice: HandledChoice): string | null {
  const ts = body.message?.ts;
  return ts ? clickEventId(channel, ts, isEndChoice(choice) ? 'end' : choice) : null;
}

async function showStrongExample(deps: CoachDeps, key: UserKey, channel: string): Promise<void> {
  const latest = (await deps.store.listSessions(key))[0];
  const question = latest && findQuestion(deps.bank, latest.questionId);
  if (!question)
    return queueReply(deps, key, channel, renderText('There is no question to show an example for yet.'));
  const example = message(
    ...PART_NAMES.map((part) => ({ kind: 'example', part, text: question.parts[part].good }) as const),
  );
  return queueReply(deps, key, channel, [example]);
}

async function apply(
  deps: CoachDeps,
  args: ActionArgs,
  key: UserKey,
  channel: string,
  choice: HandledChoice,
) {
  const active = await deps.service.getActiveSession(key);
  if (isEndChoice(choice) && active) {
    await args.respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: 'That button belongs to a finished session. You have one in progress: carry on in this DM, or type `stop` first.',
    });
    return;
  }
  if (!active && choice === 'show-example') return showStrongExample(deps, key, channel);
  if (!active && choice === 'skip-follow-up')
    return queueReply(deps, key, channel, renderText('There is no follow-up to skip right now.'));

  const id = clickId(channel, args.body, choice);
  if (id && !(await deps.store.claimEvent(id, deps.clock()))) {
    deps.logger.info(`Ignored a repeated "${choice}" click from user ${key.userId}.`);
    return;
  }
  const outcome = await deps.service.turn(key, { kind: 'choice', choice }, slackReply(channel));
  if (outcome.kind === 'applied') {
    deps.deliverer.kick();
    await offerNudgesOnce(deps, key, channel, outcome.session);
  }
  if (outcome.kind === 'farewell') await queueReply(deps, key, channel, outcome.messages);
  if (outcome.kind === 'no-session') {
    await queueReply(
      deps,
      key,
      channel,
      renderText('There is nothing to continue. Start a session with `/star-practice`.'),
    );
  }
  if (choice === 'show-example') return;
  const label = END_CHOICES.find((c) => c.id === choice)?.label ?? 'Skipped this follow-up';
  await args
    .respond(answeredMessage(args.body, `:ballot_box_with_check: ${label}`))
    .catch((error: unknown) => {
      logFailure(deps, 'Updating the clicked message', key, error);
    });
}

/** Buttons under coaching messages: next / retry / done, show a strong example, skip a follow-up. */
export async function sessionChoice(args: ActionArgs, deps: CoachDeps): Promise<void> {
  await args.ack();
  await deps.afterPendingRequests();
  const key = actionUserKey(args.body);
  const choice = CHOICE_ACTION.exec(args.action.action_id)?.[1] ?? '';
  if (!isHandled(choice)) {
    deps.logger.warn(
      `Ignored an unknown button ${args.action.action_id.slice(0, 60)} from user ${key.userId}.`,
    );
    return;
  }
  try {
    const channel = args.body.channel?.id ?? (await deps.slackFor(key.workspaceId).openDm(key.userId));
    await apply(deps, args, key, channel, choice);
  } catch (error) {
    logFailure(deps, `The "${choice}" button`, key, error);
    await args
      .respond({ response_type: 'ephemeral', replace_original: false, ...userFacingError(error) })
      .catch((replyError: unknown) => logFailure(deps, 'Telling the user about a failure', key, replyError));
  }
}
