import { viewOf } from '../coach/score-view.ts';
import { exportMarkdown } from '../export/markdown.ts';
import { spacedMarkdown } from '../export/spaced.ts';
import { dueFor } from '../schedule/spaced-nudger.ts';
import { localDateTime } from '../schedule/zoned-time.ts';
import { loadStories } from '../service/story-bank.ts';
import type { DeletionReport, UserKey } from '../store/types.ts';
import { classifyApiError } from './api-errors.ts';
import { type CoachDeps, logFailure } from './coach.ts';
import type { CommandContext } from './command-runner.ts';
import {
  describeDeletion,
  renderExportFailed,
  renderExportSent,
  renderNothingToExport,
  storyBankFile,
} from './render/your-data.ts';

/** `/star-practice export`: every session of the user as a Markdown file in their DM. */
export async function exportStoryBank(deps: CoachDeps, ctx: CommandContext): Promise<void> {
  const sessions = await deps.store.listSessions(ctx.key);
  if (sessions.length === 0) return ctx.reply(renderNothingToExport());
  const now = deps.clock();
  const stories = await loadStories(deps, ctx.key);
  const user = await deps.store.getUser(ctx.key);
  const timeZone = user?.timeZone ?? 'UTC';
  const items = await dueFor(
    deps.store,
    deps.bank.principles.map((p) => p.id),
    ctx.key,
    timeZone,
    now,
  );
  const spaced = spacedMarkdown(
    deps.bank,
    items,
    localDateTime(now, timeZone).date,
    await deps.store.spaced.getNudges(ctx.key),
    await deps.store.spaced.allSentDates(ctx.key),
  );
  const file = storyBankFile(
    `${exportMarkdown(deps.bank, sessions, now, stories, viewOf(user))}\n${spaced}`,
    sessions.length,
    now,
  );
  let dm: string;
  try {
    dm = await ctx.openDm();
    await deps.slackFor(ctx.key.workspaceId).uploadFile(dm, file);
  } catch (error) {
    logFailure(deps, 'Exporting the story bank', ctx.key, error);
    return ctx.reply(renderExportFailed(classifyApiError(error)));
  }
  deps.logger.info(`Exported ${sessions.length} session(s) for user ${ctx.key.userId} to their DM.`);
  if (ctx.channel !== dm) await ctx.reply(renderExportSent());
}

/**
 * Erases everything stored about one person in one workspace. It runs in the person's turn queue, so a message
 * being processed finishes first and cannot write their session back; the cached DM id goes too.
 */
export async function forgetUser(deps: CoachDeps, key: UserKey, why: string): Promise<DeletionReport> {
  const report = await deps.service.forget(key);
  deps.slackFor(key.workspaceId).forgetDm(key.userId);
  // Counts only: the person asked to be forgotten, so the log does not name them.
  deps.logger.info(`Deleted a user's data in ${key.workspaceId} (${why}): ${describeDeletion(report)}.`);
  return report;
}

/** Erases a whole workspace's data (the app was uninstalled or its bot token revoked). */
export async function forgetWorkspace(
  deps: CoachDeps,
  workspaceId: string,
  why: string,
): Promise<DeletionReport> {
  const report = await deps.store.forgetWorkspace(workspaceId);
  deps.forgetWorkspaceClients(workspaceId);
  deps.logger.info(`Deleted the data of workspace ${workspaceId} (${why}): ${describeDeletion(report)}.`);
  return report;
}
