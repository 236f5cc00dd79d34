import type { CoachInput } from '../../../coach/engine.ts';
import type { UserKey } from '../../../store/types.ts';
import { type CoachDeps, logFailure, queueReply, slackReply, userFacingError } from '../../coach.ts';
import { parseCommand } from '../../command-parser.ts';
import { runCommand } from '../../command-runner.ts';
import { classifyDirectMessage, type DirectMessageInput } from '../../dm-input.ts';
import { type RenderedMessage, renderText } from '../../render/message.ts';
import { offerNudgesOnce } from '../../spaced.ts';

export interface DirectMessageArgs {
  event: unknown;
  body: { event_id?: string; team_id?: string };
  /** The app's bot user in this workspace (OAuth mode); else the configured one. */
  botUserId?: string;
}

const TEXT_ONLY =
  'I can only read text, so I can’t use files or images. Please type or paste your answer as a message.';

type Actionable = Exclude<DirectMessageInput, { kind: 'ignore' }>;

async function handle(deps: CoachDeps, key: UserKey, input: Actionable): Promise<void> {
  if (input.kind === 'file-only') return queueReply(deps, key, input.channel, renderText(TEXT_ONLY));
  const coachInput: CoachInput =
    input.kind === 'edit'
      ? { kind: 'edit', messageId: input.messageId, text: input.text }
      : { kind: 'message', text: input.text, messageId: input.messageId };
  deps.logger.debug(`DM ${input.kind} ${input.messageId} from user ${key.userId}: ${input.text}`);
  const outcome = await deps.service.turn(key, coachInput, slackReply(input.channel));
  switch (outcome.kind) {
    case 'applied':
      deps.deliverer.kick();
      return offerNudgesOnce(deps, key, input.channel, outcome.session);
    case 'duplicate':
      deps.logger.info(`Ignored a repeated delivery of message ${input.messageId} from user ${key.userId}.`);
      return;
    case 'farewell':
      return queueReply(deps, key, input.channel, outcome.messages);
    case 'no-session': {
      if (input.kind === 'edit') return;
      const command = parseCommand(input.text, deps.bank);
      const ctx = {
        key,
        channel: input.channel,
        openDm: async () => input.channel,
        reply: (message: RenderedMessage) => queueReply(deps, key, input.channel, message),
      };
      if (command.kind !== 'unknown') return runCommand(deps, ctx, command);
      const guess = command.suggestion ? ` Did you mean \`${command.suggestion}\`?` : '';
      return ctx.reply(
        renderText(
          `You have no practice session in progress.${guess} Type a principle to start one (for example \`dive deep\`), \`list\` for every question, or \`help\`.`,
        ),
      );
    }
  }
}

/** A message event in the app's DM: drives the user's coaching session (once per event and per message). */
export async function directMessage(
  { event, body, botUserId }: DirectMessageArgs,
  deps: CoachDeps,
): Promise<void> {
  const input = classifyDirectMessage(event, botUserId ?? deps.botUserId);
  if (input.kind === 'ignore') {
    deps.logger.debug(`Ignored a message event: ${input.reason}.`);
    return;
  }
  const key = { workspaceId: body.team_id ?? 'unknown', userId: input.userId };
  try {
    await deps.afterPendingRequests();
    const result = await deps.gate.once(body.event_id, () => handle(deps, key, input));
    if (result === 'duplicate') deps.logger.info(`Ignored a repeated delivery of event ${body.event_id}.`);
  } catch (error) {
    logFailure(deps, `Handling a DM ${input.kind}`, key, error);
    await queueReply(deps, key, input.channel, userFacingError(error)).catch((replyError: unknown) =>
      logFailure(deps, 'Telling the user about a failure', key, replyError),
    );
  }
}
