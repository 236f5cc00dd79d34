import { findAll, type Match, type Sentence } from '../answer.ts';
import { HEDGES } from '../lexicon.ts';
import { analyse, isPastForm, toldInPresent } from '../nlp.ts';
import {
  type Check,
  type Context,
  evidenceFrom,
  type Judgement,
  judgement,
  quotePhrase,
  readSentences,
} from './context.ts';

const ALL_PARTS = ['situation', 'task', 'action', 'result', 'reflection'] as const;
/** People by their role: the one others are blamed as ("the day lead", "the previous technician", "the planners"). */
const ROLE =
  '(?:manager|boss|lead|supervisor|director|head|deputy|colleague|coworker|co-worker|teammate|peer|team|devs?|developer|engineer|vendor|supplier|client|contractor|agency|intern|new hire|planner|driver|dentist|doctor|nurse|associate|partner|technician|analyst|rep|officer|agent|plumber|electrician|crew|shift|staff|guy)s?';
const PERSON = `(?:they|he|she|that guy|(?:the|my|our|one of the|that|this) (?:other |previous |old |day |night |day-shift |night-shift |[\\w-]+ )?${ROLE}|my (?:direct )?reports?|the \\w+ team|management|leadership|everyone else|nobody else|no one else)`;

const BLAME = new RegExp(
  [
    "(?<!\\b(?:i|we)(?: \\w+)? )\\b(?:didn't|did not|wouldn't|would not|never|couldn't|could not) (?:even )?(?:pull (?:their|his|her) weight|do (?:their|his|her) (?:job|part|work|homework)|bother|care|step up|deliver (?:anything|on))",
    // Not reading is neglect; not being able to read ("couldn't read the textbooks") is a need, not a fault.
    // "Anybody who did not read the message" names whom a step was for, not whom to blame.
    "(?<!\\b(?:i|we)(?: \\w+)? |\\b(?:anybody|anyone|those|people|whoever|guests|customers) who )\\b(?:didn't|did not|wouldn't|would not|never) (?:even )?read (?:the|my)\\b",
    // The same neglect in any tense: "just don't bother", "can't be bothered", "weren't really pulling their weight".
    "(?<!\\b(?:i|we)(?: \\w+)? )\\b(?:don't|do not|doesn't|does not|won't|can't|cannot|couldn't|could not|weren't|were not|wasn't|was not|aren't|are not|hadn't|had not|haven't|hasn't|never) (?:even |just |really |always )?(?:be bothered|bother(?:ed)?\\b|pull(?:ing)? (?:their|his|her) weight|(?:doing|do) (?:their|his|her) (?:job|part|work))",
    // Judged as not knowing their own work: "had no idea what they were doing".
    '\\b(?:had|have|has) no idea what (?:they|he|she) (?:was|were|are|is) doing\\b',
    '\\bif (?:the others|they|he|she|the rest)(?: \\w+)? had (?:pulled (?:their|his|her) weight|bothered|done (?:their|his|her) (?:job|part))',
    "\\b(?:their|his|her|the other team's|the \\w+ team's|management's|my manager's|my boss's|the vendor's|the client's) fault\\b",
    // "Offers are useless if people do not arrive" judges a thing under a condition, not a person.
    '\\b(?:incompetent|incompetence|lazy|laziness|useless|clueless|hopeless|careless|carelessly|sloppy|sloppily|negligent|negligence|idiots?|stupid|dumb|unprofessional|inept|lazily)\\b(?! (?:if|unless|without)\\b)',
    // Calling people liars: "customers just lie to get free stuff".
    `\\bliars\\b|\\b(?:${PERSON}|customers|people|patients|guests|parents) (?:just |always |often )?lie\\b`,
    // Others not to be trusted, or insulted as a group: "can't trust contractors to get anything right", "a bunch of cowboys".
    "\\b(?:can't|cannot|can not|never) (?:really )?trust (?:them|him|her|contractors|suppliers|agencies|the \\w+) to\\b|\\b(?:bunch|lot|load) of (?:cowboys|idiots|clowns|amateurs|muppets|jokers)\\b",
    // Others said to misuse or not think: "they'll abuse it", "they genuinely don't think about operations".
    `\\b(?:they|he|she)(?:'ll| will| would)? (?:just )?abuse (?:it|them|the)\\b|\\bif (?:people|they|he|she|customers|residents|parents|staff)(?: \\w+)? (?:had )?bothered to\\b`,
    '\\bdropped the ball\\b|\\bthrew (?:me|us) under the bus\\b|\\bleft (?:me|us) (?:hanging|in the lurch|to clean up|to pick up)|\\bmessed (?:it|things|everything|this|that) up\\b|\\bscrewed (?:it|things|everything|this|that|up)\\b|\\bbotched\\b',
    '\\b(?:nobody|no one|no-one) else (?:cared|bothered|did anything|was willing|stepped up|lifted a finger)',
    "\\bcouldn't be bothered\\b|\\bcould not be bothered\\b|\\b(?:nobody|no one|no-one)(?: else)? could be bothered\\b",
    // Others not doing their part: "managers need to actually do their job", "you can't rely on marketing".
    `(?<!\\b(?:i|we)(?: \\w+){0,2} )\\bdo (?:their|his|her) (?:own )?jobs?\\b|\\b(?:can't|cannot|can not|couldn't|could not) (?:really )?(?:rely|count|depend) on (?!myself\\b|me\\b|(?:just )?(?:one|a single|a|an|any one)\\b)`,
    '\\bbecause of (?:them|him|her|their|his|her) (?:mistakes?|incompetence|laziness|negligence|carelessness|failure)',
    '\\bhad to (?:do everything|do it all|clean up (?:their|his|her|the) mess|fix (?:their|his|her) (?:mess|mistakes?|work)|redo (?:their|his|her)|pick up the pieces|babysit)',
    "\\b(?:their|his|her) mess\\b|(?<!\\b(?:if|whether)(?: it)?(?: was| is)? )\\b(?:not|wasn't|isn't) (?:my|our) fault\\b|\\b(?:left|leaves|leave) (?:it|everything|things|the \\w+) in (?:a|such a) (?:\\w+ )?(?:mess|state)\\b",
    // A failure put down to others: "went badly because of engineering", "late because of the planners".
    `\\b(?:badly|wrong|late|failed|slipped|fell apart) because of (?:${PERSON}|[a-z]+ing\\b(?<!thing)|them|him|her)`,
    // Blaming people, not a thing: "we blamed the pickers", not "before I blame the count".
    `\\b(?:i|we) (?:\\w+ )?blam(?:ed|e) (?:them|him|her|(?:the|my|our) (?:[\\w-]+ )?${ROLE}\\b|the (?:pickers|drivers|cleaners|nurses|carers|porters|agents|cooks|chefs))|\\bto blame (?:was|were) (?:them|him|her|the \\w+|my \\w+)\\b`,
    `\\bthe (?:real |main |whole )?(?:problem|issue) was ${PERSON}\\b|\\bthe (?:real |main |whole )?(?:problem|issue) was (?:the|my|our|their) (?:[\\w-]+ )?(?:directors?|managers?|people|staff|engineers|developers|sales(?:people)?|vendors?|clients?|colleagues?|boss|leads?|partners?|team)\\b`,
    '\\b(?:made|make) (?:them|him|her)(?:selves|self)? look good\\b|\\bcovering (?:their|his|her) (?:backs?|own)\\b',
    `\\b${PERSON} (?:was|were|is|are) (?:just |completely |totally |really |so )?(?:terrible|awful|hopeless|a nightmare|a disaster|impossible to work with|useless|incompetent|lazy|clueless)\\b`,
  ].join('|'),
  'g',
);
const GRUMBLE = new RegExp(
  [
    `\\b${PERSON},? (?:was|were|is|are|kept being|had been|(?:is|was) (?:a )?nice (?:person|guy|man|woman) but|(?:is|was|are|were) notoriously)(?: (?:really|very|quite|pretty|so|also|always|notoriously|a bit|too))* (?:slow|unresponsive|unhelpful|frustrating|annoying|difficult|uncooperative|resistant|stubborn|disorgani[sz]ed|rude|dismissive|defensive|unreliable|not (?:very |too )?(?:smart|bright|clever))\\b`,
    `\\b${PERSON} (?:\\w+ )?(?:don't|do not|doesn't|does not|didn't|did not|never) (?:really |even )?think about\\b`,
    // People put in a box: "the kind of client who...", "one of those people who think...".
    '\\b(?:the kind|the sort|one) of (?:those )?(?:clients?|customers?|people|patients?|guests?|parents?|callers?|residents?|managers?|drivers?) who\\b|\\bthrows? (?:the \\w+|it|things|code) over the wall\\b',
    // Said not to be careful, helpful or honest: "the reception team is not very careful", "some parents are not honest".
    `\\b(?:${PERSON}|some (?:of the )?(?:parents|customers|clients|patients|guests|residents|staff|people|callers)),? (?:is|are|was|were|can be|could be) (?:not (?:very |always |really |that |too )?(?:careful|helpful|honest|reliable|interested|organi[sz]ed)|(?:a bit|rather|too|pretty|very) (?:relaxed|careless|lax|casual|lazy|sloppy))\\b`,
    // Others said not to care, in any grammar: "she not really care much what happen on the floor".
    `\\b${PERSON} (?:does not|doesn't|do not|don't|did not|didn't|not|never) (?:really |even )?care\\b`,
    '\\b(?:always|usually|habit of|tends? to) (?:\\w+ )?(?:leav(?:e|es|ing)|left) (?:things|everything|it|work) (?:for|until|till|to) (?:the )?last minute\\b',
    // "Who frankly don't check anything": others said to do nothing.
    "(?<!\\bi )\\b(?:don't|do not|doesn't|didn't|did not|never) (?:really )?(?:check|read|do|care about) anything\\b",
    `\\b${PERSON} (?:(?:just |still |also )?(?:ignored|refused to (?:help|listen|cooperate|engage)|kept making mistakes|made a mess|wouldn't listen|would not listen|won't listen|will not listen|don't listen|doesn't listen|didn't respond|did not respond|never responded|never replied|didn't reply|had a habit of|never (?:updated|bothered|listen(?:s|ed)?|replied|followed|checked|told|handed over)))`,
    "\\b(?:didn't|did not) even (?:reply|respond|bother|read|look|answer|try)\\b",
    '\\blet (?:things|it|standards|the \\w+) slide\\b|\\bbad habits\\b|\\bas (?:they|he|she) (?:usually|always) (?:did|do|was|were)\\b',
    '\\b(?:who|which) (?:tends|tended) to be (?:overly|too|a bit|quite|very|rather)\\b|\\boverly (?:cautious|optimistic|emotional|defensive|negative|sensitive|dramatic)\\b',
    '\\b(?:teams?|people|managers|engineers|developers|sales|they) (?:tend to|always|usually) (?:bring|push|ask for|shout|complain|ignore|overpromise|panic|blame|exaggerate)\\b',
    "\\bwhich was (?:really |so |quite |very |incredibly )?(?:frustrating|annoying|infuriating|unhelpful|unfair)\\b|\\bwasn't fair on\\b",
  ].join('|'),
  'g',
);

/**
 * A lapse said to be their habit: "as usual, hadn't read it properly", "as always, they complain about everything",
 * "fairly typical of that lot".
 * A dig (partial) on its own; it is the habit marker that makes a grumble word blame, so it is kept apart from them.
 */
const HABIT_DIG =
  /\bas (?:usual|always|ever)\b,?(?: [\w']+){0,4}? (?:hadn't|had not|didn't|did not|don't|do not|doesn't|never|complain\w*|forg[eo]t\w*|ignor\w*)\b|\btypical of (?:them|him|her|that \w+|those \w+|the \w+ team)\b/g;

/** A fault said to be someone's habit. */
const OTHERS_HABIT = /\b(?:as usual|as always|as ever|typical(?:ly)?|all the time|every (?:single )?time)\b/;

/** Blame denied, not made: "not from one careless cook", "not because the pickers are careless". */
const DENIED = /\b(?:not|n't|never|rather than|instead of)(?: [\w'-]+){0,5} $/;

function denied(m: Match): boolean {
  const before = m.sentence.lower.slice(0, m.index);
  const clause = before.split(/[;:.!?]|, (?:but|and|so) /).pop() ?? '';
  return DENIED.test(clause) && !/\b(?:not|n't|never)\b/.test(m.phrase);
}

/** The sentences' blame or grumbles about others, denied blame left out. */
export function blameIn(sentences: readonly Sentence[]): Match[] {
  return [
    ...findAll(sentences, BLAME).filter((m) => !denied(m)),
    ...findAll(sentences, GRUMBLE),
    ...findAll(sentences, HABIT_DIG),
  ];
}

export const noBlame: Check = (ctx) => {
  const sentences = readSentences(ctx, ALL_PARTS);
  const blame = findAll(sentences, BLAME).filter((m) => !denied(m));
  if (blame.length > 0) {
    return judgement(
      'fail',
      evidenceFrom(blame, 3),
      'This blames others; describe what happened neutrally and focus on what you did about it.',
    );
  }
  const grumble = findAll(sentences, GRUMBLE);
  const digs = [...grumble, ...findAll(sentences, HABIT_DIG)];
  // A grumble said to be their habit ("slow to reply, as usual") is blame of the people, not of the moment.
  const habitual = grumble.filter((m) => OTHERS_HABIT.test(m.sentence.lower));
  if (habitual.length > 0) {
    return judgement(
      'fail',
      evidenceFrom(habitual, 3),
      'This blames others; describe what happened neutrally and focus on what you did about it.',
    );
  }
  if (digs.length > 0) {
    return judgement(
      'partial',
      evidenceFrom(digs, 3),
      'This edges towards blame; state the constraint neutrally ("the other team had no capacity") and move to what you did.',
    );
  }
  return judgement('pass', [], 'No blame: others are described neutrally.');
};

const HYPOTHETICAL =
  /(?<!\b(?:if|whether|that|said|says|promised|agreed|thought|knew|hoped|so|and said|asked if|told (?:him|her|them|us)) )\bi(?:'d| would) (?!have\b|been\b|already\b|never\b|just\b|\w+ed\b|gone\b|done\b|seen\b|taken\b|written\b|built\b|spent\b|had\b)\w+|(?<!\b(?:that|said|promised|so|asked if) )\bi(?:'ll| will| am going to|'m going to)\b|\bmy (?:approach|first step|plan) (?:would be|is|will be)\b|\bwhat i(?:'d| would) do\b|\bif i (?:were|was) (?:in|faced|given|asked)\b|\bin (?:that|this|such a) (?:case|situation|scenario),? i\b|\bhypothetically\b|\bideally,? i\b/;
const HABITUAL =
  /\bi (?:always|usually|typically|generally|normally|often|tend to|like to|make it a point|try to always|regularly)\b|\b(?:whenever|typically|usually|generally|in general|as a rule|most of the time|more often than not|every time)\b|\bsometimes you\b/;
/** The speaker's own habit: "I always", "I usually". */
const CONDITION = /\b(?:when|whenever|if|once)\b/;
const SPEAKER_HABIT =
  /\bi (?:also |then |still )?(?:always|usually|typically|generally|normally|often|tend to|like to|make it a point|try to always|regularly)\b/;
const GENERIC_YOU =
  /(?:^|[.!?,;:] )(?:you|you'd|you'll|you're) (?!know\b|see\b)|\b(?:you|you'd) (?:need|have|should|want|can|must|would|could|might|always|usually|try|make|get|find|start|look|check|really|just|kind of)\b|\bif you\b/;
const PAST =
  /\bi (?:\w+ly )?(?:\w+ed|wrote|built|ran|made|found|took|sent|led|met|set|put|went|got|did|was|had|spoke|began|saw|told|gave|brought|caught|chose|drew|dug|held|kept|knew|left|lost|paid|read|said|sold|spent|stood|thought|understood|won|rewrote|shut|split|cut|quit|felt|heard|became|came|sat|taught|fought|bought|rang|wore|hid|flew|drove|shook|ate|slept)\b|\b(?:was|were|had|did|didn't|wasn't|weren't)\b|\b(?:last|that) (?:year|month|week|quarter|summer|spring|autumn|fall|winter|day|morning|night)\b|\bin (?:19|20)\d\d\b|\b\w+ ago\b/;
const AFTERTHOUGHT =
  /\b(?:learn(?:ed|t)|lesson|looking back|in hindsight|next time|differently|would have|i'd have)\b/;

export function isHypothetical(lower: string): boolean {
  return HYPOTHETICAL.test(lower);
}

export function isHypotheticalOrHabitual(lower: string): boolean {
  return HYPOTHETICAL.test(lower) || HABITUAL.test(lower) || GENERIC_YOU.test(lower);
}

/** One occasion named: "so it is Saturday", "on Monday", "at 9 o'clock", "that evening", "the next morning", "in one monthly review". */
const ONE_OCCASION =
  /\b(?:on (?:a |that |the )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|(?:so,? )?it(?:'s| is| was) (?:a )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday)|at \d{1,2}(?:[:.]\d\d)? ?(?:o'clock|am|pm)|that (?:morning|afternoon|evening|night|day|week|weekend)|in one (?:\w+ )?(?:review|shift|meeting|visit|call|audit|inspection)|the (?:same|next|following) (?:day|morning|afternoon|evening|night)|the (?:day|night|week) before|next (?:day|morning))\b/;

/**
 * Habits and hypotheticals lower the verdict; a story told in the present tense does not. `oneOccasion`: the story
 * names the one time it happened, so a present-tense "when" or "if" in it is more likely narration than routine.
 */
function nonConcreteWeight(s: Sentence, oneOccasion: boolean): number {
  if (HYPOTHETICAL.test(s.lower) || SPEAKER_HABIT.test(s.lower) || GENERIC_YOU.test(s.lower)) return 1;
  // "When a customer comes in with a complaint, I listen first": a routine, told in the present.
  if (CONDITION.test(s.lower) && toldInPresent(analyse(s.text))) return oneOccasion ? 0.5 : 1;
  // "Each one usually kept a patient in for a week" explains a past event; "whenever it fails, I..." is a habit.
  if (HABITUAL.test(s.lower)) return toldInPast(s) ? 0.5 : 1;
  return 0;
}

/** A sentence anchored in the past: a past verb of the speaker's (however spelt) or a past marker. */
function toldInPast(s: Sentence): boolean {
  if (PAST.test(s.lower)) return true;
  const { speakerVerbs, tokens } = analyse(s.text);
  return speakerVerbs.some((v) => v.tense === 'past') || tokens.some(isPastForm);
}

const judgeEvent: Check = (ctx) => {
  const read = readSentences(ctx, ['situation', 'task', 'action', 'result'], ['reflection']);
  // A lesson may look ahead ("next time I would...") or name a new habit ("I now always...").
  const sentences = read.filter((s) => s.part !== 'reflection' && !AFTERTHOUGHT.test(s.lower));
  if (sentences.length === 0) {
    if (read.length > 0)
      return judgement('pass', [], 'A reflection may look ahead; the story itself is judged elsewhere.');
    return judgement('fail', [], 'Tell one specific time this happened, in the past tense.');
  }
  const oneOccasion = sentences.some((s) => ONE_OCCASION.test(s.lower));
  const weighted = sentences.map((s) => ({ s, weight: nonConcreteWeight(s, oneOccasion) }));
  const offending = weighted.filter((w) => w.weight > 0).sort((a, b) => b.weight - a.weight);
  const load = offending.reduce((sum, w) => sum + w.weight, 0);
  const past = sentences.filter(toldInPast);
  const share = load / sentences.length;
  const evidence = evidenceFrom(offending.map((w) => w.s));
  if (load >= 1 && (past.length === 0 || share >= 0.4)) {
    return judgement(
      'fail',
      evidence,
      'This describes what you would do or usually do; tell one specific time it happened, in the past tense.',
    );
  }
  if (load >= 1 && (share >= 0.15 || load >= 2)) {
    return judgement(
      'partial',
      evidence,
      'Parts drift into habits or hypotheticals; keep to what you did that one time, in the past tense.',
    );
  }
  if (past.length === 0) {
    // Nothing says habit or hypothesis: a story in the present tense is still one event.
    const narrated = sentences.filter((s) => toldInPresent(analyse(s.text)));
    return judgement(
      'pass',
      evidenceFrom(narrated.length > 0 ? narrated : sentences, 1),
      'One specific event; told in the past tense ("I called", "I checked") it is plain in an interview that this really happened.',
    );
  }
  const anchored = past.find((s) =>
    /\b(?:last|ago|in (?:19|20)\d\d|when|at my|that (?:day|week|morning))\b/.test(s.lower),
  );
  return judgement(
    'pass',
    evidenceFrom([anchored ?? past[0]!], 1),
    'One specific past event, told in the past tense.',
  );
};

const judgedEvents = new WeakMap<Context, Judgement>();

/** Judged once per grade: the criteria that need one event ask it too. */
export const concreteEvent: Check = (ctx) => {
  let judged = judgedEvents.get(ctx);
  if (!judged) {
    judged = judgeEvent(ctx);
    judgedEvents.set(ctx, judged);
  }
  return judged;
};

/**
 * A whole answer told as a habit or a plan, not one event (concrete-event fails): the criteria that need one event
 * (its scope, its steps taken, its result's worth, its lesson) have nothing to judge.
 */
export function notOneEvent(ctx: Context): boolean {
  return !ctx.section && !ctx.followUp && concreteEvent(ctx).verdict === 'fail';
}

const HEDGE_WEIGHTS = [...HEDGES].sort((a, b) => b[0].length - a[0].length);
const HEDGE = new RegExp(`(?<![\\w'])(?:${HEDGE_WEIGHTS.map(([h]) => `(${h})`).join('|')})(?![\\w'])`, 'g');
/** "just" meaning "only" or "exactly" is not a filler. */
const JUST_MEANING_ONLY = /^just (?:before|after|as|in time|under|over|about|one|two|a few|\d)/;
/** "the kind of thing", "what sort of data": after a determiner, "kind of" and "sort of" name a kind. */
const KIND_AS_NOUN = /\b(?:the|what|this|that|these|those|any|every|which|same|other|whatever)\s+$/;
const PASS_RATE = 1.5;
const FAIL_RATE = 4;
/** Short answers are measured as if they had this many words, so one hedge in ten words is not a fail. */
const MIN_WORDS = 60;

/**
 * Spans inside double quotes, per sentence, following quotes across sentences of the same part: words the
 * speaker quotes (a customer's email) are not the speaker's hedges. A part with unbalanced quotes has none.
 */
function quotedRanges(sentences: readonly Sentence[]): Map<Sentence, [number, number][]> {
  const ranges = new Map<Sentence, [number, number][]>();
  const byPart = new Map<string, Sentence[]>();
  for (const s of sentences) byPart.set(s.part, [...(byPart.get(s.part) ?? []), s]);
  for (const partSentences of byPart.values()) {
    const quotes = partSentences.reduce((n, s) => n + (s.text.match(/"/g)?.length ?? 0), 0);
    if (quotes === 0 || quotes % 2 === 1) continue;
    let open = false;
    for (const s of partSentences) {
      const spans: [number, number][] = [];
      let start = open ? 0 : -1;
      for (let i = 0; i < s.text.length; i++) {
        if (s.text[i] !== '"') continue;
        if (open) spans.push([start, i]);
        else start = i;
        open = !open;
      }
      if (open) spans.push([start, s.text.length]);
      ranges.set(s, spans);
    }
  }
  return ranges;
}

export const confidentLanguage: Check = (ctx) => {
  const sentences = readSentences(ctx, ALL_PARTS);
  const words = sentences.reduce((sum, s) => sum + s.lower.split(/\s+/).length, 0);
  let load = 0;
  const found: { sentence: Sentence; index: number; length: number; phrase: string; weight: number }[] = [];
  const inQuotes = quotedRanges(sentences);
  const hedge = new RegExp(HEDGE);
  for (const sentence of sentences) {
    hedge.lastIndex = 0;
    for (let m = hedge.exec(sentence.lower); m; m = hedge.exec(sentence.lower)) {
      const at = m.index;
      if (inQuotes.get(sentence)?.some(([from, to]) => at >= from && at < to)) continue;
      const group = m.slice(1).findIndex((g) => g !== undefined);
      let weight = HEDGE_WEIGHTS[group]?.[1] ?? 1;
      if (m[0] === 'just' && JUST_MEANING_ONLY.test(sentence.lower.slice(m.index))) weight = 0;
      if ((m[0] === 'kind of' || m[0] === 'sort of') && KIND_AS_NOUN.test(sentence.lower.slice(0, m.index)))
        weight = 0;
      if (weight === 0) continue;
      load += weight;
      found.push({ sentence, index: m.index, length: m[0].length, phrase: m[0], weight });
    }
  }
  const rate = (load / Math.max(words, MIN_WORDS)) * 100;
  const quoted = found
    .sort((a, b) => b.weight - a.weight)
    .slice(0, 4)
    .map((f) => `"${f.phrase}": ${quotePhrase(f)}`);
  if (rate < PASS_RATE) {
    return judgement('pass', [], 'Direct and confident.');
  }
  const phrases = [...new Set(found.map((f) => `"${f.phrase}"`))].slice(0, 4).join(', ');
  if (rate <= FAIL_RATE) {
    return judgement('partial', quoted, `A few hedges (${phrases}); state what you did plainly.`);
  }
  return judgement(
    'fail',
    quoted,
    `Many hedges and fillers (${phrases}) make you sound unsure; cut them and state what you did.`,
  );
};
