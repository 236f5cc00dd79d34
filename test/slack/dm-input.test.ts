import { describe, expect, it } from 'vitest';
import { classifyDirectMessage } from '../../src/slack/dm-input.ts';

const BOT_USER = 'U0BOT';
const base = { type: 'message', channel: 'DU1', channel_type: 'im', user: 'U1', ts: '1700000000.000100' };
const classify = (event: object) => classifyDirectMessage(event, BOT_USER);

describe('classifyDirectMessage', () => {
  it('turns a user message into a coaching message keyed by client_msg_id, else ts', () => {
    expect(classify({ ...base, text: 'hello', client_msg_id: 'c-1' })).toEqual({
      kind: 'message',
      userId: 'U1',
      channel: 'DU1',
      text: 'hello',
      messageId: 'c-1',
    });
    expect(classify({ ...base, text: 'hello' })).toMatchObject({ kind: 'message', messageId: base.ts });
  });

  it('gives the text as typed: Slack escapes and <…> tokens undone, in messages and edits', () => {
    const slackText = 'Cut R&amp;D costs 30% with <@U0ANA|ana>, see <https://x.example|the doc> &lt;3';
    const typed = 'Cut R&D costs 30% with @ana, see the doc (https://x.example) <3';
    expect(classify({ ...base, text: slackText })).toMatchObject({ kind: 'message', text: typed });
    const edit = {
      ...base,
      subtype: 'message_changed',
      message: { user: 'U1', text: slackText, ts: base.ts },
      previous_message: { user: 'U1', text: 'Cut costs', ts: base.ts },
    };
    expect(classify(edit)).toMatchObject({ kind: 'edit', text: typed });
  });

  it('ignores other channels, this app and other bots', () => {
    expect(classify({ ...base, channel_type: 'channel', text: 'x' })).toMatchObject({ kind: 'ignore' });
    expect(classify({ ...base, user: BOT_USER, text: 'x' })).toMatchObject({ kind: 'ignore' });
    expect(classify({ ...base, user: 'U2', bot_id: 'B2', text: 'x' })).toMatchObject({
      kind: 'ignore',
      reason: 'from a bot',
    });
    expect(classify({ ...base, subtype: 'bot_message', text: 'x' })).toMatchObject({ kind: 'ignore' });
  });

  it('turns an edit into an edit of the original message id', () => {
    const edit = {
      ...base,
      subtype: 'message_changed',
      user: undefined,
      message: {
        type: 'message',
        user: 'U1',
        text: 'new text',
        ts: '1700000000.000050',
        client_msg_id: 'c-0',
      },
      previous_message: { type: 'message', user: 'U1', text: 'old text', ts: '1700000000.000050' },
    };
    expect(classify(edit)).toEqual({
      kind: 'edit',
      userId: 'U1',
      channel: 'DU1',
      text: 'new text',
      messageId: 'c-0',
    });
  });

  it('ignores edits that change nothing (link unfurls) and edits of bot messages', () => {
    const unchanged = {
      ...base,
      subtype: 'message_changed',
      message: { user: 'U1', text: 'same', ts: '1' },
      previous_message: { user: 'U1', text: 'same', ts: '1' },
    };
    expect(classify(unchanged)).toMatchObject({ kind: 'ignore' });
    const botEdit = {
      ...base,
      subtype: 'message_changed',
      message: { user: BOT_USER, bot_id: 'B0', text: 'x', ts: '1' },
    };
    expect(classify(botEdit)).toMatchObject({ kind: 'ignore' });
  });

  it('asks for text when a file arrives without any, and reads the text when there is some', () => {
    expect(classify({ ...base, subtype: 'file_share', text: '' })).toEqual({
      kind: 'file-only',
      userId: 'U1',
      channel: 'DU1',
    });
    expect(classify({ ...base, subtype: 'file_share', text: 'my answer' })).toMatchObject({
      kind: 'message',
      text: 'my answer',
    });
  });

  it('ignores every other subtype and anything that is not a message event', () => {
    for (const subtype of [
      'message_deleted',
      'channel_join',
      'me_message',
      'thread_broadcast',
      'message_replied',
    ]) {
      expect(classify({ ...base, subtype, text: 'x' })).toMatchObject({ kind: 'ignore' });
    }
    expect(classify({ type: 'reaction_added' })).toMatchObject({ kind: 'ignore' });
    expect(classifyDirectMessage(null, BOT_USER)).toMatchObject({ kind: 'ignore' });
  });
});
