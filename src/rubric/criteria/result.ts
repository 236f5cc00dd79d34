import { findAll, type Sentence } from '../answer.ts';
import { RIPPLE, SPREAD } from '../effect-phrases.ts';
import { NUMBER_WORDS } from '../lexicon.ts';
import { isHypothetical } from './conduct.ts';
import {
  type Check,
  type Context,
  evidenceFrom,
  judgement,
  partsMissing,
  readSentences,
  signalMatches,
} from './context.ts';

const NUM = `(?:\\d[\\d,.]*\\d|\\d|${NUMBER_WORDS.join('|')})`;
const APPROX =
  '(?:about |around |roughly |nearly |almost |over |under |below |just |some |more than |less than |fewer than |an average of |only )?';
const UNIT =
  '(?:%|percent|per cent|points?|minutes?|mins?|hours?|hrs?|seconds?|secs?|ms|days?|weeks?|months?|k|m|bn|million|billion|thousand)';

/** A change with a size: a before and after, a multiplier, "by 40%", "to zero", "none since". */
const DELTA = new RegExp(
  [
    `\\bfrom ${APPROX}(?:[$£€¥₹]\\s?)?${NUM}\\b[^.;]{0,40}?\\bto ${APPROX}(?:[$£€¥₹]\\s?)?(?:${NUM}|zero|nothing|none|no one)\\b`,
    '\\b\\d+(?:\\.\\d+)?\\s?x\\b|\\b(?:two|three|four|five|ten|\\d+)[- ]?fold\\b',
    '\\b(?:halved|doubled|tripled|quadrupled|cut (?:it |that |this |them )?in half|by half|twice as (?:fast|many|much|quick|often)|(?:two|three|four|five|ten) times (?:faster|more|fewer|less|as|over))\\b',
    `\\b(?:down|up|dropped|fell|rose|grew|climbed|jumped|went|came|cut|reduced|brought (?:it|them)|got (?:it|them)|back) (?:[\\w,]+ ){0,3}to ${APPROX}(?:zero|0|nothing|none|${NUM} ?${UNIT}?)(?![\\w-])`,
    `\\bby ${APPROX}(?:[$£€¥₹]\\s?${NUM}|${NUM} ?(?:${UNIT}|a (?:quarter|third|half)|(?:a|per) (?:week|month|year)))|\\bby (?:a (?:quarter|third|half)|half|a factor of)\\b`,
    `\\b${NUM} ?${UNIT}? (?:increase|decrease|drop|reduction|rise|lift|improvement|saving|fewer|more|faster|less|lower|higher|shorter|quicker|cheaper|uplift|gain)\\b`,
    `\\b(?:instead of|rather than|compared (?:with|to)|versus|vs\\.?|against|up from|down from) (?:the |a |an )?${APPROX}(?:[$£€¥₹]\\s?)?${NUM}\\b`,
    "\\bnow (?:takes?|needs?|costs?|has|gets?|sees?) (?:no|zero|none|no one's|nobody's)\\b",
    `\\b(?:zero|no|none|not a single|not one) (?:[\\w-]+ ){0,5}?(?:since|ever since|in the (?:\\w+ )?(?:months?|weeks?|years?|quarters?) (?:since|after|that followed))\\b`,
    "\\b(?:hasn't|has not|haven't|have not|never) (?:\\w+ ){0,2}(?:happened|recurred|come back|returned|occurred|failed|dropped)\\b",
  ].join('|'),
);
/** A size with no change attached: a level ("around 95%"), an amount ("$90K"), a count. */
const AMOUNT = new RegExp(`\\d\\s?(?:%|percent|per cent)|[$£€¥₹]\\s?\\d|\\b${NUM}\\b`);
const CHANGE =
  /\b(?:reduc\w*|cut|cutting|dropp\w*|fell|fall|decreas\w*|lower\w*|shr[aiu]nk\w*|sav\w*|increas\w*|gr[eo]w\w*|rose|risen|rais\w*|boost\w*|improv\w*|recover\w*|gain\w*|won|win|signed|closed|eliminat\w*|avoid\w*|went (?:up|down)|lift\w*|add(?:ed|ing)|freed up|brought in|generat\w*|retain\w*|kept|prevent\w*|remov\w*|clear\w*|release\w*|renew\w*|stopped|down|up|fewer|more|less|faster|shorter|higher|lower)\b/;
const YEAR = /\b(?:19|20)\d\d\b/g;
/** Numbers that describe the set-up, not the change: team sizes, durations, dates, steps. */
const NOT_A_DELTA =
  /\b(?:team of|group of|squad of)\s+\S+|\b\S+ (?:people|engineers|developers|devs|members|colleagues|reports|teammates|of us)\b|\b(?:after|within|in|for|over|took|taking|lasted|about|the|next|following|first|each|every|a|per) (?:a |the |about |around )?(?:\S+ )?(?:days?|weeks?|months?|years?|quarters?|sprints?|fortnights?)\b|\bone\b|\bphase \S+|\bstep \S+|\bq[1-4]\b|\b\d{1,2}(?::\d\d)? ?(?:a\.?m|p\.?m)\b/g;
/** A rough rate with a change: "a few a week ... that stopped". */
const VAGUE_RATE =
  /\b(?:a few|several|a handful|a couple|dozens|hundreds|most|many|lots)\b[^.;]{0,60}\b(?:a|per|every|each) (?:day|week|month|year|shift)\b/;
/** A rough comparison with no figure: "a week rather than a month". */
const ROUGH_COMPARISON =
  /\b(?:instead of|rather than|compared (?:with|to)|versus|down from|up from) (?:a|an|one|the|about) (?:day|week|month|year|hour|minute)s?\b/;
const HEDGED = /\b(?:maybe|i think|or so|i guess|probably|i believe|give or take)\b/;
const VAGUE_GAIN =
  /\b(?:better|improved|improvement|faster|quicker|smoother|happier|happy|pleased|successful|success|worked|went well|positive|great|significant(?:ly)?|a lot|much|huge|massive|dramatic(?:ally)?|went down|went up)\b/;

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

/** "No lost orders", "zero incidents": none is a size too. */
const NONE = /\b(?:no|zero|none of the|not a single|not one|no one's|nobody's)\b/;

function hasAmount(text: string): boolean {
  const plain = text.replace(YEAR, ' ').replace(NOT_A_DELTA, ' ');
  return AMOUNT.test(plain);
}

/** A clause that states a sized change. */
function isDelta(clause: string): boolean {
  return DELTA.test(clause) || (hasAmount(clause) && CHANGE.test(clause));
}

function quantities(sentences: readonly Sentence[]): Quantities {
  const out: Quantities = { deltas: [], amounts: [], vague: [] };
  for (const s of sentences) {
    const delta = DELTA.test(s.lower) || clauses(s.lower).some(isDelta);
    if (delta && !HEDGED.test(s.lower)) out.deltas.push(s);
    else if (delta || hasAmount(s.lower)) out.amounts.push(s);
    else if (VAGUE_RATE.test(s.lower) || ROUGH_COMPARISON.test(s.lower)) out.vague.push(s);
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

/** What a business counts: money, customers won or lost, risk, delivery. */
const VALUE =
  /[$£€¥₹]\s?\d|\b(?:revenue|sales|profits?|margins?|costs?|spend(?:ing)?|budget|savings?|money|dollars|pounds|euros|arr|mrr|gmv|bookings|pipeline|deals?|contracts?|renewals?|renewed|upsells?|cash|refunds?|chargebacks?|fines?|penalt(?:y|ies)|write-?offs?|roi|payback|subscriptions?|orders|fees|licen[cs]es?|hosting|demurrage|overpayments?|invoices?|quota|churn\w*|retention|retained|conversions?|nps|csat|satisfaction (?:score|rating)s?|complaints?|cancellations?|cancelled|chasers|escalations?|demos?|meetings booked|prospects?|signed|incidents?|outages?|downtime|uptime|slas?|slos?|compliance|compliant|audits?|regulat\w+|breach(?:es)?|vulnerabilit\w+|safety|near[- ]misses?|fraud|losses|lost (?:orders|sales|customers|revenue)|attrition|leavers|turnover|stock-?outs?|waste|returns|mis-?picks?|disputes?|deliver(?:y|ies)|shipments?|parcels|bills?|hit (?:our|my|the) (?:number|target|quota))\b/;
/** Time given back, a business value when it has a size. */
const TIME_SAVED =
  /\b(?:sav\w*|free[sd]? up|freed|gave back|reclaim\w*|no longer spen[dt]|takes? no one's|took (?:someone|them|us) (?:most|all|half))\b[^.;]{0,50}\b(?:time|hours?|days?|minutes?|weeks?|mondays?)\b|\b(?:takes?|took) no one's time\b|\b(?:hours?|days?) (?:a|per|each|every) (?:week|month|day|year|quarter)\b/;
/** People and operations: closer to value, but not yet money, customers or risk. */
const SOFT =
  /\b(?:customers?|clients?|users?|merchants?|shoppers?|buyers?|patients?|members?|subscribers?|students?|guests?|callers?|tenants?|consumers?|productivity|throughput|workload|on-?call|pages|toil|manual (?:work|effort)|frustrat\w*|turnaround|lead[- ]?times?|wait(?:ing)? times?|response times?|leads|time|faster|quicker|developers?|engineers?|team'?s? time|failures|tickets?|backlog|pull requests|deploys?|releases?|trust|reputation|relationships?|morale|confidence|adoption)\b/;
const STRONG_CONSEQUENCE =
  /\b(?:sav(?:ed|es|ing)|recover\w*|retain\w*|won|avoid\w*|prevent\w*|protect\w*|stopped|eliminat\w*|renewed|unblock\w*|generat\w*|brought in)\b/;
const DIRECTION = /\b(?:fewer|less|lower|higher|more|reduced|increased|dropped|fell|rose|grew|down|up)\b/;
const MOOD =
  /\b(?:[\w-]+ )?(?:team|everyone|manager|boss|people|colleagues|stakeholders|customers?|clients?|users?|drivers?|staff|students|developers|engineers) (?:was|were|felt|seemed|said they were) (?:(?:really|much|very|so|a lot|mostly) )?(?:happy|happier|pleased|glad|grateful|impressed|satisfied|relieved|calmer|ok|fine|less frustrated)\b/g;

export const businessImpact: Check = (ctx) => {
  const sentences = resultSentences(ctx);
  if (sentences.length === 0 && partsMissing(ctx, ['result'])) return judgement('fail', [], MISSING_RESULT);
  const strict = ctx.level === 'senior';
  const earned: Sentence[] = [...signalMatches(ctx, 'business-impact', sentences)];
  const unsized: Sentence[] = [];
  const soft: Sentence[] = [];
  for (const s of sentences) {
    const lower = s.lower.replace(MOOD, ' ');
    const parts = clauses(lower);
    const sized = (c: string) => isDelta(c) || hasAmount(c) || NONE.test(c);
    const sizedValue =
      parts.some((c) => (VALUE.test(c) || TIME_SAVED.test(c)) && sized(c)) ||
      (VALUE.test(lower) && DELTA.test(lower));
    // "Refunds by hand stopped", or "fewer cancellations" next to a figure: the value is plain without its own number.
    const consequence =
      (VALUE.test(lower) && STRONG_CONSEQUENCE.test(lower)) ||
      (parts.some((c) => VALUE.test(c) && DIRECTION.test(c)) && parts.some(sized));
    if (sizedValue || (consequence && !strict)) earned.push(s);
    else if (VALUE.test(lower) || TIME_SAVED.test(lower)) unsized.push(s);
    else if (SOFT.test(lower)) soft.push(s);
  }
  if (earned.length > 0)
    return judgement('pass', evidenceFrom(earned), 'The result is translated into business terms.');
  if (unsized.length > 0 || soft.length > 0) {
    return judgement(
      'partial',
      evidenceFrom([...unsized, ...soft]),
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

export const secondOrderEffect: Check = (ctx) => {
  const sentences = resultSentences(ctx);
  if (sentences.length === 0 && partsMissing(ctx, ['result'])) return judgement('fail', [], MISSING_RESULT);
  const spread = [...findAll(sentences, SPREAD), ...signalMatches(ctx, 'second-order-effect', sentences)];
  const ripple = sentences.filter((s) => RIPPLE.test(s.lower));
  if (spread.length > 0) {
    const org = spread.filter(
      (m) => !('sentence' in m) || !/\b(?:recurr|again|never|hasn't|has not|zero|no )/.test(m.phrase),
    );
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
