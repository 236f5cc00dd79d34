import type { RespondArguments } from '@slack/bolt';
import { type CoachDeps, logFailure, userFacingError } from '../../coach.ts';
import { parseCommand } from '../../command-parser.ts';
import { type CommandContext, runCommand } from '../../command-runner.ts';
import type { RenderedMessage } from '../../render/message.ts';

export interface StarPracticeArgs {
  /** `text` is absent when a client sends the bare command without the field (Slack itself sends ''). */
  command: { text?: string; user_id: string; team_id: string; channel_id: string };
  ack: () => Promise<void>;
  respond: (message: RespondArguments) => Promise<unknown>;
}

/** `/star-practice [text]`: acknowledged at once; the work (and any reply) follows through response_url. */
export async function starPractice(
  { command, ack, respond }: StarPracticeArgs,
  deps: CoachDeps,
): Promise<void> {
  await ack();
  const key = { workspaceId: command.team_id, userId: command.user_id };
  const reply = async (message: RenderedMessage) => {
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      text: message.text,
      blocks: message.blocks,
    });
  };
  const ctx: CommandContext = {
    key,
    reply,
    channel: command.channel_id,
    openDm: () => deps.slackFor(key.workspaceId).openDm(command.user_id),
  };
  const parsed = parseCommand(command.text ?? '', deps.bank);
  deps.logger.debug(`/star-practice ${parsed.kind} from user ${key.userId}`);
  try {
    await deps.afterPendingRequests();
    await runCommand(deps, ctx, parsed);
  } catch (error) {
    logFailure(deps, `/star-practice ${parsed.kind}`, key, error);
    await reply(userFacingError(error)).catch((replyError: unknown) =>
      logFailure(deps, 'Replying to /star-practice', key, replyError),
    );
  }
}
