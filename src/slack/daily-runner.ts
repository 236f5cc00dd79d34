import { parsePack } from '../coach/settings.ts';
import type { ContentBank } from '../content/load.ts';
import { findPack, packIdFor } from '../content/packs.ts';
import { nextPostAt } from '../schedule/due.ts';
import { localDateTime } from '../schedule/zoned-time.ts';
import type { DailyScheduleRecord } from '../store/daily-types.ts';
import type { UserKey } from '../store/types.ts';
import { classifyApiError } from './api-errors.ts';
import type { CoachDeps } from './coach.ts';
import type { CommandContext } from './command-runner.ts';
import type { DailyCommand } from './daily-command.ts';
import { DAILY_USAGE } from './daily-command.ts';
import { pausedAdvice } from './daily-poster.ts';
import { fallbackText, section } from './render/limits.ts';
import { type RenderedMessage, renderText } from './render/message.ts';

const DEFAULT_MINUTES = 9 * 60;
const CHANNEL_ERRORS = new Set(['not_in_channel', 'channel_not_found', 'is_archived', 'restricted_action']);

const hhmm = (minutes: number) =>
  `${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}`;

export function formatWhen(instant: number, timeZone: string): string {
  return new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(instant);
}

const describe = (
  s: Pick<DailyScheduleRecord, 'minutes' | 'timeZone' | 'days' | 'pack'>,
  bank: ContentBank,
) =>
  `${hhmm(s.minutes)} ${s.timeZone}, ${s.days === 'weekdays' ? 'on weekdays' : 'every day'}, from ${findPack(bank, packIdFor(bank, s.pack))?.name}`;

/** Our own words plus Slack ids: safe as mrkdwn, so user and channel mentions render as links. */
const mrkdwn = (text: string, fallback: string): RenderedMessage => ({
  text: fallbackText(fallback),
  blocks: [section(text)],
});

async function userZone(deps: CoachDeps, key: UserKey): Promise<string> {
  return (await deps.slackFor(key.workspaceId).userTimeZone(key.userId)) ?? 'UTC';
}

async function turnOn(deps: CoachDeps, ctx: CommandContext, command: Extract<DailyCommand, { kind: 'on' }>) {
  const now = deps.clock();
  const channel = { workspaceId: ctx.key.workspaceId, channelId: ctx.channel };
  const existing = await deps.store.daily.getSchedule(channel);
  const timeZone = command.timeZone ?? existing?.timeZone ?? (await userZone(deps, ctx.key));
  const pack =
    command.pack === undefined
      ? { ok: true as const, value: existing?.pack ?? null }
      : parsePack(deps.bank, command.pack);
  if (!pack.ok) return ctx.reply(renderText(pack.problem));
  const schedule = {
    ...channel,
    minutes: command.minutes ?? existing?.minutes ?? DEFAULT_MINUTES,
    timeZone,
    days: command.days ?? existing?.days ?? 'weekdays',
    // Keep the rotation going when a schedule is changed; start it today for a new one.
    firstDate: existing?.firstDate ?? localDateTime(now, timeZone).date,
    createdBy: ctx.key.userId,
    createdAt: now,
    pausedReason: null,
    pack: pack.value,
  };
  const next = nextPostAt(schedule, now);
  const announcement = `<@${ctx.key.userId}> set up a daily STAR interview question in this channel: ${describe(schedule, deps.bank)}. The first one comes ${formatWhen(next, timeZone)} (${timeZone}). Practising happens privately in DM.`;
  try {
    await deps
      .slackFor(ctx.key.workspaceId)
      .post(
        ctx.channel,
        mrkdwn(announcement, `Daily STAR questions set up: ${describe(schedule, deps.bank)}.`),
      );
  } catch (error) {
    const failure = classifyApiError(error);
    if (failure.kind === 'permanent' && CHANNEL_ERRORS.has(failure.code)) {
      return ctx.reply(
        mrkdwn(
          pausedAdvice(ctx.channel, failure.code).replace("today's STAR question", 'here'),
          'I cannot post in this channel yet.',
        ),
      );
    }
    throw error;
  }
  await deps.store.daily.saveSchedule(schedule, now);
}

async function turnOff(deps: CoachDeps, ctx: CommandContext) {
  const removed = await deps.store.daily.deleteSchedule({
    workspaceId: ctx.key.workspaceId,
    channelId: ctx.channel,
  });
  if (!removed) return ctx.reply(renderText('Daily questions are not on in this channel.'));
  await deps
    .slackFor(ctx.key.workspaceId)
    .post(
      ctx.channel,
      mrkdwn(
        `<@${ctx.key.userId}> turned off the daily STAR question in this channel.`,
        'Daily STAR questions turned off.',
      ),
    );
}

async function status(deps: CoachDeps, ctx: CommandContext) {
  const schedule = await deps.store.daily.getSchedule({
    workspaceId: ctx.key.workspaceId,
    channelId: ctx.channel,
  });
  if (!schedule)
    return ctx.reply(
      renderText(
        `Daily questions are not on in this channel. Turn them on with ${DAILY_USAGE.split(',')[0]}.`,
      ),
    );
  if (schedule.paused) {
    return ctx.reply(
      mrkdwn(
        `Daily questions here are *paused*: ${pausedAdvice(ctx.channel, schedule.pausedReason ?? 'unknown')}`,
        'Daily questions are paused here.',
      ),
    );
  }
  const next = nextPostAt(schedule, deps.clock());
  const mine = await userZone(deps, ctx.key);
  const yours = mine === schedule.timeZone ? '' : ` That is ${formatWhen(next, mine)} your time (${mine}).`;
  return ctx.reply(
    mrkdwn(
      `Daily questions here: ${describe(schedule, deps.bank)}${schedule.createdBy ? `, set up by <@${schedule.createdBy}>` : ''}. Next: ${formatWhen(next, schedule.timeZone)} (${schedule.timeZone}).${yours}`,
      `Next daily question: ${formatWhen(next, schedule.timeZone)} (${schedule.timeZone}).`,
    ),
  );
}

async function now(deps: CoachDeps, ctx: CommandContext) {
  const channel = { workspaceId: ctx.key.workspaceId, channelId: ctx.channel };
  const existing = await deps.store.daily.getSchedule(channel);
  if (existing?.paused) return status(deps, ctx);
  const timeZone = existing?.timeZone ?? (await userZone(deps, ctx.key));
  // Without a schedule, a one-off prompt: its rotation starts today, and nobody is named as its owner.
  const schedule: DailyScheduleRecord = existing ?? {
    ...channel,
    minutes: DEFAULT_MINUTES,
    timeZone,
    days: 'everyday',
    firstDate: localDateTime(deps.clock(), timeZone).date,
    createdBy: null,
    createdAt: deps.clock(),
    pausedReason: null,
    paused: false,
  };
  const outcome = await deps.scheduler.postToday(schedule);
  switch (outcome) {
    case 'posted':
      return ctx.reply(
        renderText("Posted today's question. It counts as today's, so the scheduled one won't post again."),
      );
    case 'already-posted':
      return ctx.reply(renderText("Today's question is already posted in this channel: there is one a day."));
    case 'paused':
      return ctx.reply(
        mrkdwn(
          pausedAdvice(
            ctx.channel,
            (await deps.store.daily.getSchedule(channel))?.pausedReason ?? 'not_in_channel',
          ),
          'I cannot post in this channel.',
        ),
      );
    case 'failed':
      return ctx.reply(renderText("Slack didn't accept the post just now. Please try again in a minute."));
  }
}

/** Runs `/star-practice daily ...` in a team channel. */
export async function runDaily(deps: CoachDeps, ctx: CommandContext, command: DailyCommand): Promise<void> {
  if (command.kind === 'invalid') return ctx.reply(renderText(command.problem));
  if (ctx.channel.startsWith('D')) {
    return ctx.reply(
      renderText(
        'Daily questions are for team channels. Run `/star-practice daily on` in the channel where your team should get them.',
      ),
    );
  }
  switch (command.kind) {
    case 'on':
      return turnOn(deps, ctx, command);
    case 'off':
      return turnOff(deps, ctx);
    case 'status':
      return status(deps, ctx);
    case 'now':
      return now(deps, ctx);
  }
}
