/**
 * Language analysis with wink-nlp and its English lite model: part of speech, lemmas and entities for one
 * sentence. The model (about 4 MB) is loaded on first use, not at import, so starting the app stays cheap.
 * Analysis is deterministic; results are cached per sentence text.
 */
import { createRequire } from 'node:module';
import type { ItemEntity, ItemToken, ItsHelpers, WinkMethods } from 'wink-nlp';

export interface Token {
  lower: string;
  /** Universal part of speech: VERB, AUX, PRON, NOUN... */
  pos: string;
  lemma: string;
}

/** Past: "I called", "I'd pulled", "I have call" (a perfect, however it is spelt). Modal: "I would call". */
export type Tense = 'past' | 'present' | 'either' | 'modal';

/** A verb whose subject is the speaker: "I call", "I called", "I have call", "I'd pulled", "... and then rang". */
export interface SpeakerVerb {
  lemma: string;
  form: string;
  tense: Tense;
  /** Negated: "I didn't check". */
  negated: boolean;
}

export interface Entity {
  type: string;
  value: string;
}

export interface Analysis {
  tokens: Token[];
  speakerVerbs: SpeakerVerb[];
  /** The lowercased sentence with each verb replaced by its lemma: tense-free text for cues. */
  lemmaText: string;
}

interface Engine {
  /** Part of speech and lemmas only: what every sentence needs. */
  tagger: WinkMethods;
  /** With named entities too, for the few sentences whose quantities are asked for. */
  full: WinkMethods;
  its: ItsHelpers;
}

let engine: Engine | undefined;

function load(): Engine {
  if (!engine) {
    const require = createRequire(import.meta.url);
    const winkNLP = require('wink-nlp') as (model: unknown, pipe?: string[]) => WinkMethods;
    const model: unknown = require('wink-eng-lite-web-model');
    const tagger = winkNLP(model, ['pos']);
    engine = { tagger, full: winkNLP(model, ['pos', 'ner']), its: tagger.its };
  }
  return engine;
}

const MODALS = new Set(['would', 'will', "'ll", 'shall', 'could', 'might', 'should', 'may', 'can', 'must']);
const PERFECT = new Set(['have', 'has', 'had', "'ve", 'did']);
/** Verbs whose past form is their base form: tense cannot be read from the word alone. */
const SAME_FORM = new Set([
  'put',
  'cut',
  'set',
  'split',
  'read',
  'hit',
  'let',
  'shut',
  'spread',
  'quit',
  'cost',
  'bet',
  'broadcast',
  'forecast',
  'upset',
  'reset',
]);
/** How far a run of verbs shared with one "I" is followed: a clause, not a 50 000-character run-on. */
const MAX_CLAUSE_TOKENS = 40;
/** Longer sentences are analysed up to here: a spoken answer's sentence is far shorter. */
const MAX_SENTENCE_CHARS = 1_500;
/** A new subject ends a run of verbs shared with "I". */
const SUBJECTS = new Set(['he', 'she', 'they', 'we', 'it', 'you', 'who', 'which', 'that', 'this']);

function tenseOf(form: string, lemma: string, aux: string[]): Tense {
  if (aux.some((a) => MODALS.has(a)) && !(aux.includes("'d") && form !== lemma)) return 'modal';
  if (aux.some((a) => a === "'d") && form !== lemma && !/s$/.test(form)) return 'past';
  if (aux.some((a) => PERFECT.has(a))) return 'past';
  if (aux.some((a) => a === 'do' || a === 'does' || a === 'am' || a === "'m")) return 'present';
  if (/ed$/.test(form) && form !== lemma) return 'past';
  if (SAME_FORM.has(lemma) && form === lemma) return 'either';
  if (form === lemma || form === `${lemma}s` || form === `${lemma}es` || form === `${lemma.slice(0, -1)}ies`)
    return 'present';
  return 'past';
}

/** Verbs the speaker is the subject of, including verbs that share the "I" ("I pull it up and check it"). */
function speakerVerbsOf(tokens: Token[]): SpeakerVerb[] {
  const out: SpeakerVerb[] = [];
  for (let i = 0; i < tokens.length; i++) {
    if (tokens[i]!.lower !== 'i') continue;
    let j = i + 1;
    const aux: string[] = [];
    let negated = false;
    while (j < Math.min(tokens.length, i + 1 + MAX_CLAUSE_TOKENS)) {
      const t = tokens[j]!;
      if (t.lower === 'not' || t.lower === "n't" || t.lower === 'never') negated = true;
      if (t.pos === 'AUX') aux.push(t.lower);
      else if (t.pos !== 'ADV' && t.lower !== 'not' && t.lower !== "n't") break;
      j++;
    }
    const verb = tokens[j];
    if (verb?.pos !== 'VERB') continue;
    out.push({ lemma: verb.lemma, form: verb.lower, tense: tenseOf(verb.lower, verb.lemma, aux), negated });
    // Verbs joined to the first by "and", "then" or a comma share its subject and its tense markers.
    for (let k = j + 1; k < Math.min(tokens.length, j + 1 + MAX_CLAUSE_TOKENS); k++) {
      const t = tokens[k]!;
      if (t.lower === 'i' || SUBJECTS.has(t.lower) || t.pos === 'SCONJ' || t.lower === '.' || t.lower === ';')
        break;
      if (t.lower !== 'and' && t.lower !== 'then' && t.lower !== ',') continue;
      let m = k + 1;
      while (m < tokens.length && (tokens[m]!.pos === 'ADV' || tokens[m]!.lower === 'then')) m++;
      const next = tokens[m];
      // The tagger reads a bare verb after a comma as a noun ("..., check the map"): one followed by an object is a verb.
      const object = ['DET', 'PRON', 'NUM', 'PROPN', 'VERB'].includes(tokens[m + 1]?.pos ?? '');
      const verbLike = next?.pos === 'VERB' || (next?.pos === 'NOUN' && object);
      if (next && verbLike && !/ing$/.test(next.lower) && tokens[m - 1]?.lower !== 'to') {
        const tense = tenseOf(next.lower, next.lemma, aux);
        out.push({ lemma: next.lemma, form: next.lower, tense, negated: false });
        k = m;
      }
    }
  }
  return out;
}

const CACHE_LIMIT = 5_000;
const cache = new Map<string, Analysis>();

/** Loads the language model now rather than at the first analysis (about a second on a slow host). */
export function loadLanguageModel(): void {
  load();
}

/** Whether the language model has been loaded: it is, only once something asked for an analysis. */
export function isModelLoaded(): boolean {
  return engine !== undefined;
}

/** Forgets every analysis: the benchmark grades each run as a new answer. */
export function clearAnalyses(): void {
  cache.clear();
}

/** Part of speech, lemmas, speaker verbs and entities of one sentence. */
export function analyse(sentence: string): Analysis {
  const cached = cache.get(sentence);
  if (cached) return cached;
  const { tagger, its } = load();
  const doc = tagger.readDoc(sentence.slice(0, MAX_SENTENCE_CHARS));
  // The package's typings give `its.lemma` a signature `out` does not accept; at run time it is an its-function.
  const lemmaOf = its.lemma as unknown as typeof its.pos;
  const tokens: Token[] = [];
  doc.tokens().each((t: ItemToken) => {
    const lower = String(t.out()).toLowerCase();
    tokens.push({ lower, pos: String(t.out(its.pos)), lemma: String(t.out(lemmaOf)).toLowerCase() });
  });
  const analysis: Analysis = {
    tokens,
    speakerVerbs: speakerVerbsOf(tokens),
    lemmaText: tokens.map((t) => (t.pos === 'VERB' || t.pos === 'AUX' ? t.lemma : t.lower)).join(' '),
  };
  if (cache.size >= CACHE_LIMIT) cache.clear();
  cache.set(sentence, analysis);
  return analysis;
}

/** Quantities the model recognises in a sentence: numbers, percentages, money, durations, dates. */
export function entitiesOf(sentence: string): Entity[] {
  const { full, its } = load();
  const entities: Entity[] = [];
  full
    .readDoc(sentence.slice(0, MAX_SENTENCE_CHARS))
    .entities()
    .each((e: ItemEntity) => {
      const detail = e.out(its.detail) as unknown as { value: string; type: string };
      entities.push({ type: detail.type, value: detail.value });
    });
  return entities;
}

/** A verb in a past form, whoever its subject: "ulcers went down", "the nurse worked out". */
export function isPastForm(token: Token): boolean {
  return (
    token.pos === 'VERB' && tenseOf(token.lower, token.lemma, []) === 'past' && !/ing$/.test(token.lower)
  );
}

/** Whether a sentence's own verbs are told in the present (a narrative or a habit), none of them in the past. */
export function toldInPresent(analysis: Analysis): boolean {
  const tenses = analysis.speakerVerbs.map((v) => v.tense);
  return tenses.includes('present') && !tenses.includes('past');
}
