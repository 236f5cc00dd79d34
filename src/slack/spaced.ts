import { isAllowedNudgeTime } from '../coach/spaced-nudges.ts';
import { dueFor, type NudgeOutlet } from '../schedule/spaced-nudger.ts';
import { localDateTime } from '../schedule/zoned-time.ts';
import type { SessionRecord, UserKey } from '../store/types.ts';
import { type CoachDeps, queueReply } from './coach.ts';
import type { CommandContext } from './command-runner.ts';
import { parseTimeOfDay } from './daily-command.ts';
import type { PreRendered } from './deliverer.ts';
import type { Block } from './render/limits.ts';
import { renderText } from './render/message.ts';
import { describeNudges, hhmm, homeDueBlocks, renderNudge, renderNudgeOffer } from './render/spaced.ts';

/** What `/star-practice nudges ...` asks for. */
export type NudgesCommand =
  | { kind: 'on'; minutes: number | null }
  | { kind: 'off' }
  | { kind: 'status' }
  | { kind: 'invalid'; problem: string };

export const NUDGES_USAGE = '`/star-practice nudges on [HH:MM]`, `nudges off` or `nudges status`';

export function parseNudgesCommand(argument: string): NudgesCommand {
  const [action = '', ...rest] = argument.trim().toLowerCase().split(/\s+/);
  if (action === '' || action === 'status') return { kind: 'status' };
  if (action === 'off' || action === 'stop') return rest.length === 0 ? { kind: 'off' } : invalid();
  if (action !== 'on') return invalid();
  if (rest.length === 0) return { kind: 'on', minutes: null };
  const minutes = parseTimeOfDay(rest.join(' ').replace(/^at\s+/, ''));
  if (typeof minutes !== 'number') return invalid('That is not a time: use for example `nudges on 09:30`.');
  if (!isAllowedNudgeTime(minutes))
    return invalid(`${hhmm(minutes)} is in quiet hours: nudges go out between 08:00 and 20:00 your time.`);
  return { kind: 'on', minutes };
}

function invalid(problem = `Use ${NUDGES_USAGE}.`): NudgesCommand {
  return { kind: 'invalid', problem };
}

/** Nudges follow the person's Slack time zone: refreshed whenever they turn nudges on or change the time. */
async function syncTimeZone(deps: CoachDeps, key: UserKey): Promise<void> {
  const zone = await deps
    .slackFor(key.workspaceId)
    .userTimeZone(key.userId)
    .catch(() => null);
  if (zone) await deps.store.upsertUser(key, { timeZone: zone }, deps.clock());
}

export async function setNudges(
  deps: CoachDeps,
  key: UserKey,
  changes: { enabled?: boolean; minutes?: number },
): Promise<void> {
  if (changes.enabled !== false) await syncTimeZone(deps, key);
  await deps.store.spaced.saveNudges(key, { ...changes, snoozedUntil: null }, deps.clock());
}

/** Runs `/star-practice nudges ...`. */
export async function runNudges(deps: CoachDeps, ctx: CommandContext, command: NudgesCommand): Promise<void> {
  switch (command.kind) {
    case 'invalid':
      return ctx.reply(renderText(command.problem));
    case 'status':
      return ctx.reply(
        renderText(describeNudges(await deps.store.spaced.getNudges(ctx.key)).replace(/\*/g, '')),
      );
    case 'off':
      await setNudges(deps, ctx.key, { enabled: false });
      return ctx.reply(
        renderText('Re-practice nudges are off. Turn them back on with `/star-practice nudges on`.'),
      );
    case 'on':
      await setNudges(deps, ctx.key, {
        enabled: true,
        ...(command.minutes === null ? {} : { minutes: command.minutes }),
      });
      return ctx.reply(
        renderText(
          `${describeNudges(await deps.store.spaced.getNudges(ctx.key)).replace(/\*/g, '')} Stop any time with \`/star-practice nudges off\`.`,
        ),
      );
  }
}

/**
 * After a person's first finished session (its follow-ups done), offers nudges once. The offer is recorded before
 * it is queued, so a retried turn does not offer twice.
 */
export async function offerNudgesOnce(
  deps: CoachDeps,
  key: UserKey,
  channel: string,
  session: SessionRecord,
): Promise<void> {
  if (session.status !== 'completed' || session.state.step.kind === 'follow-up') return;
  const existing = await deps.store.spaced.getNudges(key);
  if (existing?.offeredAt != null || existing?.enabled) return;
  if (!(await deps.store.spaced.markOffered(key, deps.clock()))) return;
  await queueReply(deps, key, channel, renderNudgeOffer());
}

/** The Home tab's Due list and nudge settings. */
export async function homeDue(deps: CoachDeps, key: UserKey): Promise<Block[]> {
  const now = deps.clock();
  const user = await deps.store.getUser(key);
  const timeZone = user?.timeZone ?? 'UTC';
  const items = await dueFor(
    deps.store,
    deps.bank.principles.map((p) => p.id),
    key,
    timeZone,
    now,
  );
  return homeDueBlocks(
    deps.bank,
    items,
    localDateTime(now, timeZone).date,
    await deps.store.spaced.getNudges(key),
  );
}

/** How the nudger reaches Slack: the person's DM, a rendered nudge, and a kick for the deliverer. */
export function slackNudgeOutlet(deps: Pick<CoachDeps, 'slackFor' | 'bank' | 'deliverer'>): NudgeOutlet {
  return {
    dmFor: (key) => deps.slackFor(key.workspaceId).openDm(key.userId),
    render: (due, today) => ({ rendered: renderNudge(deps.bank, due, today) }) satisfies PreRendered,
    queued: () => deps.deliverer.kick(),
  };
}
