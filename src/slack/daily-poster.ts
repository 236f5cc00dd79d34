import { PostError } from '../schedule/post-error.ts';
import type { PromptPoster } from '../schedule/scheduler.ts';
import { classifyApiError } from './api-errors.ts';
import { renderDailyPrompt, renderRecap } from './render/daily.ts';
import { fallbackText, section } from './render/limits.ts';
import type { WorkspaceClients } from './workspace-clients.ts';

/** Slack errors after which a channel's schedule must wait for a person to fix something. */
const CHANNEL_GONE = new Set([
  'not_in_channel',
  'channel_not_found',
  'is_archived',
  'restricted_action',
  'ekm_access_denied',
]);

/** How to fix each reason a schedule paused, in the words of someone who can do it. */
export function pausedAdvice(channelId: string, code: string): string {
  const where = `<#${channelId}>`;
  switch (code) {
    case 'not_in_channel':
      return `I couldn't post today's STAR question in ${where} because I'm not a member. Invite me there with \`/invite @STAR Coach\`, then run \`/star-practice daily on\` in that channel again.`;
    case 'is_archived':
      return `I couldn't post today's STAR question in ${where} because the channel is archived. Unarchive it and run \`/star-practice daily on\` there again, or set daily prompts up in another channel.`;
    default:
      return `I couldn't post today's STAR question in ${where} (Slack said \`${code}\`): the channel may be private, deleted, or closed to apps. Invite me with \`/invite @STAR Coach\`, then run \`/star-practice daily on\` there again.`;
  }
}

function toPostError(error: unknown): PostError {
  const failure = classifyApiError(error);
  if (failure.kind === 'rate-limited')
    return new PostError({ kind: 'rate-limited', retryAfterMs: failure.retryAfterMs });
  if (failure.kind === 'permanent' && CHANNEL_GONE.has(failure.code))
    return new PostError({ kind: 'channel-unavailable', code: failure.code });
  return new PostError({ kind: 'transient', detail: failure.code });
}

/**
 * Daily prompts over the Web API, each with its channel's workspace's client; every failure (a workspace whose
 * token cannot be had included) is translated into what the scheduler needs to know.
 */
export function slackPromptPoster(clients: Pick<WorkspaceClients, 'client' | 'slackFor'>): PromptPoster {
  const call = async <T>(run: () => Promise<T>): Promise<T> => {
    try {
      return await run();
    } catch (error) {
      throw toPostError(error);
    }
  };
  return {
    async postPrompt(channel, { question, principle, localDate }) {
      const message = renderDailyPrompt(principle, question, localDate);
      const result = await call(async () =>
        (await clients.client(channel.workspaceId)).chat.postMessage({
          channel: channel.channelId,
          text: message.text,
          blocks: message.blocks,
          unfurl_links: false,
        }),
      );
      if (!result.ts) throw new PostError({ kind: 'transient', detail: 'chat.postMessage returned no ts' });
      return { ts: result.ts };
    },
    async postRecap(channel, threadTs, practised) {
      const message = renderRecap(practised);
      await call(async () =>
        (await clients.client(channel.workspaceId)).chat.postMessage({
          channel: channel.channelId,
          thread_ts: threadTs,
          text: message.text,
          blocks: message.blocks,
        }),
      );
    },
    async notifyPaused(schedule, code) {
      if (!schedule.createdBy) return;
      const slack = clients.slackFor(schedule.workspaceId);
      const dm = await slack.openDm(schedule.createdBy);
      // Built from our own text, Slack's channel id and error code only: safe as mrkdwn, and the mention links.
      const advice = pausedAdvice(schedule.channelId, code);
      await slack.post(dm, {
        text: fallbackText('Daily STAR questions paused in one of your channels.'),
        blocks: [section(advice)],
      });
    },
  };
}
