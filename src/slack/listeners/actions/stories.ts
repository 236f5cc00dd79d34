import type { RespondArguments } from '@slack/bolt';
import { changeStory, type StoryAction, storyOverview } from '../../../service/story-bank.ts';
import type { UserKey } from '../../../store/types.ts';
import { ACTION } from '../../action-ids.ts';
import { type CoachDeps, logFailure, queueReply, slackReply, userFacingError } from '../../coach.ts';
import { publishHome } from '../../home.ts';
import { renderText } from '../../render/message.ts';
import { renderStories } from '../../render/stories.ts';
import { postStories } from '../commands/stories.ts';
import { type ActionArgs, actionUserKey, answeredMessage } from './payload.ts';

/** What a story-bank control sends: a button's value, a select's option, or the text typed in an input. */
interface StoryControl {
  action_id: string;
  block_id?: string;
  value?: string;
  selected_option?: { value: string };
}

/** "<story id> <argument>" from a select option. */
function split(value: string | undefined): [string, string] {
  const text = value ?? '';
  const space = text.indexOf(' ');
  return space === -1 ? [text, ''] : [text.slice(0, space), text.slice(space + 1)];
}

/** The story and the change a control asks for; undefined when the payload is not one we render. */
function requested(control: StoryControl): { storyId: string; action: StoryAction } | undefined {
  const id = control.action_id;
  if (id.startsWith(`${ACTION.storyTag}.`)) {
    return {
      storyId: control.value ?? '',
      action: { kind: 'tag', principles: [id.slice(ACTION.storyTag.length + 1)] },
    };
  }
  if (id === ACTION.storyTagSelect) {
    const [storyId, principle] = split(control.selected_option?.value);
    return { storyId, action: { kind: 'tag', principles: [principle] } };
  }
  if (id === ACTION.storyMerge) {
    const [storyId, other] = split(control.selected_option?.value);
    return { storyId, action: { kind: 'merge', other } };
  }
  if (id === ACTION.storyRetire) return { storyId: control.value ?? '', action: { kind: 'retire' } };
  if (id.startsWith(`${ACTION.storyRestore}.`))
    return { storyId: control.value ?? '', action: { kind: 'restore' } };
  if (id === ACTION.storyRename) {
    const storyId = (control.block_id ?? '').replace(/^story-rename\./, '');
    return { storyId, action: { kind: 'rename', title: control.value ?? '' } };
  }
  return undefined;
}

async function refreshHome(deps: CoachDeps, key: UserKey): Promise<void> {
  await publishHome(deps, key).catch((error: unknown) =>
    logFailure(deps, 'Refreshing the Home tab', key, error),
  );
}

/**
 * Tag, merge, retire, restore and rename from the story bank message (or the buttons it offers). The change
 * is scoped by the clicking person, never by the ids in the payload alone; the message is replaced by the
 * updated story bank, with what changed on top.
 */
export async function storyChange(args: ActionArgs, deps: CoachDeps): Promise<void> {
  await args.ack();
  await deps.afterPendingRequests();
  const key = actionUserKey(args.body);
  const control = args.action as StoryControl;
  const wanted = requested(control);
  const respond = (message: RespondArguments) =>
    args.respond(message).catch((error: unknown) => logFailure(deps, 'Answering a story change', key, error));
  if (!wanted) {
    deps.logger.warn(
      `Ignored an unknown story control ${control.action_id.slice(0, 60)} from user ${key.userId}.`,
    );
    return;
  }
  try {
    const result = await changeStory(deps, key, wanted.storyId, wanted.action);
    if (!result.ok) {
      await respond({ response_type: 'ephemeral', replace_original: false, ...renderText(result.text) });
      return;
    }
    deps.logger.info(`Story ${wanted.action.kind} by user ${key.userId}.`);
    if (args.body.message) {
      const overview = await storyOverview(deps, key);
      await respond({ replace_original: true, ...renderStories(deps.bank, overview, result.text) });
    } else {
      await postStories(deps, key, await deps.slackFor(key.workspaceId).openDm(key.userId), result.text);
    }
    await refreshHome(deps, key);
  } catch (error) {
    logFailure(deps, `Story ${wanted.action.kind}`, key, error);
    await respond({ response_type: 'ephemeral', replace_original: false, ...userFacingError(error) });
  }
}

/** "See all" under the App Home's Stories section: the whole story bank in the DM. */
export async function storiesSeeAll(args: ActionArgs, deps: CoachDeps): Promise<void> {
  await args.ack();
  await deps.afterPendingRequests();
  const key = actionUserKey(args.body);
  try {
    await postStories(deps, key, await deps.slackFor(key.workspaceId).openDm(key.userId));
  } catch (error) {
    logFailure(deps, 'Showing the story bank', key, error);
  }
}

/** A story chosen under a new question ("Use one of your stories"): the session retells it. */
export async function storyUse(args: ActionArgs, deps: CoachDeps): Promise<void> {
  await args.ack();
  await deps.afterPendingRequests();
  const key = actionUserKey(args.body);
  const number = Number(args.action.value);
  try {
    const channel = args.body.channel?.id ?? (await deps.slackFor(key.workspaceId).openDm(key.userId));
    const outcome = await deps.service.useStory(key, number, slackReply(channel));
    if (outcome.kind === 'applied') deps.deliverer.kick();
    if (outcome.kind === 'no-session') {
      await queueReply(
        deps,
        key,
        channel,
        renderText('That question is finished. Start a new one with `/star-practice`.'),
      );
      return;
    }
    await args
      .respond(answeredMessage(args.body, `:ballot_box_with_check: Telling story ${number}`))
      .catch((error: unknown) => logFailure(deps, 'Updating the clicked message', key, error));
  } catch (error) {
    logFailure(deps, 'Using a story', key, error);
    await args
      .respond({ response_type: 'ephemeral', replace_original: false, ...userFacingError(error) })
      .catch((replyError: unknown) => logFailure(deps, 'Telling the user about a failure', key, replyError));
  }
}
