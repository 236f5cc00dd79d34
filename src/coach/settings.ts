import type { ContentBank } from '../content/load.ts';
import { JOB_FAMILY_IDS, type JobFamilyId } from '../content/schema.ts';
import { closestMatch, normalise } from './resolve.ts';

/** Words that clear a setting: `family off`, `pack default`. */
export const CLEAR_WORDS = ['off', 'none', 'clear', 'no', 'reset', 'default'];

export type Parsed<T> = { ok: true; value: T } | { ok: false; problem: string; suggestion?: string };

function parseId<T extends string>(
  text: string,
  ids: readonly T[],
  what: string,
  clearMeaning: string,
): Parsed<T | null> {
  const key = normalise(text);
  if (CLEAR_WORDS.includes(key)) return { ok: true, value: null };
  const found = ids.find((id) => normalise(id) === key);
  if (found) return { ok: true, value: found };
  const list = ids.map((id) => `\`${id}\``).join(', ');
  const problem =
    key === ''
      ? `Which ${what}? Use one of ${list}, or \`${what} off\` for ${clearMeaning}.`
      : `There is no ${what} "${text.trim()}". Use one of ${list}, or \`${what} off\` for ${clearMeaning}.`;
  const suggestion = key === '' ? undefined : closestMatch(text, ids);
  return { ok: false, problem, ...(suggestion ? { suggestion } : {}) };
}

/** A job family id (any case or spacing), or null for "off"; an unknown id gets a message listing the ids. */
export function parseFamily(text: string): Parsed<JobFamilyId | null> {
  return parseId(text, JOB_FAMILY_IDS, 'family', "each question's own examples");
}

/** A pack id from the content, or null for the workspace's default pack. */
export function parsePack(bank: ContentBank, text: string): Parsed<string | null> {
  return parseId(
    text,
    bank.packs.map((p) => p.id),
    'pack',
    `the workspace's default (\`${bank.defaultPack}\`)`,
  );
}
