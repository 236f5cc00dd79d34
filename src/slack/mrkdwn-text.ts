/**
 * A message's text as the person typed it, from the form Slack sends: Slack escapes `&`, `<` and `>`, and turns
 * mentions, channel names and links into `<…>` tokens. Answers are stored, graded and quoted in this plain form,
 * and escaped again whenever they are shown (render/limits.ts), so nothing typed can ping anyone.
 */
export function plainTextFromSlack(text: string): string {
  return text.replace(/<([^<>]*)>/g, (_, inner: string) => tokenText(inner)).replace(ENTITY, decodeEntity);
}

const ENTITY = /&(amp|lt|gt);/g;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>' };
const decodeEntity = (_: string, name: string) => ENTITIES[name] ?? '';

/** `<@U1|ana>` → `@ana`, `<#C1|general>` → `#general`, `<!here>` → `@here`, `<https://x|site>` → `site (https://x)`. */
function tokenText(inner: string): string {
  const bar = inner.indexOf('|');
  const target = bar === -1 ? inner : inner.slice(0, bar);
  const label = bar === -1 ? '' : inner.slice(bar + 1);
  if (target.startsWith('@')) return label ? `@${label.replace(/^@/, '')}` : target;
  if (target.startsWith('#')) return label ? `#${label}` : target;
  if (target.startsWith('!')) {
    // <!subteam^S1|@team>, <!date^…|fallback> carry their own display text.
    if (label) return label;
    return `@${target.slice(1).split('^')[0]}`;
  }
  if (!label || label === target || `mailto:${label}` === target) return target.replace(/^mailto:/, '');
  return `${label} (${target})`;
}
