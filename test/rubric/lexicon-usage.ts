import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { DEFAULT_CONTENT_DIR } from '../../src/content/load.ts';
import { COMPLAINT_ROUTING, UNSPECIFIED_ACTIVITY } from '../../src/rubric/action-phrases.ts';
import {
  CONCRETE_PAST,
  HEDGES,
  ROUTING,
  TECH_TERMS,
  VAGUE_ACTIVITY,
  WEAK_PAST,
  words,
} from '../../src/rubric/lexicon.ts';
import { cleanProse } from '../../src/rubric/text.ts';
import { loadCorpus } from './corpus.ts';

/** The phrase lists the rubric matches answers against (number words are the language's, not tuned). */
export const PHRASE_LISTS: Record<string, readonly string[]> = {
  CONCRETE_PAST,
  WEAK_PAST,
  VAGUE_ACTIVITY,
  ROUTING,
  TECH_TERMS,
  HEDGES: HEDGES.map(([phrase]) => phrase),
  UNSPECIFIED_ACTIVITY,
  COMPLAINT_ROUTING,
};

function strings(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(strings);
  if (value && typeof value === 'object') return Object.values(value).flatMap(strings);
  return [];
}

function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return name.endsWith('.yaml') ? [path] : [];
  });
}

const normalise = (text: string) => cleanProse(text).toLowerCase();

export interface PhraseUse {
  list: string;
  phrase: string;
  /** Corpus answers (tuning answers) the phrase occurs in. */
  answers: string[];
  inContent: boolean;
}

/** Where each lexicon phrase occurs: in which corpus answers, and whether anywhere in the content bank. */
export function phraseUses(): PhraseUse[] {
  const answers = loadCorpus().map((e) => ({
    id: e.id,
    text: normalise(e.text ?? Object.values(e.parts ?? {}).join('\n')),
  }));
  const content = yamlFiles(DEFAULT_CONTENT_DIR)
    .flatMap((file) => strings(parse(readFileSync(file, 'utf8'))))
    .map(normalise)
    .join('\n');
  return Object.entries(PHRASE_LISTS).flatMap(([list, phrases]) =>
    [...new Set(phrases)].map((phrase) => {
      const pattern = words([phrase], '');
      return {
        list,
        phrase,
        answers: answers.filter((a) => pattern.test(a.text)).map((a) => a.id),
        inContent: pattern.test(content),
      };
    }),
  );
}
