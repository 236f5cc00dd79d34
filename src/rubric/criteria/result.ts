import { findAll, type Match, type Sentence } from '../answer.ts';
import { NUMBER_WORDS } from '../lexicon.ts';
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
  '(?:about |around |roughly |nearly |almost |over |under |below |just |some |more than |less than |fewer than |an average of )?';

/** A metric delta: a percentage, money, a multiplier, a before and after, or "zero since". */
const METRIC = new RegExp(
  [
    '\\d(?:[\\d,.]*\\d)?\\s?(?:%|per ?cent\\b|percentage points?\\b|pp\\b|bps\\b|basis points\\b)',
    '[$£€¥₹]\\s?\\d|\\b\\d[\\d,.]*\\s?(?:k|m|bn|million|billion|thousand)?\\s?(?:dollars|pounds|euros|usd|gbp|eur|inr|aud|cad)\\b',
    '\\b\\d+(?:\\.\\d+)?\\s?x\\b|\\b(?:two|three|four|five|ten|\\d+)[- ]?fold\\b',
    '\\b(?:halved|doubled|tripled|quadrupled|cut (?:it |that |this |them )?in half|by half|twice as (?:fast|many|much|quick)|(?:two|three|four|five|ten) times (?:faster|more|fewer|less|as|over))\\b',
    `\\bfrom ${APPROX}(?:[$£€]\\s?)?${NUM}\\b[^.;]{0,40}?\\bto ${APPROX}(?:[$£€]\\s?)?(?:${NUM}|zero|nothing|none)\\b`,
    `\\b(?:down|up|dropped|fell|rose|grew|climbed|jumped|went|came|cut|reduced|brought it|got it) (?:\\w+ ){0,2}to ${APPROX}(?:zero|0|nothing|none|${NUM} ?(?:%|percent|per cent|minutes?|mins?|hours?|seconds?|secs?|ms|days?|weeks?))\\b`,
    '\\b(?:zero|no|not a single|not one) (?:\\w+ ){0,3}(?:since|ever since|in the (?:\\w+ )?(?:months?|weeks?|years?|quarters?) (?:since|after|that followed))\\b',
    "\\b(?:hasn't|has not|haven't|have not|never) (?:\\w+ ){0,2}(?:happened|recurred|come back|returned|occurred|failed|dropped)\\b",
  ].join('|'),
);
const CHANGE =
  /\b(?:reduc\w*|cut|cutting|dropp\w*|fell|fall|decreas\w*|lower\w*|shr[aiu]nk\w*|sav\w*|increas\w*|gr[eo]w\w*|rose|risen|rais\w*|boost\w*|improv\w*|recover\w*|gain\w*|won|closed|eliminat\w*|avoid\w*|went (?:up|down)|down|up|faster|slower|fewer|less|more|shorter|higher|lower|saving|freed up|brought in|generat\w*|retain\w*|prevent\w*|remov\w*|clear\w*)\b/;
const NUMBER = new RegExp(`\\b${NUM}\\b`, 'g');
const YEAR = /\b(?:19|20)\d\d\b/g;
const NOT_A_DELTA =
  /\b(?:team of|group of|squad of)\s+\S+|\b\S+ (?:people|engineers|developers|devs|members|colleagues|reports|teammates|of us)\b|\b(?:after|within|in|for|over|took|taking|lasted|about) (?:a |the )?(?:\S+ )?(?:days?|weeks?|months?|years?|quarters?|sprints?)\b|\bone\b|\bphase \S+|\bstep \S+|\bq[1-4]\b/g;
const VAGUE_GAIN =
  /\b(?:better|improved|improvement|faster|quicker|smoother|happier|happy|pleased|successful|success|worked|went well|positive|great|significant(?:ly)?|a lot|much|huge|massive|dramatic(?:ally)?)\b/;

function metricEvidence(sentences: readonly Sentence[]): { strong: Match[]; weak: Sentence[] } {
  const strong = findAll(sentences, METRIC);
  const weak: Sentence[] = [];
  for (const s of sentences) {
    if (strong.some((m) => m.sentence === s)) continue;
    const plain = s.lower.replace(YEAR, ' ').replace(NOT_A_DELTA, ' ');
    NUMBER.lastIndex = 0;
    const hasNumber = NUMBER.test(plain);
    NUMBER.lastIndex = 0;
    if (hasNumber && CHANGE.test(plain))
      strong.push({ sentence: s, index: 0, length: s.lower.length, phrase: s.lower });
    else if (hasNumber || /\d/.test(s.lower)) weak.push(s);
  }
  return { strong, weak };
}

const MISSING_RESULT = 'There is no Result: end with what changed, in numbers, and what it was worth.';

export const quantifiedResult: Check = (ctx) => {
  const sentences = resultSentences(ctx);
  if (sentences.length === 0 && partsMissing(ctx, ['result'])) return judgement('fail', [], MISSING_RESULT);
  const { strong, weak } = metricEvidence(sentences);
  if (strong.length > 0)
    return judgement('pass', evidenceFrom(strong), 'Quantified: the result has a number.');
  if (weak.length > 0) {
    return judgement(
      'partial',
      evidenceFrom(weak),
      'There are numbers, but not a change: give the before and after ("from 30 minutes to 5", "down 40%").',
    );
  }
  const vague = sentences.filter((s) => VAGUE_GAIN.test(s.lower));
  return judgement(
    'fail',
    evidenceFrom(vague),
    'No number: say how much it changed - a percentage, a before and after, a count or money.',
  );
};

const BUSINESS =
  /\b(?:revenue|sales|profits?|margins?|costs?|spend(?:ing)?|budget|savings?|saved|money|dollars|pounds|euros|arr|mrr|gmv|bookings|pipeline|deals?|contracts?|renewals?|renewed|upsells?|cash|invoices?|billing|refunds?|fines?|penalt(?:y|ies)|write-?offs?|roi|payback|pricing|orders?|customers?|clients?|users?|merchants?|shoppers?|buyers?|patients?|members?|subscribers?|accounts?|partners?|sellers?|drivers?|guests?|students?|callers?|tenants?|consumers?|churn\w*|retention|retained|conversions?|nps|csat|satisfaction|complaints?|tickets?|escalations?|reviews?|ratings?|adoption|engagement|sign-?ups?|activation|hours?|days?|weeks?|time[- ]to[- ]\w+|lead[- ]time|turnaround|cycle[- ]time|on[- ]time|deadlines?|delays?|productivity|throughput|capacity|headcount|ftes?|backlog|risks?|incidents?|outages?|downtime|uptime|availability|slas?|slos?|compliance|compliant|audits?|regulat\w+|security|breach(?:es)?|vulnerabilit\w+|safety|errors?|defects?|failures?|fraud|loss(?:es)?|trust|reputation|relationships?|brand|credibility|loyalty|goodwill|market share|launch(?:ed)?|deliver(?:y|ies|ed)|stock-?outs?|inventory|shipments?|waste|utili[sz]ation|occupancy|attrition|hires?|hiring|quota|targets?|leads|revenue-?at-?risk)\b|[$£€¥₹]\s?\d/;
const CONSEQUENCE =
  /\b(?:sav\w*|recover\w*|retain\w*|won|win|avoid\w*|prevent\w*|protect\w*|reduc\w*|cut|increas\w*|gr[eo]w\w*|closed|kept|renew\w*|unblock\w*|generat\w*|brought in|freed up|lower\w*|eliminat\w*|remov\w*|met|hit|beat|exceed\w*|deliver\w*|secur\w*|worth|meant|allow\w*|enabl\w*|stopp\w*|resolv\w*|drop\w*|fell|rose|improv\w*|boost\w*|halv\w*|doubl\w*|shorten\w*|speed\w* up|sped up|faster|fewer|less|more)\b/;
const TEAM_MOOD =
  /\b(?:team|everyone|manager|boss|people|colleagues|stakeholders) (?:was|were|felt|seemed) (?:happy|pleased|glad|grateful|impressed|satisfied|relieved)\b/;

export const businessImpact: Check = (ctx) => {
  const sentences = resultSentences(ctx);
  if (sentences.length === 0 && partsMissing(ctx, ['result'])) return judgement('fail', [], MISSING_RESULT);
  const business = sentences.filter((s) => BUSINESS.test(s.lower.replace(TEAM_MOOD, ' ')));
  const metrics = metricEvidence(business).strong.map((m) => m.sentence);
  const consequential = business.filter((s) => CONSEQUENCE.test(s.lower));
  const signals = signalMatches(ctx, 'business-impact', sentences);
  const strict = ctx.level === 'senior';
  const earned = strict ? metrics : [...new Set([...metrics, ...consequential, ...signals])];
  if (earned.length > 0)
    return judgement('pass', evidenceFrom(earned), 'The result is translated into business terms.');
  if (business.length > 0) {
    return judgement(
      'partial',
      evidenceFrom(strict ? [...consequential, ...business] : business),
      strict
        ? 'Put a number on the business effect - money, customers, hours or risk - as a senior candidate would.'
        : 'Say what the change was worth: money, customers, time saved or risk removed, ideally with a number.',
    );
  }
  const mood = sentences.filter((s) => TEAM_MOOD.test(s.lower) || VAGUE_GAIN.test(s.lower));
  return judgement(
    'fail',
    evidenceFrom(mood),
    'No business meaning: translate the result into money, customers, time saved, risk removed or trust earned.',
  );
};

const SPREAD = new RegExp(
  [
    "\\b(?:other|the other|two|three|four|five|several|multiple|many|\\d+|neighbouring|neighboring|sister|partner|all|every|more|most) (?:other )?(?:teams?|squads?|regions?|offices?|sites?|stores?|warehouses?|departments?|business units?|markets?|countries|products?|groups?|divisions?|clinics?|branches?|hospitals?|schools?|orgs?|organi[sz]ations?|projects?|services?|accounts?|clients?|customers?|managers?|engineers?|hubs?|plants?|lines?)(?:'s)?\\b[^.;]{0,60}?\\b(?:adopt\\w*|us(?:e|es|ed|ing)|reus\\w*|cop(?:y|ied|ies)|picked up|rolled out|follow\\w*|took (?:it )?up|asked for|implement\\w*|now|started|switched|requested|applied|replicated)\\b",
    '\\b(?:adopt\\w*|reus\\w*|copied|picked up|rolled (?:it |them |this )?out|extended|expanded|scaled|replicated|applied|spread) (?:\\w+ ){0,4}(?:by|to|across|for|in|at) (?:other|the other|two|three|four|several|all|every|many|\\d+|the (?:whole|entire|wider|rest)|our other)\\b',
    '\\bbec(?:a|o)me (?:the |a |our |part of (?:the |our )?)?(?:new )?(?:standard|default|template|norm|process|playbook|best practice|blueprint|baseline|model|benchmark|reference|requirement|policy|checklist|guideline|practice|way we|go-to)',
    '\\b(?:is|are|was) now (?:part of|the (?:standard|default|template|norm|way)|used (?:by|across|in)|mandatory|required)\\b|\\bnow part of\\b|\\bstill (?:in use|used|running|the (?:standard|default))\\b',
    '\\b(?:company|org|organi[sz]ation|department|business|division|group|industry)[- ]wide\\b|\\bacross the (?:company|org|organi[sz]ation|business|department|division|group|region|country|fleet|estate|network)\\b',
    '\\b(?:prevent\\w*|stopp?\\w*|avoid\\w*) (?:\\w+ ){0,4}(?:recurr\\w*|happening again|coming back|repeat\\w*|future|further|similar|again)\\b',
    "\\b(?:hasn't|has not|haven't|have not|never|didn't|did not) (?:\\w+ ){0,2}(?:happened|recurred|come back|returned|occurred|repeated)\\b",
    '\\b(?:zero|no|not a single|not one) (?:\\w+ ){0,3}(?:since|ever since|recurrence|repeats?)\\b',
    '\\b(?:wrote|created|published|documented|built|ran|delivered|recorded|turned) (?:\\w+ ){0,4}(?:runbook|playbook|guide|wiki|docs?|documentation|training|workshop|template|checklist|lunch-and-learn|session|course|library|toolkit)s?\\b[^.;]{0,50}?\\b(?:for|so|that|to|into) (?:other|the (?:rest|wider|whole|other)|new|future|every|everyone|all|anyone|teams?|managers|engineers|colleagues|reps)\\b',
    '\\btrained (?:\\w+ ){0,3}(?:others|other|new|the (?:rest|wider|whole|other)|\\d+|two|three|four|five|several|all|every)\\b',
    '\\b(?:led|leading|lead) to (?:a|the) (?:new|company|wider|broader|permanent|formal)\\b|\\bkick(?:ed)?[- ]?started\\b|\\bfollow-?on\\b',
  ].join('|'),
);
const RIPPLE =
  /\b(?:since then|ever since|going forward|from then on|long[- ]term|lasting|permanent(?:ly)?|sustain\w*|reusable|repeatable|template|playbook|runbook|framework|documented|knock-on|side effect|as a bonus|in addition|now (?:uses?|runs?|has|have|gets?|checks?|reviews?|includes?)|promoted|recogni[sz]ed|award\w*|invited to|asked me to (?:lead|present|run|share))\b|\balso\b(?: \w+){0,6} (?:helped|improved|led|meant|made|gave|unblocked|freed|reduced)\b/;

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

function resultSentences(ctx: Context): Sentence[] {
  return readSentences(ctx, ['result'], []);
}
