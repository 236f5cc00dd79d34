import type { types } from '@slack/bolt';

/** Block Kit limits (Slack's documented maximums). */
export const LIMITS = {
  messageBlocks: 50,
  viewBlocks: 100,
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  blockId: 255,
  actionsElements: 25,
  contextElements: 10,
  /** Our cap on the notification fallback; Slack itself truncates message text past 40 000. */
  fallbackText: 3000,
  /** How much of a user's own words we quote back in one place. */
  quotedWords: 280,
} as const;

export type Block = types.KnownBlock;

/** Shortens to at most `max` characters, at a word boundary when one is near, marking the cut with "…". */
export function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cut = text.slice(0, Math.max(0, max - 1));
  const space = cut.lastIndexOf(' ');
  const atWord = space >= max * 0.8 ? cut.slice(0, space) : cut;
  return `${atWord.trimEnd()}…`;
}

/**
 * Escapes the three characters mrkdwn treats as control, so `<!channel>` or `<@U123>` never pings anyone, and
 * puts a zero-width space into a plain `@here`, `@channel` or `@everyone`, which Slack may otherwise parse as one.
 */
export function escapeText(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/@(here|channel|everyone)\b/gi, '@\u200b$1');
}

/** Clips text that is already escaped without cutting an entity such as `&amp;` in half. */
export function clipEscaped(text: string, max: number): string {
  if (text.length <= max) return text;
  return clip(text, max).replace(/&[a-z]{0,3}…$/, '…');
}

/** A user's own words, flattened to one line, shortened and escaped, in quotes. */
export function quoteUser(text: string, max: number = LIMITS.quotedWords): string {
  return `“${escapeText(clip(text.replace(/\s+/g, ' ').trim(), max))}”`;
}

export function section(mrkdwn: string, accessory?: types.Button): types.SectionBlock {
  const text = clipEscaped(mrkdwn.trim() === '' ? '…' : mrkdwn, LIMITS.sectionText);
  return { type: 'section', text: { type: 'mrkdwn', text }, ...(accessory ? { accessory } : {}) };
}

export function header(plain: string): types.HeaderBlock {
  const text = plain.replace(/\s+/g, ' ').trim() || '…';
  return { type: 'header', text: { type: 'plain_text', text: clip(text, LIMITS.headerText), emoji: true } };
}

export function context(...mrkdwn: string[]): types.ContextBlock {
  return {
    type: 'context',
    elements: mrkdwn
      .slice(0, LIMITS.contextElements)
      .map((text) => ({ type: 'mrkdwn', text: clipEscaped(text, LIMITS.sectionText) })),
  };
}

export const divider = (): types.DividerBlock => ({ type: 'divider' });

export function button(
  label: string,
  actionId: string,
  value: string,
  style?: 'primary' | 'danger',
): types.Button {
  if (actionId.length > LIMITS.actionId) throw new Error(`action_id too long: ${actionId.slice(0, 40)}…`);
  if (value.length > LIMITS.buttonValue) throw new Error(`button value too long for ${actionId}`);
  return {
    type: 'button',
    text: { type: 'plain_text', text: clip(label, LIMITS.buttonText), emoji: true },
    action_id: actionId,
    value,
    ...(style ? { style } : {}),
  };
}

export function actions(blockId: string | undefined, elements: types.Button[]): types.ActionsBlock {
  return {
    type: 'actions',
    ...(blockId ? { block_id: blockId.slice(0, LIMITS.blockId) } : {}),
    elements: elements.slice(0, LIMITS.actionsElements),
  };
}

/** Keeps at most `max` blocks; when some are dropped, the last one says so. Actions blocks are kept if possible. */
export function capBlocks(blocks: Block[], max: number): Block[] {
  if (blocks.length <= max) return blocks;
  const trailingActions = blocks.filter((b) => b.type === 'actions').slice(-1);
  const room = max - 1 - trailingActions.length;
  const kept = blocks.filter((b) => b.type !== 'actions').slice(0, room);
  return [...kept, context('_Some details were left out to fit in one Slack message._'), ...trailingActions];
}

/** The notification fallback: plain text, escaped, within our cap. */
export function fallbackText(text: string): string {
  return clipEscaped(escapeText(text.trim() === '' ? 'STAR Coach' : text), LIMITS.fallbackText);
}
