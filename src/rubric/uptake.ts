/**
 * Others taking the work up, read from the verb's lemma and its subject, in any tense and grammar: "two other
 * wards added it to their night round", "the matron ask me to present it", "the lab manager adds the water bath to the cleaning list of two other labs".
 * And whether a sentence has the content a claim of spread needs: "it became the standard" names nobody and
 * nothing; "the pick route became the standard for all four warehouses" does.
 */
import { analyse, type Token } from './nlp.ts';

/** Verbs of taking something up, as lemmas. "ask" counts only when it asks for more ("asked me to train..."). */
const UPTAKE = new Set(
  `adopt add roll extend copy reuse apply fund introduce include replicate adapt spread standardise standardize ask
  put make take use share send pick switch turn build do start`.split(/\s+/),
);
/** A word that may be one of those verbs in some form: only such sentences are worth analysing. */
const UPTAKE_WORD =
  /\b(?:adopt|add|roll|extend|cop(?:y|ie)|reus|appl(?:y|ie)|fund|introduc|includ|replicat|adapt|spread|standardi[sz]|ask|put|ma(?:k|d)e|t(?:a|oo)k|us(?:e|es|ed|ing)\b|shar|sen(?:d|t)|pick|switch|turn|buil|(?:do|does|did) (?:the )?same\b|start(?:s|ed)? (?:using|to use)\b)/;
/** Verbs that need a particle or an object of the right kind to mean taking something up. */
const NEEDS: Record<string, RegExp> = {
  ask: /^(?:\w+ ){0,4}?(?:to|for)\b/,
  put: /^(?:\w+ ){0,5}?(?:in|on|into)\b/,
  make: /^(?:\w+ ){0,5}?(?:part|standard|mandatory|required|policy|default|permanent|rule)\b/,
  take: /^(?:\w+ ){0,3}?(?:up|on|to)\b/,
  // The same verbs of uptake in plainer words: "the other two homes use the same round", "shares it with 14 other
  // stores", "sends my card to the other 18 stores", "the other squads pick it up", "turns it into a standard option".
  use: /^(?:[\w'-]+ ){0,5}?(?:same|my|for|across|now)\b/,
  start: /^(?:using|to use)\b/,
  share: /^(?:[\w'-]+ ){0,8}?(?:with|across)\b/,
  send: /^(?:[\w'-]+ ){0,6}?to (?:the |all |every |each )?(?:other|all|every|each|\d+|two|three|four|five|six|seven|eight|nine|ten)\b/,
  pick: /^(?:\w+ ){0,2}?up\b/,
  switch: /^(?:[\w'-]+ ){0,4}?on\b/,
  turn: /^(?:[\w'-]+ ){0,6}?into\b/,
  build: /^(?:[\w'-]+ ){0,3}?into\b/,
  do: /^(?:the )?same\b/,
};
/** Who is not an organisation taking the work up: the speaker, and the people served. */
const NOT_ADOPTERS = new Set(
  `i we me us he she it this that you customer customers client clients guest guests patient patients user users
  student students buyer buyers caller callers people everyone nobody which who what there`.split(/\s+/),
);
const SKIP_BACK = new Set(['ADV', 'AUX', 'PART']);
const DEGREE = new Set(['more', 'less', 'most', 'least', 'very', 'so', 'too', 'quite', 'really', 'much']);
/** Words that say nothing on their own about who took what up. */
const GENERIC = new Set(
  `standard default practice best norm process thing things way team teams others other everyone people company
  business time well lot kind result results after change changes approach idea`.split(/\s+/),
);
/** Nouns, names or numbers that say what was taken up and by whom; below this, a claim of spread is a stock phrase. */
const SUBSTANCE = 2;

/** The subject word of the verb at `index`: the nearest noun, name or pronoun before it, past adverbs. */
function subjectOf(tokens: Token[], index: number): Token | undefined {
  for (let j = index - 1; j >= 0; j--) {
    const t = tokens[j]!;
    // "felt a lot more included": a participle after a degree word is an adjective, not a verb with a subject.
    if (DEGREE.has(t.lower)) return undefined;
    if (SKIP_BACK.has(t.pos)) continue;
    return ['NOUN', 'PROPN', 'PRON'].includes(t.pos) ? t : undefined;
  }
  return undefined;
}

/** Words that open a noun phrase: after a verb, not after a noun. */
const OPENS_OBJECT = new Set(['DET', 'PRON', 'NUM']);

/**
 * A word the tagger read as a noun in a verb's place: "two other stores copy the cabinet idea", "the other
 * hygienist use the red code" (a present-tense or non-native verb right after its subject, before its object).
 */
function usedAsVerb(tokens: Token[], index: number): boolean {
  const before = tokens[index - 1];
  const after = tokens[index + 1];
  return (
    tokens[index]?.pos === 'NOUN' &&
    before?.pos === 'NOUN' &&
    after !== undefined &&
    OPENS_OBJECT.has(after.pos) &&
    after.lower !== 'of'
  );
}

/** Whether someone other than the speaker and the people served took the work up in this sentence. */
export function takenUpByOthers(sentence: string): boolean {
  if (!UPTAKE_WORD.test(sentence.toLowerCase())) return false;
  const { tokens } = analyse(sentence);
  return tokens.some((t, i) => {
    if (!UPTAKE.has(t.lemma) || !(t.pos === 'VERB' || usedAsVerb(tokens, i))) return false;
    const rest = tokens
      .slice(i + 1, i + 10)
      .filter((x) => x.pos !== 'PUNCT')
      .map((x) => x.lower)
      .join(' ');
    const needs = NEEDS[t.lemma];
    if (needs && !needs.test(rest)) return false;
    // "I am not sure if they use it", "nobody knows whether they kept it": uptake in doubt is not uptake.
    const before = tokens
      .slice(Math.max(0, i - 4), i)
      .map((x) => x.lower)
      .join(' ');
    if (/\b(?:if|whether)\b/.test(before)) return false;
    const subject = subjectOf(tokens, i);
    return subject !== undefined && !NOT_ADOPTERS.has(subject.lower);
  });
}

/** Whether a sentence names enough (nouns, names, numbers beyond the generic) to say who took up what. */
export function hasSubstance(sentence: string): boolean {
  const named = analyse(sentence).tokens.filter(
    (t) => ['NOUN', 'PROPN', 'NUM'].includes(t.pos) && !GENERIC.has(t.lower),
  );
  return named.length >= SUBSTANCE;
}
