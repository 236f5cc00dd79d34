import { createHash } from 'node:crypto';

/**
 * The dedupe id of one button click (a double click, or Slack's retry, is applied once). Hashed, so the event
 * ledger holds no channel id or message time: nothing in it points to a person, and nothing needs erasing when
 * they ask to be forgotten.
 */
export function clickEventId(channel: string, messageTs: string, what: string): string {
  const digest = createHash('sha256').update(`${channel}\u0000${messageTs}\u0000${what}`).digest('hex');
  return `click:${digest.slice(0, 32)}`;
}
