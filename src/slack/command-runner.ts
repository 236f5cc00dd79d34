import { finishedMocks } from '../coach/mock.ts';
import { viewOf } from '../coach/score-view.ts';
import { JOB_FAMILY_NAMES, type JobFamilyId } from '../content/schema.ts';
import type { UserKey } from '../store/types.ts';
import { type CoachDeps, slackReply, startInDm } from './coach.ts';
import type { SlackCommand } from './command-parser.ts';
import { runDaily } from './daily-runner.ts';
import { changeStoryCommand, planCommand, showStories } from './listeners/commands/stories.ts';
import { renderHelp, renderList, renderUnknown } from './render/commands.ts';
import { LENS_LABELS, LEVEL_LABELS } from './render/labels.ts';
import { type RenderedMessage, renderText } from './render/message.ts';
import { renderProgress } from './render/progress.ts';
import { renderForgetConfirmation } from './render/your-data.ts';
import { runNudges } from './spaced.ts';
import { packViewFor } from './user-pack.ts';
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
  const { user, pack, bank } = await packViewFor(deps, ctx.key);
  const result = await deps.store.progress(
    ctx.key,
    bank.principles.map((p) => p.id),
    now,
  );
  return ctx.reply(
    renderProgress(bank, {
      progress: result,
      level: user?.level ?? 'mid',
      lens: user?.lens ?? null,
      family: user?.jobFamily ?? null,
      pack,
      scores: viewOf(user),
      mocks: finishedMocks(bank, await deps.store.listSessions(ctx.key)),
    }),
  );
}

async function list(deps: CoachDeps, ctx: CommandContext) {
  const { pack, bank } = await packViewFor(deps, ctx.key);
  return ctx.reply(renderList(bank, pack));
}

async function setFamily(deps: CoachDeps, ctx: CommandContext, family: JobFamilyId | null) {
  await deps.store.upsertUser(ctx.key, { jobFamily: family }, deps.clock());
  if (!family) return ctx.reply(renderText('Job family cleared: you see each question’s own examples.'));
  const stories = deps.bank.questions.filter((q) => q.jobFamily === family).length;
  const name = JOB_FAMILY_NAMES[family];
  const which =
    stories > 0
      ? `Recommended questions prefer ${name.toLowerCase()} stories, and when a question’s story is from another line of work, its contrasts and hints come from one of the ${stories} ${name.toLowerCase()} walkthroughs.`
      : `There are no ${name.toLowerCase()} walkthroughs yet, so you see each question’s own examples for now.`;
  return ctx.reply(renderText(`Job family set to ${name}. ${which} Your next session uses it.`));
}

async function setPack(deps: CoachDeps, ctx: CommandContext, packId: string | null) {
  await deps.store.upsertUser(ctx.key, { pack: packId }, deps.clock());
  const { pack, bank } = await packViewFor(deps, ctx.key);
  const what = `${pack.name}: ${bank.principles.length} ${pack.kind.plural}, ${bank.questions.length} questions`;
  return ctx.reply(
    renderText(
      `${packId ? 'Pack set to' : 'Back to this workspace’s default pack,'} ${what}. \`/star-practice\` recommends from it, and \`list\` and \`progress\` show it.`,
    ),
  );
}

/** Runs one parsed `/star-practice` command (or the same words typed in the DM with no session in progress). */
export async function runCommand(deps: CoachDeps, ctx: CommandContext, command: SlackCommand): Promise<void> {
  switch (command.kind) {
    case 'start':
      return start(deps, ctx, command);
    case 'mock':
      return start(deps, ctx, { kind: 'start', selector: { kind: 'mock', size: command.size } });
    case 'stop':
      return stop(deps, ctx);
    case 'scores':
      await deps.store.upsertUser(ctx.key, { showScores: command.show }, deps.clock());
      return ctx.reply(
        renderText(
          command.show
            ? 'Scores on: feedback, progress and debriefs show scores and verdicts again.'
            : 'Scores off: you see feedback, your own words, examples and follow-ups, without numeric scores or verdicts, everywhere.',
        ),
      );
    case 'list':
      return list(deps, ctx);
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
    case 'family':
      return setFamily(deps, ctx, command.family);
    case 'pack':
      return setPack(deps, ctx, command.pack);
    case 'daily':
      return runDaily(deps, ctx, command.daily);
    case 'stories':
      return showStories(deps, ctx);
    case 'story':
      return changeStoryCommand(deps, ctx, command.story, command.action);
    case 'plan':
      return planCommand(deps, ctx, command.input);
    case 'nudges':
      return runNudges(deps, ctx, command.nudges);
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
