import { PART_NAMES, type PartName } from '../content/schema.ts';
import { cleanProse, countCleanWords, secondsFor, splitCleanSentences, stripCode } from './text.ts';
import type { AnswerParts } from './types.ts';

export interface Sentence {
  /** Cleaned text as the user wrote it, for quoting. */
  text: string;
  /** Lowercased text for matching. */
  lower: string;
  part: PartName;
}

export interface PartText {
  name: PartName;
  text: string;
  sentences: Sentence[];
  words: number;
  seconds: number;
}

/** An answer ready for the criteria: each part's sentences and timing. */
export interface Answer {
  parts: Partial<Record<PartName, PartText>>;
  sentences: Sentence[];
  words: number;
  seconds: number;
  /** One block of text the splitter could not divide: criteria read the whole text. */
  unsplit: boolean;
}

export function buildAnswer(input: AnswerParts, unsplit = false): Answer {
  const parts: Partial<Record<PartName, PartText>> = {};
  const sentences: Sentence[] = [];
  let words = 0;
  for (const name of PART_NAMES) {
    const raw = input[name];
    if (typeof raw !== 'string' || raw.trim() === '') continue;
    const text = raw.trim();
    const prose = cleanProse(stripCode(text));
    const partSentences = splitCleanSentences(prose).map((s) => ({
      text: s,
      lower: s.toLowerCase(),
      part: name,
    }));
    const partWords = countCleanWords(prose);
    if (partWords === 0) continue;
    parts[name] = { name, text, sentences: partSentences, words: partWords, seconds: secondsFor(partWords) };
    sentences.push(...partSentences);
    words += partWords;
  }
  return { parts, sentences, words, seconds: secondsFor(words), unsplit };
}

export function sentencesOf(answer: Answer, parts: readonly PartName[]): Sentence[] {
  return parts.flatMap((p) => answer.parts[p]?.sentences ?? []);
}

export interface Match {
  sentence: Sentence;
  index: number;
  length: number;
  /** The matched words, from the lowercased sentence. */
  phrase: string;
}

/**
 * Every match of the pattern in the sentences (only the first per sentence unless the pattern is global).
 * Works on a copy, so shared patterns keep no state between calls.
 */
export function findAll(sentences: readonly Sentence[], pattern: RegExp): Match[] {
  const out: Match[] = [];
  const re = new RegExp(pattern);
  for (const sentence of sentences) {
    re.lastIndex = 0;
    for (let m = re.exec(sentence.lower); m; m = re.global ? re.exec(sentence.lower) : null) {
      out.push({ sentence, index: m.index, length: m[0].length, phrase: m[0] });
      if (m[0].length === 0) re.lastIndex++;
    }
  }
  return out;
}
