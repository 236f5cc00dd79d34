import type { types, webApi } from '@slack/bolt';
import type { RenderedMessage } from './render/message.ts';

/** The few Web API calls the app makes; handlers take this so tests can pass a fake. */
export interface SlackApi {
  /** The user's DM channel with the app (conversations.open). */
  openDm(userId: string): Promise<string>;
  post(channel: string, message: RenderedMessage): Promise<void>;
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

/** The SlackApi over a Web API client; DM channel ids are cached for the life of this instance. */
export function webClientApi(client: webApi.WebClient): SlackApi {
  const dms = new Map<string, string>();
  return {
    async openDm(userId) {
      const cached = dms.get(userId);
      if (cached) return cached;
      const result = await client.conversations.open({ users: userId });
      const channel = result.channel?.id;
      if (!channel) throw new Error('conversations.open returned no channel id');
      dms.set(userId, channel);
      return channel;
    },
    async post(channel, message) {
      const blocks = message.blocks.length > 0 ? { blocks: message.blocks } : {};
      await client.chat.postMessage({ channel, text: message.text, ...blocks, unfurl_links: false });
    },
    async publishHome(userId, view) {
      await client.views.publish({ user_id: userId, view });
    },
    async uploadFile(channel, file) {
      await client.files.uploadV2({
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
      const result = await client.users.info({ user: userId });
      return result.user?.tz ?? null;
    },
  };
}
