import { changeStory, planStories, type StoryAction, storyOverview } from '../../../service/story-bank.ts';
import type { UserKey } from '../../../store/types.ts';
import { type CoachDeps, queueReply } from '../../coach.ts';
import type { CommandContext } from '../../command-runner.ts';
import { renderText } from '../../render/message.ts';
import { renderPlan, renderStories } from '../../render/stories.ts';

/** Posts the person's story bank (stories, buttons, coverage matrix) to their DM, with an optional note on top. */
export async function postStories(deps: CoachDeps, key: UserKey, dm: string, note?: string): Promise<void> {
  const overview = await storyOverview(deps, key);
  await queueReply(deps, key, dm, renderStories(deps.bank, overview, note));
}

/** `/star-practice stories`: answered in the DM, where only the person sees their stories. */
export async function showStories(deps: CoachDeps, ctx: CommandContext): Promise<void> {
  const dm = await ctx.openDm();
  await postStories(deps, ctx.key, dm);
  if (ctx.channel !== dm) await ctx.reply(renderText('I’ve sent your story bank to our DM.'));
}

/** `/star-practice story N <change>`: the change, then the updated story bank in the DM. */
export async function changeStoryCommand(
  deps: CoachDeps,
  ctx: CommandContext,
  story: string,
  action: StoryAction,
): Promise<void> {
  const result = await changeStory(deps, ctx.key, story, action);
  if (!result.ok) return ctx.reply(renderText(result.text));
  const dm = await ctx.openDm();
  await postStories(deps, ctx.key, dm, result.text);
  if (ctx.channel !== dm) await ctx.reply(renderText(`${result.text} Your story bank is in our DM.`));
}

/** `/star-practice plan …`: answered where it was typed, only to the person. */
export async function planCommand(deps: CoachDeps, ctx: CommandContext, input: string): Promise<void> {
  const result = await planStories(deps, ctx.key, input);
  return ctx.reply(result.ok ? renderPlan(deps.bank, result) : renderText(result.text));
}
