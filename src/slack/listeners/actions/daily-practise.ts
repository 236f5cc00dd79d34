import { findQuestion } from '../../../coach/resolve.ts';
import { type CoachDeps, logFailure, startInDm, userFacingError } from '../../coach.ts';
import { parseDailyPractiseValue } from '../../render/daily.ts';
import { renderText } from '../../render/message.ts';
import { type ActionArgs, actionUserKey } from './payload.ts';

const ephemeral = (text: string) => ({
  response_type: 'ephemeral' as const,
  replace_original: false,
  ...renderText(text),
});

/** "Practise this in DM" under a daily question: counts the person (a count only) and starts that question in DM. */
export async function dailyPractise(args: ActionArgs, deps: CoachDeps): Promise<void> {
  await args.ack();
  await deps.afterPendingRequests();
  const key = actionUserKey(args.body);
  const prompt = parseDailyPractiseValue(args.action.value);
  const question = prompt ? findQuestion(deps.bank, prompt.questionId) : undefined;
  try {
    if (!prompt || !question) {
      await args.respond(
        ephemeral('That question is no longer in the bank. Try `/star-practice` for another one.'),
      );
      return;
    }
    const channelId = args.body.channel?.id;
    if (channelId)
      await deps.store.daily.recordPractice(
        { workspaceId: key.workspaceId, channelId },
        prompt.localDate,
        key.userId,
        deps.clock(),
      );
    const dm = await deps.slackFor(key.workspaceId).openDm(key.userId);
    const outcome = await startInDm(deps, key, dm, { kind: 'question', questionId: question.id });
    const reply =
      outcome.kind === 'started'
        ? 'I’ve sent you the question in our DM: only you will see your answers.'
        : outcome.kind === 'conflict'
          ? 'You already have a session in progress: I’ve asked you in our DM whether to switch.'
          : outcome.message;
    await args.respond(ephemeral(reply));
  } catch (error) {
    logFailure(deps, 'Practising the daily question', key, error);
    await args
      .respond({ response_type: 'ephemeral', replace_original: false, ...userFacingError(error) })
      .catch((replyError: unknown) => logFailure(deps, 'Telling the user about a failure', key, replyError));
  }
}
