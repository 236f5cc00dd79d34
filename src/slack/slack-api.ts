import type { types, webApi } from '@slack/bolt';
import type { RenderedMessage } from './render/message.ts';

/** The few Web API calls the app makes; handlers take this so tests can pass a fake. */
export interface SlackApi {
  /** The user's DM channel with the app (conversations.open). */
  openDm(userId: string): Promise<string>;
  post(channel: string, message: RenderedMessage): Promise<void>;
  publishHome(userId: string, view: types.HomeView): Promise<void>;
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
  };
}
