import { findAll, type Sentence } from '../answer.ts';
import { RIPPLE, SPREAD } from '../effect-phrases.ts';
import { PROBLEM } from '../lexicon.ts';
import { analyse } from '../nlp.ts';
import {
  AMOUNT,
  CHANGE,
  DELTA,
  DOUBTED,
  EFFORT_COUNT,
  EFFORT_PHRASE,
  HEDGED,
  NONE,
  NOT_A_DELTA,
  OUTCOME_COUNT,
  ROUGH_COMPARISON,
  VAGUE_GAIN,
  VAGUE_RATE,
  WORTH,
  YEAR,
} from '../quantity-phrases.ts';
import { hasSubstance, takenUpByOthers } from '../uptake.ts';
import {
  CUSTOMER_MOVE,
  DEPARTMENT,
  DIRECTION,
  MOOD,
  SERVED,
  SOFT,
  STRONG_CONSEQUENCE,
  TECHNICAL,
  TIME_SAVED,
  VAGUE_SIZE,
  VAGUE_WORTH,
  VALUE,
} from '../worth-phrases.ts';
import { isHypothetical, notOneEvent } from './conduct.ts';
import {
  type Check,
  type Context,
  evidenceFrom,
  judgement,
  partsMissing,
  readSentences,
  signalMatches,
} from './context.ts';

/** Clauses of a sentence, so a number and a business word count together only when they are said together. */
function clauses(lower: string): string[] {
  return lower.split(
    /[;:]\s+|,\s+(?:and|but|which|while|so|with)\s+|\s+(?:and|but|while)\s+(?=\w+ \w+)|,\s+/,
  );
}

interface Quantities {
  deltas: Sentence[];
  amounts: Sentence[];
  vague: Sentence[];
}

function hasAmount(text: string): boolean {
  const plain = text.replace(YEAR, ' ').replace(NOT_A_DELTA, ' ');
  return AMOUNT.test(plain);
}

/** A clause that states a sized change. */
function isDelta(clause: string): boolean {
  return DELTA.test(clause) || isCountedChange(clause);
}

/** A count of outcomes, or an amount said with a change word (cheap test first). */
function isCountedChange(clause: string): boolean {
  return OUTCOME_COUNT.test(clause) || (CHANGE.test(clause) && hasAmount(clause));
}

/** A clause with any size: an amount, a none, a change. */
function isSized(clause: string): boolean {
  return hasAmount(clause) || NONE.test(clause) || DELTA.test(clause) || OUTCOME_COUNT.test(clause);
}

/** A count against its whole: "112 of 118 visits", "58 of the 63 students" (the whole is the baseline). */
const PROPORTION = /\b\d[\d,]* (?:of|out of) (?:the |our |all |its |their )?\d[\d,]*\b/;

function quantities(sentences: readonly Sentence[]): Quantities {
  const out: Quantities = { deltas: [], amounts: [], vague: [] };
  for (const s of sentences) {
    // The effort itself ("wrote 12 new tests") is not a change in the result.
    const plain = s.lower.replace(EFFORT_COUNT, ' ');
    const delta =
      DELTA.test(plain) ||
      PROPORTION.test(plain) ||
      clauses(plain).some(isCountedChange) ||
      (WORTH.test(plain) && CHANGE.test(plain));
    if (delta && !HEDGED.test(s.lower)) out.deltas.push(s);
    else if (delta || hasAmount(plain)) out.amounts.push(s);
    else if (VAGUE_RATE.test(plain) || ROUGH_COMPARISON.test(plain)) out.vague.push(s);
  }
  return out;
}

const MISSING_RESULT = 'There is no Result: end with what changed, in numbers, and what it was worth.';

/** The Result's sentences that report something that happened (not what would or usually happens). */
function resultSentences(ctx: Context): Sentence[] {
  return readSentences(ctx, ['result'], []).filter((s) => !isHypothetical(s.lower));
}

export const quantifiedResult: Check = (ctx) => {
  const sentences = resultSentences(ctx);
  if (sentences.length === 0 && partsMissing(ctx, ['result'])) return judgement('fail', [], MISSING_RESULT);
  const { deltas, amounts, vague } = quantities(sentences);
  if (deltas.length > 0)
    return judgement('pass', evidenceFrom(deltas), 'Quantified: the result has a before and after.');
  if (amounts.length > 0 || vague.length > 0) {
    return judgement(
      'partial',
      evidenceFrom([...amounts, ...vague]),
      'There is a size but not a clear change: give the before and after ("from 30 minutes to 5", "down 40%").',
    );
  }
  return judgement(
    'fail',
    evidenceFrom(sentences.filter((s) => VAGUE_GAIN.test(s.lower))),
    'No number: say how much it changed - a percentage, a before and after, a count or money.',
  );
};

/** Nouns that name no problem of their own: time spans, people in general, the work itself. */
const PLAIN_NOUNS = new Set(
  `time day days week weeks month months year years quarter hour hours minute minutes people team company job
  work thing things lot number way part problem issue`.split(/\s+/),
);
/** An amount saved, recovered, earned or won: worth by what the verb says ("that saves around 230,000 a year"). */
const GAIN_WORD = /\b(?:sav|recover|earn|generat|bring|brought|win|won)\w*\b[^.;]*\d/;
const GAINED_AMOUNT = /\b(?:save|recover|earn|generate|bring in|win)\b[^.;]{0,30}?\b\d/;

function nounLemmas(sentence: string): string[] {
  return analyse(sentence)
    .tokens.filter((t) => t.pos === 'NOUN' && !PLAIN_NOUNS.has(t.lemma))
    .map((t) => t.lemma);
}

/** The nouns of the problem the Situation and Task set out: what a sized change in the Result is worth to. */
function problemNouns(ctx: Context): Set<string> {
  if (ctx.section) return new Set();
  const told = readSentences(ctx, ['situation', 'task'], []).filter(
    (s) => PROBLEM.test(s.lower) && !TECHNICAL.test(s.lower),
  );
  return new Set(told.flatMap((s) => nounLemmas(s.text)));
}

/** "Which saved money", "saved a lot of time": a stock claim that names no amount and nothing it bought. */
const VAGUE_SAVING = new RegExp(VAGUE_SIZE.source, 'g');

/** The words that hang a claim on the clause before it: "which", "that", "so", "this". */
const HUNG_ON = /\b(?:which|that|so|this|and this|it)\s+(?:[\w'-]+\s+){0,2}$/;

/** A stock worth claim ("saved money", "made a real difference") hung on the change it is said to be worth. */
function stockWorthOf(lower: string): boolean {
  return [lower.search(VAGUE_SIZE), lower.search(VAGUE_WORTH)].some(
    (at) => at >= 0 && HUNG_ON.test(lower.slice(0, at)),
  );
}

export const businessImpact: Check = (ctx) => {
  const sentences = resultSentences(ctx);
  if (sentences.length === 0 && partsMissing(ctx, ['result'])) return judgement('fail', [], MISSING_RESULT);
  // A habit or a plan told instead of one event has no result of its own to be worth anything.
  if (notOneEvent(ctx)) {
    return judgement(
      'fail',
      [],
      'Tell one event and what its result was worth - money, customers, hours saved, risk removed.',
    );
  }
  const strict = ctx.level === 'senior';

  const deltas = quantities(sentences).deltas;
  const sized = deltas.filter((s) => !TECHNICAL.test(s.lower));
  const problem = sized.length > 0 ? problemNouns(ctx) : new Set<string>();
  const earned: Sentence[] = [
    ...signalMatches(ctx, 'business-impact', sentences),
    // A sized change in the very thing the story set out as the problem, or an amount saved or won.
    ...sized.filter((s) => nounLemmas(s.text).some((n) => problem.has(n))),
    ...sentences.filter(
      (s) =>
        GAIN_WORD.test(s.lower) && !TECHNICAL.test(s.lower) && GAINED_AMOUNT.test(analyse(s.text).lemmaText),
    ),
  ];
  const unsized: Sentence[] = [];
  const soft: Sentence[] = [];
  for (const s of sentences) {
    // Worth named only as the object of the effort ("we handled 320 returns") or in words with no value is not worth.
    const lower = s.lower
      .replace(MOOD, ' ')
      .replace(DEPARTMENT, 'team')
      .replace(VAGUE_WORTH, ' ')
      .replace(VAGUE_SAVING, ' ')
      .replace(EFFORT_COUNT, ' ');
    const value = VALUE.test(lower);
    const worth = value || TIME_SAVED.test(lower) || CUSTOMER_MOVE.test(lower);
    // The clause tests are the costly part: skip them when nothing of worth is named at all.
    const parts = worth || SERVED.test(lower) ? clauses(lower) : [];
    const sized = parts.map(isSized);
    const sizedValue =
      parts.some((c, i) => sized[i] && (VALUE.test(c) || TIME_SAVED.test(c) || CUSTOMER_MOVE.test(c))) ||
      parts.some((c) => SERVED.test(c) && !TECHNICAL.test(c) && isDelta(c)) ||
      ((value || CUSTOMER_MOVE.test(lower)) && DELTA.test(lower));
    // "Refunds by hand stopped", or "fewer cancellations" next to a figure: the value is plain without its own number.
    const consequence =
      value &&
      !VAGUE_SIZE.test(lower) &&
      (STRONG_CONSEQUENCE.test(lower) ||
        (parts.some((c) => VALUE.test(c) && DIRECTION.test(c)) && sized.some(Boolean)));
    if (sizedValue || (consequence && !strict)) earned.push(s);
    // "Waste went down, which saved money": a stock claim told as what the change was worth is the only worth offered.
    else if (stockWorthOf(s.lower)) continue;
    else if (worth) unsized.push(s);
    else if (SOFT.test(lower.replace(EFFORT_PHRASE, ' '))) soft.push(s);
  }
  // Worth the speaker doubts ("hopefully it saved costs", "maybe ten minutes shorter, I'm not sure") is not yet stated.
  const sure = earned.filter((s) => !DOUBTED.test(s.lower));
  if (sure.length > 0)
    return judgement('pass', evidenceFrom(sure), 'The result is translated into business terms.');
  unsized.push(...earned);
  // A figure that moved with no worth stated is half the way there: the worth is missing, not the result.
  if (unsized.length > 0 || soft.length > 0 || deltas.length > 0) {
    return judgement(
      'partial',
      evidenceFrom([...unsized, ...soft, ...deltas]),
      strict
        ? 'Put a number on the business effect - money, customers, hours or risk - as a senior candidate would.'
        : 'Say what the change was worth - money, customers kept or won, hours saved, risk removed - with a number.',
    );
  }
  return judgement(
    'fail',
    evidenceFrom(sentences.filter((s) => VAGUE_GAIN.test(s.lower) || /happ|pleased|liked/.test(s.lower))),
    'No business meaning: translate the result into money, customers, time saved, risk removed or trust earned.',
  );
};

/** A spread phrase about the problem not coming back: its subject is the problem already told. */
const RECURRENCE = /\b(?:recurr|again|never|hasn't|has not|zero|no )/;

/** A practice that now holds for everyone it concerns: "we now repeat the ECG for every chest pain patient". */
const NOW_FOR_ALL =
  /\bnow\b(?:\s+[\w'-]+){0,12}?\s+(?:for|in|on|across|to|at|by) (?:every|all|each|any|the other|other|\w+ other)\b|\bnow (?:[\w'-]+ ){0,2}?(?:checks?|uses?|runs?|sends?|reviews?|tests?|asks?|calls?|books?) (?:every|all|each)\b/;

export const secondOrderEffect: Check = (ctx) => {
  const sentences = resultSentences(ctx);
  if (sentences.length === 0 && partsMissing(ctx, ['result'])) return judgement('fail', [], MISSING_RESULT);
  // A claim of spread counts with its content: who took up what ("it became the standard" names neither).
  const spread = [
    ...findAll(sentences, SPREAD).filter((m) => RECURRENCE.test(m.phrase) || hasSubstance(m.sentence.text)),
    ...sentences.filter(
      (s) => (takenUpByOthers(s.text) || NOW_FOR_ALL.test(s.lower)) && hasSubstance(s.text),
    ),
    ...signalMatches(ctx, 'second-order-effect', sentences),
  ];
  const ripple = sentences.filter((s) => RIPPLE.test(s.lower));
  if (spread.length > 0) {
    const org = spread.filter((m) => !('phrase' in m) || !RECURRENCE.test(m.phrase));
    if (ctx.level !== 'senior' || org.length > 0) {
      return judgement(
        'pass',
        evidenceFrom(org.length > 0 ? org : spread),
        'The impact reaches beyond the fix itself.',
      );
    }
    return judgement(
      'partial',
      evidenceFrom(spread),
      'Preventing a repeat is good; at senior level also show the organisational change - who else adopted it.',
    );
  }
  if (ripple.length > 0) {
    return judgement(
      'partial',
      evidenceFrom(ripple),
      'Make the wider effect concrete: who adopted it, what became standard, what stopped recurring.',
    );
  }
  return judgement(
    'fail',
    [],
    ctx.level === 'senior'
      ? 'Nothing beyond the fix: show organisational thinking - what other teams adopted, what became the standard, what no longer recurs.'
      : 'Nothing beyond the fix: say what changed afterwards - adopted by others, became the standard, stopped recurring.',
  );
};
