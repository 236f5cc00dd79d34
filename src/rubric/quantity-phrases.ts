/** How people put a size on a result: numbers in digits and words, changes, and numbers that are only set-up. */
import { NUMBER_WORDS } from './lexicon.ts';

/** A number: digits (with "k"/"m" for thousands and millions), or a number word. */
const NUM = `(?:(?:\\d[\\d,.]*\\d|\\d)(?:k|m|bn)?|${NUMBER_WORDS.join('|')})`;
const APPROX =
  '(?:about |around |roughly |nearly |almost |over |under |below |just |some |more than |less than |fewer than |an average of |only |an estimated )?';
const UNIT =
  '(?:%|percent|per cent|points?|minutes?|mins?|hours?|hrs?|seconds?|secs?|ms|days?|weeks?|months?|years?|shifts?|k|m|bn|million|billion|thousand|grand)';
export const CURRENCY = '(?:[$£€¥₹]|(?:us|au|ca|nz)\\$|(?:usd|gbp|eur|aud|cad|inr|chf|sgd|rs\\.?) ?)';
export const BENCHMARK = '(?:quota|target|plan|goal|budget|forecast|sla|benchmark)';

/** A change with a size: a before and after, a multiplier, "by 40%", "to zero", "none since", a share of a target. */
export const DELTA = new RegExp(
  [
    `\\bfrom ${APPROX}(?:${CURRENCY}\\s?)?${NUM}\\b[^.;]{0,40}?\\bto ${APPROX}(?:${CURRENCY}\\s?)?(?:${NUM}|zero|nothing|none|no one)\\b`,
    // One scan for the alternatives that start with a number: an arrow, a compared size, "X, not Y", "N times".
    `\\b${NUM}(?: ?(?:%|[a-z]{1,7})? ?(?:->|→|=>) ?(?:${CURRENCY}\\s?)?${NUM}\\b|[- ]?${UNIT}? (?:increase|decrease|drop|reduction|rise|lift|improvement|saving|fewer|more|faster|less|lower|higher|shorter|quicker|cheaper|uplift|gain|earlier|sooner|smaller|bigger|larger|extra|additional|new)\\b| ?(?:%|${UNIT})?,? not (?:the )?${APPROX}${NUM}\\b| times (?:faster|more|fewer|less|as|over|higher|lower|the)\\b)`,
    '\\b\\d+(?:\\.\\d+)?\\s?[x×](?!\\w)|\\b(?:two|three|four|five|ten|\\d+)[- ]?fold\\b',
    `\\b(?:halved|doubled|tripled|quadrupled|cut (?:it |that |this |them )?in half|by half|twice as (?:fast|many|much|quick|often|likely))\\b`,
    '\\b(?:in|at|for) (?:half|a (?:third|quarter|fifth|fraction)|one[- ](?:third|quarter)) (?:of )?the (?:time|cost|price|effort|spend)\\b',
    `\\b(?:down|up|dropped|fell|rose|grew|climbed|jumped|went|came|cut|reduced|brought (?:it|them)|got (?:it|them)|back) (?:[\\w,]+ ){0,3}to ${APPROX}(?:zero|0|nothing|none|(?:${CURRENCY}\\s?)?${NUM} ?${UNIT}?)(?![\\w-])`,
    `\\bby ${APPROX}(?:${CURRENCY}\\s?${NUM}|${NUM} ?(?:${UNIT}|a (?:quarter|third|half)|(?:a|per) (?:week|month|year)))|\\bby (?:a (?:quarter|third|half|fifth|tenth)|half|two[- ]thirds|three[- ]quarters|a factor of)\\b`,
    `\\b(?:instead of|rather than|compared (?:with|to)|versus|vs\\.?|against|up from|down from|up on|down on) (?:the |a |an )?(?:usual |normal |typical |previous |old |original |average |expected )?${APPROX}(?:${CURRENCY}\\s?)?${NUM}\\b`,
    '\\bfrom (?:[a-z]+ing )?(?:daily|weekly|fortnightly|monthly|quarterly|yearly|annually|once a \\w+|twice a \\w+|next[- ]day|same[- ]day) to (?:daily|weekly|fortnightly|monthly|quarterly|yearly|annually|once a \\w+|twice a \\w+|next[- ]day|same[- ]day|several times a \\w+|hourly)\\b',
    '\\b(?:to|into) (?:low |the )?(?:single|double) digits\\b|\\bby (?:double|single) digits\\b',
    `\\bthe first (?:[\\w-]+ ){0,4}?in ${APPROX}(?:${NUM}|a) (?:\\w+ )?(?:years?|months|quarters|seasons)\\b`,
    `\\b(?:an?|${NUM}) (?:full )?(?:days?|weeks?|months?) (?:ahead of|before|earlier than|early|under)\\b`,
    `\\bpa(?:id|ys) for itself (?:in|within) ${APPROX}(?:an?|${NUM})\\b`,
    `\\b(?:instead of|rather than) (?:losing|wasting|spending|paying|missing|needing|taking) ${APPROX}(?:an?|${NUM})\\b`,
    `\\b\\d[\\d.]*\\s?(?:%|percent|per cent) (?:of|above|over|below|under|ahead of|behind) (?:(?:our|the|my|their|its|a) )?(?:[\\w-]+ ){0,2}?${BENCHMARK}s?\\b`,
    "\\bnow (?:takes?|needs?|costs?|has|gets?|sees?) (?:no|zero|none|no one's|nobody's)\\b",
    `\\b(?:zero|no|none|not a single|not one) (?:[\\w-]+ ){0,5}?(?:since|ever since|in the (?:\\w+ )?(?:months?|weeks?|years?|quarters?) (?:since|after|that followed))\\b`,
    `\\b(?:not|n't|never) (?:had|seen|received|got|logged|recorded|been) (?:a single|one|any)\\b[^.;]{0,60}\\bsince\\b|\\bwithout (?:a single|one|any) [^.;]{0,40}\\bfor (?:${APPROX}${NUM}|a|the (?:next|following|whole|entire)) (?:\\w+ )?(?:days|weeks|months|years|quarters?|shifts|term|season)\\b`,
    `\\b(?:extra|additional|further) (?:${CURRENCY}\\s?)?${NUM}\\b`,
    "\\b(?:hasn't|has not|haven't|have not|never) (?:\\w+ ){0,2}(?:happened|recurred|come back|returned|occurred|failed|dropped)\\b",
  ].join('|'),
);
/** A count of people who did the thing the work was for: "52 made a purchase", "22 of them renewed". */
export const OUTCOME_COUNT = new RegExp(
  `\\b${NUM} (?:of (?:them|those|these|the|our|my)(?: [\\w-]+){0,3}? )?(?:[\\w-]+ ){0,3}?(?:made|booked|bought|signed|renewed|upgraded|converted|purchased|passed|came back|returned|rejoined|re-?activated|stayed|accepted|enrolled|subscribed|placed|ordered|paid|promoted|qualified|graduated|hired)\\b`,
);
/** Money a change was worth: "won a contract worth 1.4 million" sizes the win. */
export const WORTH = new RegExp(`\\bworth ${APPROX}(?:${CURRENCY}\\s?)?${NUM}\\b`);
/** A size with no change attached: a level ("around 95%"), an amount ("$90K"), a count. */
export const AMOUNT = new RegExp(
  `\\d\\s?(?:%|percent|per cent)|${CURRENCY}\\s?\\d|\\b${NUM}\\b|\\ban (?:extra |additional |whole )?hour\\b`,
);
export const CHANGE =
  /\b(?:reduc\w*|cut|cutting|dropp\w*|fell|fall|decreas\w*|lower\w*|shr[aiu]nk\w*|sav\w*|increas\w*|gr[eo]w\w*|rose|risen|rais\w*|boost\w*|improv\w*|recover\w*|gain\w*|jump\w*|climb\w*|soar\w*|surg\w*|shot up|plummet\w*|plung\w*|slash\w*|trimm\w*|shav\w*|won|win|signed|closed|booked|sold|secured|landed|hired|brought|attract\w*|earn\w*|collect\w*|recoup\w*|eliminat\w*|avoid\w*|went (?:up|down)|lift\w*|add(?:ed|ing)|freed up|brought in|generat\w*|retain\w*|kept|prevent\w*|remov\w*|clear\w*|release\w*|renew\w*|stopped|down|up|fewer|more|less|faster|shorter|higher|lower)\b/;
export const YEAR = /\b(?:19|20)\d\d\b/g;
const MONTH = '(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\\.?';
/** Who did the work, and how much of it: "trained 60 staff", "ran 5 workshops", "wrote 37 tests". */
const EFFORT_VERB =
  '\\b(?:wrote|ran|held|hosted|sent|reviewed|refactored|organi[sz]ed|interviewed|emailed|visited|attended|trained|updated|drafted|coached|mentored|onboarded|contacted|phoned|called|documented|mapped|shadowed|recorded|posted|presented|read|tested|(?:i|we) (?:\\w+ly )?(?:made|did|gave|built|created|prepared|delivered|handled|processed|answered|checked|migrated)|(?:i|we) (?:closed|resolved|merged|completed|fixed|triaged) \\S+ (?:[\\w-]+ )?(?:tickets|pull requests|prs|stories|tasks|issues|bugs))\\b';
// "I did in total more than 110 reviews", "we ran a total of 60 sessions": a total is still the effort counted.
const EFFORT_QUANTIFIER =
  '(?:(?:over|about|around|more than|nearly|almost|all|the|our|my|another|some|in total|in all|altogether|a total of) )*';
const EFFORT = `${EFFORT_VERB} ${EFFORT_QUANTIFIER}\\S+`;
/** The effort and what it was spent on, so "reviewed 12 pull requests" is not read as throughput. */
export const EFFORT_PHRASE = new RegExp(`${EFFORT}(?: [\\w-]+){0,2}`, 'g');
/** Effort counted with a number ("wrote 12 new tests", "we handled 320 returns"): the work done, not its result. */
export const EFFORT_COUNT = new RegExp(`${EFFORT_VERB} ${EFFORT_QUANTIFIER}${NUM}\\b(?: [\\w-]+){0,2}`, 'g');
/** Numbers that describe the set-up or the effort, not the change: team sizes, durations, dates, versions, steps. */
export const NOT_A_DELTA = new RegExp(
  [
    '\\b(?:team of|group of|squad of|headcount of)\\s+\\S+',
    '\\b(?<!\\bbooked )\\S+ (?:people|engineers|developers|devs|members|colleagues|reports|teammates|of us|staff|nurses|agents|reps|teachers|volunteers|analysts|designers|testers|contractors|consultants|researchers|interns|specialists|coordinators|managers|teams|squads|departments|time ?zones|countries|offices|stakeholders|workshops|sessions|meetings(?! booked)|interviews|briefings|modules|unit tests|tests|pull requests|prs|commits|slides)\\b',
    '\\b\\S+-(?:person|strong|member|people|man|seat)\\b|\\b\\S+-hour (?:weeks?|days?|shifts?)\\b',
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
export const VAGUE_RATE =
  /\b(?:a few|several|a handful|a couple|dozens|hundreds|most|many|lots)\b[^.;]{0,60}\b(?:a|per|every|each) (?:day|week|month|year|shift)\b/;
/** A rough comparison with no figure: "a week rather than a month". */
export const ROUGH_COMPARISON =
  /\b(?:instead of|rather than|compared (?:with|to)|versus|down from|up from) (?:a|an|one|the|about) (?:day|week|month|year|hour|minute)s?\b/;
export const HEDGED = /\b(?:maybe|i think|or so|i guess|probably|i believe|give or take)\b/;
/** The speaker's doubt about their own claim: stronger than "I think", which often only softens a sure thing. */
export const DOUBTED =
  /\b(?:maybe|perhaps|probably|hopefully|i guess|i suppose|i'm not (?:really |totally )?sure|(?:might|may) have)\b/;
export const VAGUE_GAIN =
  /\b(?:better|improved|improvement|faster|quicker|smoother|happier|happy|pleased|successful|success|worked|went well|positive|great|significant(?:ly)?|a lot|much|huge|massive|dramatic(?:ally)?|went down|went up)\b/;

/** "No lost orders", "zero incidents": none is a size too. */
export const NONE = /\b(?:no|zero|none of the|not a single|not one|no one's|nobody(?:'s)?|no-one)\b/;
