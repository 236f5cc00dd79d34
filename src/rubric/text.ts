/** Text utilities shared by the splitter and the criteria: normalising, sentences, words, timing, quoting. */

export const WORDS_PER_MINUTE = 150;
const MAX_QUOTE = 200;

const FENCED_CODE = /^[ \t]*(```|~~~)[^\n]*\n[\s\S]*?(?:^[ \t]*\1[ \t]*$|(?![\s\S]))/gm;
const EMOJI = /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|\u{FE0F}|\u{FE0E}|\u{200D}|\u{20E3}/gu;
/** An emoji ending a sentence that has no full stop: "...webinar series 🎉 I was the only...". */
const EMOJI_BETWEEN_SENTENCES =
  /([\p{L}\p{N})\]"'.,!?])[ \t]*(?:\p{Extended_Pictographic}|\u{FE0F}|\u{200D})+[ \t]*(?=\p{Lu})/gu;
const MOJIBAKE_APOSTROPHE = /(\p{L})(?:â€™|β|Ã¢Â€Â™)(?=\p{L})/gu;
const WORD = /[\p{L}\p{N}]/u;
const LETTER = /\p{L}/u;

/** Removes fenced code blocks: they are shown, not spoken. */
export function stripCode(text: string): string {
  return text.replace(FENCED_CODE, ' ');
}

/** Straight quotes and dashes, no markdown emphasis, no emoji, no zero-width or control characters. */
export function cleanProse(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/[\u2018\u2019\u201A\u201B\u2032\u02BC\uFF07]/g, "'")
    .replace(/[\u201C\u201D\u201E\u201F\u2033\u00AB\u00BB\uFF02]/g, '"')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/\u2026/g, '...')
    .replace(MOJIBAKE_APOSTROPHE, "$1'")
    .replace(/[\u00A0\u2000-\u200A\u202F\u205F\u3000\t]/g, ' ')
    .replace(/[\u200B\u200C\u2060\uFEFF\u00AD]/g, '')
    .replace(EMOJI_BETWEEN_SENTENCES, (_, before: string) =>
      /[.!?]/.test(before) ? `${before} ` : `${before}. `,
    )
    .replace(EMOJI, ' ')
    .replace(/[^\P{Cc}\n]/gu, ' ')
    .replace(/(\*\*|__)(?=\S)([^*_\n]{0,400}?\S)\1/g, '$2')
    .replace(/(^|[\s(])[*_](?=[^\s*_])([^*_\n]{0,400}?[^\s*_])[*_](?=[\s.,;:!?)]|$)/gm, '$1$2')
    .replace(/`([^`\n]{0,200})`/g, '$1');
}

export function countWords(text: string): number {
  return countCleanWords(cleanProse(stripCode(text)));
}

/** Words in text already passed through cleanProse. */
export function countCleanWords(cleaned: string): number {
  let count = 0;
  for (const token of cleaned.split(/\s+/)) if (WORD.test(token)) count++;
  return count;
}

export function secondsFor(words: number): number {
  return Math.round((words / WORDS_PER_MINUTE) * 60);
}

/** Spoken duration at 150 words per minute, in whole seconds. */
export function estimateSeconds(text: string): number {
  return secondsFor(countWords(text));
}

const ABBREVIATIONS = new Set([
  'e.g',
  'i.e',
  'etc',
  'vs',
  'mr',
  'mrs',
  'ms',
  'dr',
  'approx',
  'no',
  'inc',
  'ltd',
  'co',
  'st',
  'jr',
  'sr',
  'u.s',
  'u.k',
]);
const BULLET_LINE = /^\s*(?:[-*+•·▪‣◦>]|\d{1,2}[.)])\s+/;

/** Lines grouped into paragraph-like blocks: hard-wrapped lines are joined, bullets and blank lines split. */
function blocks(text: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const rawLine of text.split('\n')) {
    const line = rawLine.trim();
    if (line === '') {
      if (current) out.push(current);
      current = '';
      continue;
    }
    const continues =
      current !== '' && !BULLET_LINE.test(rawLine) && !/[.!?:;"')]$/.test(current) && /^[a-z(]/.test(line);
    if (continues) current += ` ${line}`;
    else {
      if (current) out.push(current);
      current = line;
    }
  }
  if (current) out.push(current);
  return out;
}

/** The lowercased word that ends at `end` (exclusive), such as "e.g" before the final full stop. */
function tokenBefore(line: string, end: number): string {
  const from = line.lastIndexOf(' ', end - 1) + 1;
  return line
    .slice(from, end)
    .replace(/^[("']+/, '')
    .toLowerCase();
}

/** Splits prose into sentences; bullets and separate lines are sentences of their own. */
export function splitSentences(text: string): string[] {
  return splitCleanSentences(cleanProse(text));
}

/** splitSentences for text already passed through cleanProse. */
export function splitCleanSentences(cleaned: string): string[] {
  const sentences: string[] = [];
  for (const block of blocks(cleaned)) {
    const line = block.replace(BULLET_LINE, '').replace(/\s+/g, ' ').trim();
    let start = 0;
    const boundary = /[.!?]+["')\]]*\s+(?=["'([]?[\p{Lu}\p{N}$£€])/gu;
    for (let m = boundary.exec(line); m; m = boundary.exec(line)) {
      if (line[m.index] === '.' && ABBREVIATIONS.has(tokenBefore(line, m.index))) continue;
      const sentence = line.slice(start, m.index + m[0].length).trim();
      if (sentence) sentences.push(sentence);
      start = m.index + m[0].length;
    }
    const rest = line.slice(start).trim();
    if (rest && WORD.test(rest)) sentences.push(rest);
    else if (rest && sentences.length > 0) sentences[sentences.length - 1] += rest;
  }
  return sentences;
}

/** Sentences of cleaned text, grouped by paragraph: blank lines and bullets start a new paragraph. */
export function paragraphSentences(text: string): string[][] {
  const paragraphs: string[][] = [];
  let current: string[] = [];
  const flush = () => {
    const sentences = splitCleanSentences(current.join('\n'));
    if (sentences.length > 0) paragraphs.push(sentences);
    current = [];
  };
  for (const line of text.split('\n')) {
    if (line.trim() === '' || BULLET_LINE.test(line)) flush();
    if (line.trim() !== '') current.push(line);
  }
  flush();
  return paragraphs;
}

/** A sentence trimmed to about 200 characters, keeping the part around `at` when it is long. */
export function quote(sentence: string, at = 0, length = 0): string {
  const text = sentence.trim();
  if (text.length <= MAX_QUOTE) return text;
  const centre = Math.min(Math.max(0, at + Math.floor(length / 2)), text.length);
  let start = Math.max(0, Math.min(centre - Math.floor(MAX_QUOTE / 2), text.length - MAX_QUOTE));
  let end = Math.min(text.length, start + MAX_QUOTE);
  if (start > 0) start = text.indexOf(' ', start) + 1 || start;
  const lastSpace = text.lastIndexOf(' ', end);
  if (end < text.length && lastSpace > start) end = lastSpace;
  return `${start > 0 ? '...' : ''}${text.slice(start, end).trim()}${end < text.length ? '...' : ''}`;
}

/** A few words either side of a match, for quoting a single phrase such as a hedge. */
export function snippet(sentence: string, at: number, length: number, wordsAround = 4): string {
  const before = sentence.slice(0, at).split(' ');
  const after = sentence.slice(at + length).split(' ');
  const head = before.slice(-wordsAround - 1).join(' ');
  const tail = after.slice(0, wordsAround + 1).join(' ');
  const prefix = before.length > wordsAround + 1 ? '...' : '';
  const suffix = after.length > wordsAround + 1 ? '...' : '';
  return quote(`${prefix}${head}${sentence.slice(at, at + length)}${tail}${suffix}`.trim());
}

const STOPWORDS = new Set(
  `a an the and or but so to of in on at by for with from into onto over under about after before during
  than then that this these those it its it's is are was were be been being am do does did done have has had
  i me my mine myself we us our ours you your he him his she her they them their there here what which who whom
  whose when where why how as if not no nor too very can could would should will shall may might must also just
  all any each every some such more most other own same only both few many much one out up down off again once
  get got make made go went let lets via per because while until since though although whether yet still even
  i'd i'm i've i'll we'd we're we've it'd didn't wasn't weren't don't doesn't couldn't wouldn't isn't aren't`.split(
    /\s+/,
  ),
);

/** Lowercase content words (no stopwords, at least three letters), for overlap between texts. */
export function contentWords(text: string): string[] {
  const out: string[] = [];
  for (const token of text.toLowerCase().split(/[^\p{L}\p{N}'-]+/u)) {
    let word = token;
    while (word.startsWith("'") || word.startsWith('-')) word = word.slice(1);
    while (word.endsWith("'") || word.endsWith('-')) word = word.slice(0, -1);
    if (word.length >= 3 && !STOPWORDS.has(word) && LETTER.test(word)) out.push(stem(word));
  }
  return out;
}

const SUFFIXES = ['ments', 'ment', 'ings', 'ing', 'ed', 'es', 'ly', 's'];

/** A crude stem so "monitoring", "monitored" and "monitors" meet, and "organise" meets "organize". */
export function stem(word: string): string {
  let base = word;
  for (const suffix of SUFFIXES) {
    if (base.length > suffix.length + 2 && base.endsWith(suffix)) {
      base = base.slice(0, -suffix.length);
      break;
    }
  }
  return base.includes('is') ? base.replace(/is(?=e?$|at)/, 'iz') : base;
}
