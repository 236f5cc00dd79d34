import { BOT_ID, dmOf, RESPONSE_URL_BASE, type SentBlock, TEAM } from './fake-slack.ts';

let counter = 0;
const next = () => {
  counter += 1;
  return counter;
};

export function commandFields(
  text: string,
  user: string,
  channel: string = dmOf(user),
): Record<string, string> {
  const n = next();
  return {
    token: 'verification-token-unused',
    command: '/star-practice',
    text,
    response_url: `${RESPONSE_URL_BASE}/commands/${TEAM}/${n}/reply`,
    trigger_id: `trigger-${n}`,
    user_id: user,
    user_name: user.toLowerCase(),
    team_id: TEAM,
    team_domain: 'star-test',
    channel_id: channel,
    channel_name: channel.startsWith('D') ? 'directmessage' : 'general',
    api_app_id: 'A0APP',
  };
}

/** An Events API delivery of one event. */
export function envelope<E extends object>(event: E, eventId = `Ev${next()}`) {
  return {
    token: 'verification-token-unused',
    team_id: TEAM,
    api_app_id: 'A0APP',
    type: 'event_callback',
    event_id: eventId,
    event_time: Math.floor(Date.now() / 1000),
    authorizations: [{ team_id: TEAM, user_id: 'U0BOT', is_bot: true, is_enterprise_install: false }],
    event,
  };
}

export interface DmOptions {
  eventId?: string;
  ts?: string;
  clientMsgId?: string;
}

/** A `message.im` event: the user wrote in their DM with the app. */
export function dmEvent(user: string, text: string, options: DmOptions = {}) {
  const n = next();
  const ts = options.ts ?? `${1_800_000_000 + n}.000200`;
  return envelope(
    {
      type: 'message',
      channel: dmOf(user),
      channel_type: 'im',
      user,
      text,
      ts,
      event_ts: ts,
      client_msg_id: options.clientMsgId ?? `msg-${n}`,
    },
    options.eventId ?? `Ev${n}`,
  );
}

export function editEvent(
  user: string,
  original: { ts: string; clientMsgId: string; text: string },
  text: string,
) {
  const n = next();
  return envelope(
    {
      type: 'message',
      subtype: 'message_changed',
      hidden: true,
      channel: dmOf(user),
      channel_type: 'im',
      ts: `${1_800_000_000 + n}.000300`,
      event_ts: `${1_800_000_000 + n}.000300`,
      message: {
        type: 'message',
        user,
        text,
        ts: original.ts,
        client_msg_id: original.clientMsgId,
        edited: { user, ts: `${1_800_000_000 + n}.000300` },
      },
      previous_message: {
        type: 'message',
        user,
        text: original.text,
        ts: original.ts,
        client_msg_id: original.clientMsgId,
      },
    },
    `Ev${n}`,
  );
}

export function botDmEvent(user: string, text: string) {
  const n = next();
  return envelope(
    {
      type: 'message',
      channel: dmOf(user),
      channel_type: 'im',
      user: 'U0BOT',
      bot_id: BOT_ID,
      text,
      ts: `${1_800_000_000 + n}.000400`,
    },
    `Ev${n}`,
  );
}

export function fileShareEvent(user: string, text = '') {
  const n = next();
  const ts = `${1_800_000_000 + n}.000500`;
  return envelope(
    {
      type: 'message',
      subtype: 'file_share',
      channel: dmOf(user),
      channel_type: 'im',
      user,
      text,
      ts,
      event_ts: ts,
      files: [{ id: 'F1', name: 'answer.pdf' }],
    },
    `Ev${n}`,
  );
}

export function homeOpenedEvent(user: string, tab: 'home' | 'messages' = 'home') {
  return envelope(
    { type: 'app_home_opened', user, channel: dmOf(user), tab, event_ts: `${Date.now() / 1000}` },
    `Ev${next()}`,
  );
}

/** A button click on a message the app posted (or on the Home tab when `message` is omitted). */
export function buttonClick(
  user: string,
  actionId: string,
  value: string,
  message?: { ts: string; blocks: SentBlock[]; text?: string },
) {
  const n = next();
  return {
    type: 'block_actions',
    user: { id: user, username: user.toLowerCase(), team_id: TEAM },
    api_app_id: 'A0APP',
    token: 'verification-token-unused',
    team: { id: TEAM, domain: 'star-test' },
    trigger_id: `trigger-${n}`,
    response_url: `${RESPONSE_URL_BASE}/actions/${TEAM}/${n}/reply`,
    ...(message
      ? {
          container: { type: 'message', message_ts: message.ts, channel_id: dmOf(user), is_ephemeral: false },
          channel: { id: dmOf(user), name: 'directmessage' },
          message: {
            type: 'message',
            user: 'U0BOT',
            ts: message.ts,
            text: message.text ?? '',
            blocks: message.blocks,
          },
        }
      : { container: { type: 'view', view_id: 'V1' }, view: { id: 'V1', type: 'home' } }),
    actions: [
      { type: 'button', action_id: actionId, block_id: 'b1', value, action_ts: `${Date.now() / 1000}` },
    ],
  };
}
