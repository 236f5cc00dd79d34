/**
 * A reply's sentences as exact slices of what the person typed, so every quote is verbatim, with a copy for
 * matching in which curly quotes and dashes are straightened (same length, so positions carry over).
 */
export interface ReplySentence {
  /** Exactly as typed. */
  text: string;
  /** Straightened for matching; same length as `text`. */
  match: string;
}

const MAX_QUOTE = 200;
const WORD = /[\p{L}\p{N}]/u;

function straighten(text: string): string {
  return text
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u02BC]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/[\u00A0\u2000-\u200A\u202F\t]/g, ' ');
}

export function replySentences(reply: string): ReplySentence[] {
  return (
    reply
      // A line break inside a sentence (no stop before it, a lower-case word or "I" after) is a wrap, not a break:
      // text pasted from an email or an editor. The sentence keeps it, so quotes stay verbatim; its words to match
      // read it as a space.
      .split(/(?<=[.!?])["')\]]*\s+(?=\S)|(?<=[:;][ \t]*)\n+|\n+(?![ \t]*(?:\p{Ll}|I\b))/u)
      .map((s) => s.trim())
      .filter((s) => WORD.test(s))
      .map((text) => ({ text, match: straighten(text).replace(/[\r\n]/g, ' ') }))
  );
}

/** The first place a pattern matches in the sentences. */
export function firstMatch(
  sentences: readonly ReplySentence[],
  patterns: readonly RegExp[],
): { sentence: ReplySentence; index: number; length: number } | undefined {
  for (const sentence of sentences) {
    for (const re of patterns) {
      const m = re.exec(sentence.match);
      if (m) return { sentence, index: m.index, length: m[0].length };
    }
  }
  return undefined;
}

/**
 * A verbatim quote of a sentence: the whole sentence when short, else the clause or window around `at`, cut at
 * word boundaries (no ellipsis added, so the quote is an exact substring of the reply).
 */
export function quoteOf(sentence: ReplySentence, at = 0, length = 0, max = MAX_QUOTE): string {
  const text = sentence.text;
  if (text.length <= max) return text;
  const centre = at + Math.floor(length / 2);
  let start = Math.max(0, Math.min(centre - Math.floor(max / 2), text.length - max));
  let end = Math.min(text.length, start + max);
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  const lastSpace = text.lastIndexOf(' ', end);
  if (end < text.length && lastSpace > start) end = lastSpace;
  return text.slice(start, end).trim();
}

/** Whether any of the patterns matches the text. */
export const anyOf = (text: string, patterns: readonly RegExp[]) => patterns.some((re) => re.test(text));
