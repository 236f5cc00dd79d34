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

/** A number: digits (with "k"/"m" for thousands and millions), or a number word. */
const NUM = `(?:(?:\\d[\\d,.]*\\d|\\d)(?:k|m|bn)?|${NUMBER_WORDS.join('|')})`;
const APPROX =
  '(?:about |around |roughly |nearly |almost |over |under |below |just |some |more than |less than |fewer than |an average of |only |an estimated )?';
const UNIT =
  '(?:%|percent|per cent|points?|minutes?|mins?|hours?|hrs?|seconds?|secs?|ms|days?|weeks?|months?|years?|shifts?|k|m|bn|million|billion|thousand|grand)';
const CURRENCY = '(?:[$£€¥₹]|(?:us|au|ca|nz)\\$|(?:usd|gbp|eur|aud|cad|inr|chf|sgd|rs\\.?) ?)';
const BENCHMARK = '(?:quota|target|plan|goal|budget|forecast|sla|benchmark)';

/** A change with a size: a before and after, a multiplier, "by 40%", "to zero", "none since", a share of a target. */
const DELTA = new RegExp(
  [
    `\\bfrom ${APPROX}(?:${CURRENCY}\\s?)?${NUM}\\b[^.;]{0,40}?\\bto ${APPROX}(?:${CURRENCY}\\s?)?(?:${NUM}|zero|nothing|none|no one)\\b`,
    `\\b${NUM} ?(?:%|[a-z]{1,7})? ?(?:->|→|=>) ?(?:${CURRENCY}\\s?)?${NUM}\\b`,
    '\\b\\d+(?:\\.\\d+)?\\s?[x×](?!\\w)|\\b(?:two|three|four|five|ten|\\d+)[- ]?fold\\b',
    `\\b(?:halved|doubled|tripled|quadrupled|cut (?:it |that |this |them )?in half|by half|twice as (?:fast|many|much|quick|often|likely)|${NUM} times (?:faster|more|fewer|less|as|over|higher|lower|the))\\b`,
    '\\b(?:in|at|for) (?:half|a (?:third|quarter|fifth|fraction)|one[- ](?:third|quarter)) (?:of )?the (?:time|cost|price|effort|spend)\\b',
    `\\b(?:down|up|dropped|fell|rose|grew|climbed|jumped|went|came|cut|reduced|brought (?:it|them)|got (?:it|them)|back) (?:[\\w,]+ ){0,3}to ${APPROX}(?:zero|0|nothing|none|(?:${CURRENCY}\\s?)?${NUM} ?${UNIT}?)(?![\\w-])`,
    `\\bby ${APPROX}(?:${CURRENCY}\\s?${NUM}|${NUM} ?(?:${UNIT}|a (?:quarter|third|half)|(?:a|per) (?:week|month|year)))|\\bby (?:a (?:quarter|third|half|fifth|tenth)|half|two[- ]thirds|three[- ]quarters|a factor of)\\b`,
    `\\b${NUM}[- ]?${UNIT}? (?:increase|decrease|drop|reduction|rise|lift|improvement|saving|fewer|more|faster|less|lower|higher|shorter|quicker|cheaper|uplift|gain|earlier|sooner|smaller|bigger|larger|extra|additional|new)\\b`,
    `\\b(?:instead of|rather than|compared (?:with|to)|versus|vs\\.?|against|up from|down from|up on|down on) (?:the |a |an )?(?:usual |normal |typical |previous |old |original |average |expected )?${APPROX}(?:${CURRENCY}\\s?)?${NUM}\\b`,
    `\\b\\d[\\d.]*\\s?(?:%|percent|per cent) (?:of|above|over|below|under|ahead of|behind) (?:(?:our|the|my|their|its|a) )?(?:[\\w-]+ ){0,2}?${BENCHMARK}s?\\b`,
    `\\b${NUM} ?(?:%|${UNIT})?,? not (?:the )?${APPROX}${NUM}\\b`,
    "\\bnow (?:takes?|needs?|costs?|has|gets?|sees?) (?:no|zero|none|no one's|nobody's)\\b",
    `\\b(?:zero|no|none|not a single|not one) (?:[\\w-]+ ){0,5}?(?:since|ever since|in the (?:\\w+ )?(?:months?|weeks?|years?|quarters?) (?:since|after|that followed))\\b`,
    `\\b(?:not|n't|never) (?:had|seen|received|got|logged|recorded|been) (?:a single|one|any)\\b[^.;]{0,60}\\bsince\\b|\\bwithout (?:a single|one|any) [^.;]{0,40}\\bfor (?:${APPROX}${NUM}|a|the (?:next|following|whole|entire)) (?:\\w+ )?(?:days|weeks|months|years|quarters?|shifts|term|season)\\b`,
    `\\b(?:an? )?(?:extra|additional|further) (?:${CURRENCY}\\s?)?${NUM}\\b`,
    "\\b(?:hasn't|has not|haven't|have not|never) (?:\\w+ ){0,2}(?:happened|recurred|come back|returned|occurred|failed|dropped)\\b",
  ].join('|'),
);
/** A count of people who did the thing the work was for: "52 made a purchase", "22 of them renewed". */
const OUTCOME_COUNT = new RegExp(
  `\\b${NUM} (?:of (?:them|those|these|the|our|my)(?: [\\w-]+){0,3}? )?(?:[\\w-]+ ){0,3}?(?:made|booked|bought|signed|renewed|upgraded|converted|purchased|passed|came back|returned|rejoined|re-?activated|stayed|accepted|enrolled|subscribed|placed|ordered|paid)\\b`,
);
/** Money a change was worth: "won a contract worth 1.4 million" sizes the win. */
const WORTH = new RegExp(`\\bworth ${APPROX}(?:${CURRENCY}\\s?)?${NUM}\\b`);
/** A size with no change attached: a level ("around 95%"), an amount ("$90K"), a count. */
const AMOUNT = new RegExp(
  `\\d\\s?(?:%|percent|per cent)|${CURRENCY}\\s?\\d|\\b${NUM}\\b|\\ban (?:extra |additional |whole )?hour\\b`,
);
const CHANGE =
  /\b(?:reduc\w*|cut|cutting|dropp\w*|fell|fall|decreas\w*|lower\w*|shr[aiu]nk\w*|sav\w*|increas\w*|gr[eo]w\w*|rose|risen|rais\w*|boost\w*|improv\w*|recover\w*|gain\w*|won|win|signed|closed|booked|sold|secured|landed|hired|eliminat\w*|avoid\w*|went (?:up|down)|lift\w*|add(?:ed|ing)|freed up|brought in|generat\w*|retain\w*|kept|prevent\w*|remov\w*|clear\w*|release\w*|renew\w*|stopped|down|up|fewer|more|less|faster|shorter|higher|lower)\b/;
const YEAR = /\b(?:19|20)\d\d\b/g;
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
/** Who did the work, and how much of it: "trained 60 staff", "ran 5 workshops", "wrote 37 tests". */
const EFFORT =
  '\\b(?:wrote|ran|held|hosted|sent|reviewed|refactored|organi[sz]ed|interviewed|emailed|visited|attended|trained|updated|drafted|coached|mentored|onboarded|contacted|phoned|called|documented|mapped|shadowed|recorded|posted|presented|read|tested|(?:i|we) (?:\\w+ly )?(?:made|did|gave|built|created|prepared|delivered|handled|processed|answered|checked|migrated))\\b (?:(?:over|about|around|more than|nearly|almost|all|the|our|my|another|some) )*\\S+';
/** The effort and what it was spent on, so "reviewed 12 pull requests" is not read as throughput. */
const EFFORT_PHRASE = new RegExp(`${EFFORT}(?: [\\w-]+){0,2}`, 'g');
/** Numbers that describe the set-up or the effort, not the change: team sizes, durations, dates, versions, steps. */
const NOT_A_DELTA = new RegExp(
  [
    '\\b(?:team of|group of|squad of|headcount of)\\s+\\S+',
    '\\b(?<!\\bbooked )\\S+ (?:people|engineers|developers|devs|members|colleagues|reports|teammates|of us|staff|nurses|agents|reps|teachers|volunteers|analysts|teams|squads|departments|time ?zones|countries|offices|stakeholders|workshops|sessions|meetings(?! booked)|interviews|briefings|modules|unit tests|tests|pull requests|prs|commits|slides)\\b',
    '\\b\\S+-(?:person|strong|member|people|man|seat)\\b',
    '\\b\\S+-(?:day|week|month|year|hour|minute)(?:-long)? (?:project|programme|program|pilot|trial|build|contract|engagement|rollout|roll-out|migration|period|plan|sprint|effort|initiative|secondment|placement|course|review|study|phase|process|investigation|beta|test|run|cycle|window)\\b',
    '\\bwith (?:just |only |a handful of )?\\S+ (?:pilot |beta |test |friendly |early )?(?:customers|clients|users|sites|stores|schools|wards|teams|people|volunteers)\\b',
    '\\b(?:took|taking|lasted|spent|spending) (?:\\S+ ){0,2}?(?:days?|weeks?|months?|years?|quarters?|sprints?|fortnights?|hours?)\\b',
    `\\b\\d{1,2}(?:st|nd|rd|th)? (?:of )?${MONTH}(?!\\w)|\\b${MONTH} \\d{1,2}(?:st|nd|rd|th)?\\b`,
    '\\b(?:v|version |release |ios |android |windows |python |java |node |php )\\d[\\d.]*\\b',
    '\\b(?:phase|step|stage|sprint|wave|round|week|year|grade|level|ward|bay|aisle|room|floor|gate|store|route|line|cohort|batch|band|tier|key stage|ks|p)\\s?#?\\d+[a-z]?\\b',
    EFFORT,
    '\\b(?:after|within|in|for|over|the|next|following|first|each|every|a|per|about) (?:a |the |about |around )?(?:\\S+ )?(?:days?|weeks?|months?|years?|quarters?|sprints?|fortnights?)\\b(?! ?#?\\d)',
    '\\bone\\b|\\bq[1-4]\\b|\\b\\d{1,2}(?::\\d\\d)? ?(?:a\\.?m|p\\.?m)\\b|\\b24/7\\b',
  ].join('|'),
  'g',
);
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
  return DELTA.test(clause) || OUTCOME_COUNT.test(clause) || (hasAmount(clause) && CHANGE.test(clause));
}

function quantities(sentences: readonly Sentence[]): Quantities {
  const out: Quantities = { deltas: [], amounts: [], vague: [] };
  for (const s of sentences) {
    const delta =
      DELTA.test(s.lower) || clauses(s.lower).some(isDelta) || (WORTH.test(s.lower) && CHANGE.test(s.lower));
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

/** What a business counts: money, customers won or lost, risk, safety, capacity, a goal. */
const VALUE = new RegExp(
  [
    `${CURRENCY}\\s?\\d|\\d\\s?(?:dollars|pounds|euros|quid|grand|bucks)\\b`,
    '\\bworth (?:about |around |roughly |over |nearly |almost |an estimated |up to )?(?:[$£€¥₹\\d]|a (?:quarter|third|half))',
    // Money in and out.
    '\\b(?:revenue|sales|profits?|margins?|costs?|spend(?:ing)?|budget|savings?|money|dollars|pounds|euros|arr|mrr|gmv|bookings|pipeline|deals?|contracts?|renewals?|renewed|upsells?|cash|refunds?|chargebacks?|fines?|penalt(?:y|ies)|write-?offs?|roi|payback|subscriptions?|orders|fees|licen[cs]es?|hosting|demurrage|overpayments?|invoices?|bills?|billing|charges|income|earn(?:ed|ings?)|funding|grants?|donations?|donors?|givers|fundrais\\w*|pric(?:e|es|ing)|discounts?|basket|order values?|aov|ltv|lifetime value|expenses?|capex|opex|payroll|wages|salar(?:y|ies)|overtime|agency|service credits|debts?|debtors?|arrears|receivables|rent|fuel|energy (?:bills?|costs?|use)|mileage|shrink(?:age)?|spoilage|scrap|rework|cheaper|quota)\\b',
    // Customers kept, won and served.
    '\\b(?:churn\\w*|retention|retained|conversions?|(?:trial|free)[- ]to[- ]paid|win rate|nps|net promoter|promoter score|csat|customer satisfaction|abandon\\w*|sign-?ups?|booked (?:\\w+ ){0,2}?(?:meetings|demos|calls|appointments)|satisfaction (?:score|rating)s?|(?:review|star|guest|customer|app[- ]store) (?:scores?|ratings?)|complaints?|cancellations?|cancelled|chasers|escalations?|demos?|meetings booked|prospects?|signed|footfall|occupancy|reservations|repeat (?:business|customers|visits|orders|purchases|bookings)|referrals|market share|(?:phone )?calls|call volumes?|contacts|appointments?|no-shows?|did[- ]not[- ]attend|beds?|bed[- ]days)\\b',
    // Risk, safety and compliance.
    '\\b(?:incidents?|outages?|downtime|uptime|slas?|slos?|compliance|compliant|audits?|regulat\\w+|breach(?:es)?|vulnerabilit\\w+|safety|near[- ]misses?|fraud|losses|lost (?:orders|sales|customers|revenue)|falls|injur(?:y|ies)|accidents?|harm|infections?|pressure (?:sores|ulcers)|readmissions?|(?:medication|dosing|dispensing|prescribing|billing|payroll|payment|picking) errors?|non-?conformit(?:y|ies)|(?:audit|inspection) findings|(?:no|zero|\\d+|fewer|more) (?:\\w+ )?findings|certification|accreditation|inspections?|liabilit(?:y|ies)|legal|lawsuits?|litigation|recalls?|hazards?|spills?|lost[- ]time)\\b',
    // People and stock: leavers, absence, waste.
    '\\b(?:attrition|leavers|turnover|sickness|absence|absenteeism|vacanc(?:y|ies)|time[- ]to[- ](?:hire|fill)|filled (?:the|a|our|\\S+) (?:\\w+ )?(?:roles?|posts?|positions?|vacanc(?:y|ies)|shifts?)|stock-?outs?|stock losses|waste|returns|mis-?picks?|disputes?|deliver(?:y|ies)|shipments?|parcels|hit (?:our|my|the) (?:number|target|quota))\\b',
    `\\b(?:hit|met|meet|beat|exceeded|passed|above|ahead of|over|under|below|within|against|short of|missed) (?:(?:our|my|the|its|their|a|an)\\s)?(?:[\\w%-]+ ){0,2}?${BENCHMARK}s?\\b|\\b(?:targets?|kpis?|okrs?) (?:was |were )?(?:met|hit|beaten|exceeded)\\b`,
    '\\b(?:agent|staff|nurse|nursing|engineer(?:ing)?|developer|admin|clerical|analyst|person|man)[- ](?:hours|days|weeks|time)\\b|\\bftes?\\b|\\bheadcount\\b',
  ].join('|'),
);
/** Time given back, a business value when it has a size. */
const TIME_SAVED =
  /\b(?:sav\w*|free[sd]? up|freed|gave|gives?|giving|got|gets?|hand(?:ed|s)? back|reclaim\w*|no longer spen[dt]|takes? no one's|took (?:someone|them|us) (?:most|all|half))\b[^.;]{0,50}\b(?:time|hours?|days?|minutes?|weeks?|mondays?|mornings?|afternoons?)\b|\b(?:takes?|took) no one's time\b|\b(?:hours?|days?|minutes?|seconds?) (?:a|per|each|every|off (?:each|every|a)) (?:week|month|day|year|quarter|shift|call|order|patient|ticket|case|visit|delivery|claim)\b/;
/** The people a business serves. */
const CUSTOMER =
  '(?:families|residents|citizens|claimants|customers?|clients?|accounts?|buyers?|shoppers?|guests?|subscribers?|members?|donors?|patients?|users?|tenants?|passengers?|visitors?|diners|households|merchants?)';
/** Customers served: a sized change for them ("patients wait 25 minutes less") is worth something. */
const SERVED = new RegExp(`\\b${CUSTOMER}\\b`);
/** Customers who stayed, came back, bought or left: value once there is a number. */
const CUSTOMER_MOVE = new RegExp(
  `\\b(?:${CUSTOMER})\\b[^.;]{0,60}\\b(?:kept|keep|retain\\w*|won|win|lost|lose|losing|stay\\w*|came back|come back|return\\w*|renew\\w*|sign(?:ed|ing)? up|signed|join\\w*|bought|buy\\w*|purchas\\w*|book\\w*|convert\\w*|upgrad\\w*|re-?activat\\w*|cancel\\w*|churn\\w*|left|leav\\w*|spen[dt]\\w*|order\\w*|recommend\\w*|referr\\w*)\\b|\\b(?:new|more|fewer|repeat|returning|extra|additional|lost|kept|won|retained|paying) (?:\\w+ ){0,2}?(?:${CUSTOMER})\\b`,
);
/** "A lot of money", "significant savings": worth named but not sized. */
const VAGUE_SIZE =
  /\b(?:a lot|lots|loads|plenty|a bit|a fair amount|a good deal|tons|a fortune|heaps) of (?:time|money|cash|effort|hours|savings|business|revenue)\b|\b(?:significant|considerable|huge|massive|big|real|some|substantial|serious) (?:savings?|cost savings?|amounts? of (?:time|money))\b|\bsaved (?:\w+ )?(?:some |real )?(?:time|money)\b/;
/** People and operations: closer to value, but not yet money, customers or risk. */
const SOFT =
  /\b(?:customers?|clients?|users?|merchants?|shoppers?|buyers?|patients?|members?|subscribers?|students?|pupils|learners|guests?|callers?|tenants?|residents|families|citizens|passengers|visitors|consumers?|productivity|throughput|workload|capacity|on-?call|pages|toil|manual (?:work|effort)|frustrat\w*|turnaround|lead[- ]?times?|wait(?:ing)? (?:times?|lists?)|waits?|response times?|attendance|grades|leads|(?<!\b(?:on|load|build|query|compile|render|run|boot|startup|start-up|test|cpu|server|page) )time(?! ?zones?)|faster|quicker|developers?|engineers?|team'?s? time|failures|tickets?|backlog|pull requests|deploys?|releases?|trust|reputation|relationships?|morale|confidence|adoption)\b/;
const STRONG_CONSEQUENCE =
  /\b(?:sav(?:ed|es|ing)|recover\w*|retain\w*|won|avoid\w*|prevent\w*|protect\w*|stopped|eliminat\w*|renewed|unblock\w*|generat\w*|brought in)\b/;
const DIRECTION = /\b(?:fewer|less|lower|higher|more|reduced|increased|dropped|fell|rose|grew|down|up)\b/;
const MOOD =
  /\b(?:[\w-]+ )?(?:team|everyone|manager|boss|people|colleagues|stakeholders|customers?|clients?|users?|drivers?|staff|students|developers|engineers) (?:was|were|felt|seemed|said they were) (?:(?:really|much|very|so|a lot|mostly) )?(?:happy|happier|pleased|glad|grateful|impressed|satisfied|relieved|calmer|ok|fine|less frustrated)\b/g;

/** A department named for what it does ("sales said", "the finance team") is a who, not a value. */
const DEPARTMENT =
  /\b(?:sales|finance|marketing|compliance|safety|legal|billing|payroll|procurement|audit|fraud|support)(?: (?:team|department|dept|director|manager|lead|reps?|colleagues|people|ops))?(?= (?:said|told|asked|agreed|thanked|confirmed|praised|liked|loved|gave|sent|approved|signed off)\b)|\b(?:sales|finance|marketing|compliance|legal|billing|payroll|procurement|audit) (?:team|department|dept|director|manager|reps?|colleagues)\b/g;

export const businessImpact: Check = (ctx) => {
  const sentences = resultSentences(ctx);
  if (sentences.length === 0 && partsMissing(ctx, ['result'])) return judgement('fail', [], MISSING_RESULT);
  const strict = ctx.level === 'senior';
  const earned: Sentence[] = [...signalMatches(ctx, 'business-impact', sentences)];
  const unsized: Sentence[] = [];
  const soft: Sentence[] = [];
  for (const s of sentences) {
    const lower = s.lower.replace(MOOD, ' ').replace(DEPARTMENT, 'team');
    const parts = clauses(lower);
    const sized = (c: string) => hasAmount(c) || NONE.test(c) || DELTA.test(c) || OUTCOME_COUNT.test(c);
    const sizedValue =
      parts.some((c) => (VALUE.test(c) || TIME_SAVED.test(c) || CUSTOMER_MOVE.test(c)) && sized(c)) ||
      parts.some((c) => SERVED.test(c) && isDelta(c)) ||
      ((VALUE.test(lower) || CUSTOMER_MOVE.test(lower)) && DELTA.test(lower));
    // "Refunds by hand stopped", or "fewer cancellations" next to a figure: the value is plain without its own number.
    const consequence =
      !VAGUE_SIZE.test(lower) &&
      ((VALUE.test(lower) && STRONG_CONSEQUENCE.test(lower)) ||
        (parts.some((c) => VALUE.test(c) && DIRECTION.test(c)) && parts.some(sized)));
    if (sizedValue || (consequence && !strict)) earned.push(s);
    else if (VALUE.test(lower) || TIME_SAVED.test(lower) || CUSTOMER_MOVE.test(lower)) unsized.push(s);
    else if (SOFT.test(lower.replace(EFFORT_PHRASE, ' '))) soft.push(s);
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
