import type { types, webApi } from '@slack/bolt';
import type { RenderedMessage } from './render/message.ts';

/** The few Web API calls the app makes; handlers take this so tests can pass a fake. */
export interface SlackApi {
  /** The user's DM channel with the app (conversations.open). */
  openDm(userId: string): Promise<string>;
  /** Posts a message; one from the outbox carries its id as message metadata. */
  post(channel: string, message: RenderedMessage, outboxId?: number): Promise<void>;
  /** Whether the channel holds the outbox message with this id, posted since `since` (ms; conversations.history). */
  postedFromOutbox(channel: string, outboxId: number, since: number): Promise<boolean>;
  publishHome(userId: string, view: types.HomeView): Promise<void>;
  /** The user's IANA time zone from their Slack profile (users.info), or null when Slack does not say. */
  userTimeZone(userId: string): Promise<string | null>;
  /** Shares a text file in a channel (files.uploadV2; needs the files:write scope). */
  uploadFile(channel: string, file: TextFile): Promise<void>;
  /** Drops cached DM channel ids: one user's, or every one when no user is given (forget-me, uninstall). */
  forgetDm(userId?: string): void;
}

export interface TextFile {
  filename: string;
  title: string;
  content: string;
  /** The message posted with the file. */
  comment: string;
}

/** Message metadata type of outbox posts (the payload is only the outbox row id). */
export const OUTBOX_EVENT_TYPE = 'star_coach_outbox';
const HISTORY_MARGIN_MS = 60_000;
/** Messages read back when checking for an earlier copy; the bot posts far fewer per minute to one DM. */
const HISTORY_PAGE = 100;

function outboxIdOf(payload: unknown): unknown {
  return typeof payload === 'object' && payload !== null && 'outbox_id' in payload
    ? payload.outbox_id
    : undefined;
}

/**
 * The SlackApi over a Web API client, or over a function giving the client of the moment (a workspace whose
 * token rotates); DM channel ids are cached for the life of this instance.
 */
export function webClientApi(source: webApi.WebClient | (() => Promise<webApi.WebClient>)): SlackApi {
  const dms = new Map<string, string>();
  const current = async () => (typeof source === 'function' ? source() : source);
  return {
    async openDm(userId) {
      const cached = dms.get(userId);
      if (cached) return cached;
      const result = await (await current()).conversations.open({ users: userId });
      const channel = result.channel?.id;
      if (!channel) throw new Error('conversations.open returned no channel id');
      dms.set(userId, channel);
      return channel;
    },
    async post(channel, message, outboxId) {
      const blocks = message.blocks.length > 0 ? { blocks: message.blocks } : {};
      const metadata =
        outboxId === undefined
          ? {}
          : { metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { outbox_id: outboxId } } };
      await (await current()).chat.postMessage({
        channel,
        text: message.text,
        ...blocks,
        ...metadata,
        unfurl_links: false,
      });
    },
    async postedFromOutbox(channel, outboxId, since) {
      const result = await (await current()).conversations.history({
        channel,
        // A little earlier than the attempt, for clock skew between this machine and Slack.
        oldest: ((since - HISTORY_MARGIN_MS) / 1000).toFixed(6),
        include_all_metadata: true,
        limit: HISTORY_PAGE,
      });
      return (result.messages ?? []).some(
        (m) =>
          m.metadata?.event_type === OUTBOX_EVENT_TYPE && outboxIdOf(m.metadata.event_payload) === outboxId,
      );
    },
    async publishHome(userId, view) {
      await (await current()).views.publish({ user_id: userId, view });
    },
    async uploadFile(channel, file) {
      await (await current()).files.uploadV2({
        channel_id: channel,
        file: Buffer.from(file.content, 'utf8'),
        filename: file.filename,
        title: file.title,
        initial_comment: file.comment,
      });
    },
    forgetDm(userId) {
      if (userId === undefined) dms.clear();
      else dms.delete(userId);
    },
    async userTimeZone(userId) {
      const result = await (await current()).users.info({ user: userId });
      return result.user?.tz ?? null;
    },
  };
}
