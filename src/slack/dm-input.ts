import { z } from 'zod';
import { plainTextFromSlack } from './mrkdwn-text.ts';

/** What a `message` event in the bot's DM means for the coach. */
export type DirectMessageInput =
  | { kind: 'ignore'; reason: string }
  | { kind: 'message'; userId: string; channel: string; text: string; messageId: string }
  | { kind: 'edit'; userId: string; channel: string; text: string; messageId: string }
  | { kind: 'file-only'; userId: string; channel: string };

const inner = z.looseObject({
  subtype: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  text: z.string().optional(),
  ts: z.string(),
  client_msg_id: z.string().optional(),
});

const messageEvent = z.looseObject({
  type: z.literal('message'),
  channel: z.string(),
  channel_type: z.string().optional(),
  subtype: z.string().optional(),
  user: z.string().optional(),
  bot_id: z.string().optional(),
  text: z.string().optional(),
  ts: z.string(),
  client_msg_id: z.string().optional(),
  message: inner.optional(),
  previous_message: inner.partial().optional(),
});

const ignore = (reason: string): DirectMessageInput => ({ kind: 'ignore', reason });

/** The id a message keeps across retries and edits: Slack's client id when present, else its timestamp. */
const messageIdOf = (m: { client_msg_id?: string | undefined; ts: string }) => m.client_msg_id ?? m.ts;

/** Classifies a message event: pure, so every subtype rule is unit-testable. */
export function classifyDirectMessage(event: unknown, botUserId: string | undefined): DirectMessageInput {
  const parsed = messageEvent.safeParse(event);
  if (!parsed.success) return ignore('not a message event');
  const e = parsed.data;
  if (e.channel_type !== 'im') return ignore('not a direct message');
  if (e.bot_id || e.subtype === 'bot_message') return ignore('from a bot');
  if (botUserId && e.user === botUserId) return ignore('from this app');

  if (e.subtype === 'message_changed') {
    const edited = e.message;
    if (!edited?.user || edited.bot_id || edited.subtype === 'bot_message')
      return ignore('edit of a bot message');
    if (botUserId && edited.user === botUserId) return ignore('edit of this app’s message');
    if (e.previous_message?.text === edited.text) return ignore('edit did not change the text');
    const text = plainTextFromSlack(edited.text ?? '');
    return { kind: 'edit', userId: edited.user, channel: e.channel, text, messageId: messageIdOf(edited) };
  }
  if (e.subtype !== undefined && e.subtype !== 'file_share') return ignore(`subtype ${e.subtype}`);
  if (!e.user) return ignore('no user');
  // Stored, graded and quoted as typed: Slack's escaping and <…> tokens undone.
  const text = plainTextFromSlack(e.text ?? '');
  if (e.subtype === 'file_share' && text.trim() === '')
    return { kind: 'file-only', userId: e.user, channel: e.channel };
  return { kind: 'message', userId: e.user, channel: e.channel, text, messageId: messageIdOf(e) };
}
