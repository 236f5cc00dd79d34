import type { UserKey } from '../store/types.ts';
import { type CoachDeps, slackReply, startInDm } from './coach.ts';
import type { SlackCommand } from './command-parser.ts';
import { runDaily } from './daily-runner.ts';
import { renderHelp, renderList, renderUnknown } from './render/commands.ts';
import { LENS_LABELS, LEVEL_LABELS } from './render/labels.ts';
import { type RenderedMessage, renderText } from './render/message.ts';
import { renderProgress } from './render/progress.ts';
import { renderForgetConfirmation } from './render/your-data.ts';
import { exportStoryBank } from './your-data.ts';

export interface CommandContext {
  key: UserKey;
  /** A reply only this user sees: ephemeral for a slash command, the DM for a typed message. */
  reply(message: RenderedMessage): Promise<void>;
  /** Where the command was typed. */
  channel: string;
  /** The user's DM with the app (opened on first use). */
  openDm(): Promise<string>;
}

const SENT_TO_DM =
  'I’ve sent you a DM: your practice session runs there, where only you can see your answers.';

async function start(
  deps: CoachDeps,
  ctx: CommandContext,
  command: Extract<SlackCommand, { kind: 'start' }>,
) {
  const dm = await ctx.openDm();
  const inDm = ctx.channel === dm;
  const outcome = await startInDm(deps, ctx.key, dm, command.selector);
  if (outcome.kind === 'error') return ctx.reply(renderText(outcome.message));
  if (inDm) return;
  if (outcome.kind === 'conflict') {
    return ctx.reply(
      renderText('You already have a session in progress: I’ve asked you in our DM whether to abandon it.'),
    );
  }
  return ctx.reply(renderText(SENT_TO_DM));
}

async function stop(deps: CoachDeps, ctx: CommandContext) {
  const active = await deps.service.getActiveSession(ctx.key);
  if (!active) return ctx.reply(renderText('You have no session in progress.'));
  const dm = await ctx.openDm();
  const outcome = await deps.service.turn(
    ctx.key,
    { kind: 'message', text: 'stop', messageId: null },
    slackReply(dm),
  );
  if (outcome.kind === 'applied') deps.deliverer.kick();
  if (ctx.channel !== dm) await ctx.reply(renderText('Stopped your session. What you typed stays saved.'));
}

async function progress(deps: CoachDeps, ctx: CommandContext) {
  const now = deps.clock();
  const user = await deps.store.getUser(ctx.key);
  const result = await deps.store.progress(
    ctx.key,
    deps.bank.principles.map((p) => p.id),
    now,
  );
  return ctx.reply(
    renderProgress(deps.bank, { progress: result, level: user?.level ?? 'mid', lens: user?.lens ?? null }),
  );
}

/** Runs one parsed `/star-practice` command (or the same words typed in the DM with no session in progress). */
export async function runCommand(deps: CoachDeps, ctx: CommandContext, command: SlackCommand): Promise<void> {
  switch (command.kind) {
    case 'start':
      return start(deps, ctx, command);
    case 'stop':
      return stop(deps, ctx);
    case 'list':
      return ctx.reply(renderList(deps.bank));
    case 'progress':
      return progress(deps, ctx);
    case 'level':
      await deps.store.upsertUser(ctx.key, { level: command.level }, deps.clock());
      return ctx.reply(
        renderText(
          `Level set to ${LEVEL_LABELS[command.level]}. Your next session uses it; one in progress keeps its level.`,
        ),
      );
    case 'lens':
      await deps.store.upsertUser(ctx.key, { lens: command.lens }, deps.clock());
      return ctx.reply(
        renderText(
          command.lens
            ? `Lens set to ${LENS_LABELS[command.lens]}. Your next session uses it.`
            : 'Lens cleared: your next session is coached for any interviewer.',
        ),
      );
    case 'daily':
      return runDaily(deps, ctx, command.daily);
    case 'export':
      return exportStoryBank(deps, ctx);
    case 'forget-me':
      return ctx.reply(renderForgetConfirmation());
    case 'help':
      return ctx.reply(renderHelp());
    case 'invalid':
      return ctx.reply(
        renderText(
          `${command.problem}${command.suggestion ? ` Did you mean \`${command.suggestion}\`?` : ''}`,
        ),
      );
    case 'unknown':
      return ctx.reply(renderUnknown(command.input, command.suggestion));
  }
}
