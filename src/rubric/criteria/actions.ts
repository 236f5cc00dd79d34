import { COMPLAINT_ROUTING, UNSPECIFIED_ACTIVITY } from '../action-phrases.ts';
import { findAll, type Match, type Sentence } from '../answer.ts';
import { CONCRETE_PAST, ROUTING, VAGUE_ACTIVITY, WEAK_PAST, words } from '../lexicon.ts';
import { analyse, type SpeakerVerb } from '../nlp.ts';
import { DOUBTED } from '../quantity-phrases.ts';
import { concreteLemmaSet, MAY_HAVE_PRESENT_STEP, NOT_A_STEP } from '../steps.ts';
import { contentWords } from '../text.ts';
import { isHypotheticalOrHabitual, notOneEvent } from './conduct.ts';
import {
  type Check,
  type Context,
  evidenceFrom,
  judgement,
  quotePhrase,
  readSentences,
  signalMatches,
} from './context.ts';

type Voice = 'i' | 'mixed' | 'implied' | 'we' | 'passive' | 'neutral';

const I = /(?<![\p{L}'])i(?:'d|'ve|'m|'ll)?(?![\p{L}'])|\bmyself\b/u;
const ACTION_VERB =
  '(?:\\w+ed|built|wrote|ran|made|found|took|did|got|set up|rolled out|shipped|went|came up|put|sat|met|brought|sent|spent|kept|began|split|cut|drew|dug|held|sold|led|read|rewrote|fixed|sorted)';
/** "We" doing the work: "we split the suite", "together", "as a team". Not "we were", "we had". */
const WE = new RegExp(
  `\\b(?:we|we've)(?:(?: \\w+ly)?(?: then| also| all| together| quickly| eventually| first| finally))* (?!had\\b|were\\b|needed\\b|wanted\\b|used to\\b)${ACTION_VERB}\\b|\\bwe had (?:a|an|several|some|long|lots of) (?:[\\w-]+ )?(?:debate|discussion|meeting|call|chat|talk|look|brainstorm|session|conversation)s?\\b|\\btogether\\b|\\bas a (?:team|group)\\b|\\b(?:the|my|our) (?:team|group|squad) and i\\b|\\b(?:my|our|the) (?:team|group|squad|leadership group) (?:then |also )?${ACTION_VERB}\\b`,
);
const PARTICIPLE_STOPLIST =
  'interested|worried|excited|based|located|supposed|used|concerned|tired|pleased|surprised|frustrated|scared|bored|confused|impressed|qualified|related|required|needed|expected|called|named|aimed|designed to|focused|allowed|able|aligned|involved|engaged|motivated|determined|stressed|overwhelmed|annoyed|delighted|satisfied|disappointed|shocked|limited|complicated|outdated|scattered|exposed|embarrassed|committed|dedicated|prepared|convinced|married|retired|employed|unemployed|promoted|hired|stuck|stretched|short-staffed|booked|closed|left|lost|missed|paid|priced|stored|printed|held';
/** A passive that hides who acted: "the fix was rolled out", "it was decided". */
const PASSIVE = new RegExp(
  `\\b(?:was|were|got|been|being|get|gets)\\s+(?:\\w+ly\\s+)?(?!(?:${PARTICIPLE_STOPLIST})\\b)(?:\\w+ed|done|made|built|written|taken|given|put|set up|run|found|shown|sorted|rolled out|shipped|chosen|sent|brought|undertaken)\\b(?!\\s+by\\s+me\\b)`,
);
/** An "I" sentence whose outcome still hides the actor: "...and it got fixed". */
const HIDDEN_OUTCOME =
  /\b(?:it|this|that|the (?:\w+ )?(?:issue|problem|bug|fix|change|work|ticket))\s+(?:was|were|got)\s+(?:\w+ly\s+)?(?:fixed|sorted|resolved|done|handled|solved|deployed|rolled out|shipped|implemented|decided|sorted out|taken care of)\b/;
/** A bullet or fragment that starts with a past-tense verb: "traced the errors to...". */
const IMPLIED_I = new RegExp(`^(?:then |also |and |first,? )?(?!was\\b|were\\b|had\\b)${ACTION_VERB}\\b`);

/**
 * "...before we went on", "since we dropped the offer": "we" in a clause of time or cause sets the scene; it is
 * not the step.
 */
const SUBORDINATE_BEFORE = /\b(?:before|after|since|until|till|when|while|once|because|as soon as) $/;

export function voiceOf(lower: string): Voice {
  const i = I.exec(lower);
  const found = WE.exec(lower);
  const we = found && !SUBORDINATE_BEFORE.test(lower.slice(0, found.index)) ? found : null;
  if (i && we) return 'mixed';
  if (i) return HIDDEN_OUTCOME.test(lower) ? 'mixed' : 'i';
  if (we) return 'we';
  if (IMPLIED_I.test(lower)) return 'implied';
  if (PASSIVE.test(lower)) return 'passive';
  return 'neutral';
}

/** Whether the answer claims the work with "I" anywhere (so fragments with an implied "I" are the speaker's). */
function claimsOwnership(ctx: Context): boolean {
  return ctx.answer.sentences.some(
    (s) =>
      I.test(s.lower) &&
      (/\bi (?:was|am) (?:the|a|an|responsible)\b/.test(s.lower) ||
        /\bi (?:set|decided|took|owned|led|volunteered|chose)\b/.test(s.lower)),
  );
}

export const firstPerson: Check = (ctx) => {
  const sentences = readSentences(ctx, ['action'], ['task', 'result']);
  if (sentences.length === 0) {
    return judgement('fail', [], 'There is no Action: tell what you did, in the first person, step by step.');
  }
  const voiced = sentences.map((s) => ({ s, voice: voiceOf(s.lower) }));
  const of = (...voices: Voice[]) => voiced.filter((v) => voices.includes(v.voice)).map((v) => v.s);
  const mine = of('i', 'mixed');
  const implied = of('implied');
  const hidden = of('we', 'passive', 'mixed');
  const own = of('i').length + 0.5 * of('mixed').length;
  const total = own + hidden.length - 0.5 * of('mixed').length;
  const ratio = total === 0 ? 0 : own / total;
  if (own === 0 && implied.length > 0 && hidden.length <= implied.length / 2) {
    return claimsOwnership(ctx)
      ? judgement('pass', evidenceFrom(implied), 'Terse, but the steps are clearly yours.')
      : judgement(
          'partial',
          evidenceFrom(implied),
          'No sentence says who did these steps: tell them with "I" so they are clearly yours.',
        );
  }
  // "I would explain..." is still the speaker's own step: voice is judged here, the one event by concrete-event.
  if (own > 0 && ratio >= 0.75) {
    const advice =
      hidden.length > 0
        ? 'Mostly told with "I"; make the remaining "we" or passive sentences say who acted.'
        : 'Your own actions are clear: told with "I".';
    return judgement('pass', evidenceFrom(mine), advice);
  }
  if (own > 0 && (ratio >= 0.4 || (own >= 2 && ratio >= 0.34))) {
    return judgement(
      'partial',
      evidenceFrom(hidden),
      `${hidden.length} of ${Math.round(total)} action sentences use "we" or the passive; say what you did yourself, with "I".`,
    );
  }
  return judgement(
    'fail',
    evidenceFrom(hidden),
    hidden.length > 0
      ? 'Your actions are told with "we" or the passive, so your own part is invisible: replace them with "I" and what you did.'
      : 'No sentence says what you did: tell your actions with "I".',
  );
};

const CONCRETE = words([...new Set(CONCRETE_PAST)]);
const WEAK = words([...new Set(WEAK_PAST)].filter((w) => !CONCRETE_PAST.includes(w)));
const VAGUE = words([...VAGUE_ACTIVITY, ...UNSPECIFIED_ACTIVITY]);
const ROUTED = words([...ROUTING, ...COMPLAINT_ROUTING]);
/** Any other past-tense verb straight after "I", a comma, "and" or "then". */
const GENERIC_PAST =
  /(?:\bi|,|\band|\bthen|\balso|\bfirst|\bnext|\bfinally|\bpersonally|\bquickly|\bcarefully|\bmanually)\s+(?:\w+ly\s+)?(?!(?:was|had|did|learned|learnt|realised|realized|needed|wanted|hoped|tried|liked|felt|seemed|loved|hated|enjoyed|believed|expected|assumed|wondered|waited|stayed|remained|continued|started|worked|helped|handled|managed|used|asked|noticed|decided|agreed|owned|called|named|based|related|concerned|involved|supposed|interested|worried|excited|surprised|frustrated|pleased|tired|bored|confused|impressed)\b)([a-z]{3,}ed)\b/g;
const BY_DOING = /\bby (?:\w+ly )?([a-z]{3,}ing)\b/g;
/** Steps told as a habit or a plan ("I would check...", "I usually split..."): steps, but not of one event. */
const HABIT_STEP =
  /\b(?:i|what i do is|my approach is to|i make sure to)(?: (?:would|'d|will|'ll|usually|always|typically|generally|normally|often|then|also|first|like to|try to|tend to))+ (?!be\b|have\b|feel\b|think\b|say\b|know\b|guess\b|get\b|make sure\b|want\b|need\b)([a-z]{3,})\b|\bwhat i do is (?!be\b)([a-z]{3,})\b/g;
/** Steps decided on: "we decided to stage the cages by route". */
const DECIDED_STEP = /\b(?:decided|agreed|chose|planned) to (?!be\b|have\b|look into\b|try\b)([a-z]{3,})\b/g;
/** Weight of a step by who took it: the speaker, an implied speaker, "we", a passive, or nobody named. */
const VOICE_WEIGHT: Record<Voice, number> = {
  i: 1,
  mixed: 0.8,
  implied: 0.8,
  we: 0.9,
  passive: 0.35,
  neutral: 0.25,
};
/** Detail shows in the number of distinct content words, up to this bonus. */
const DETAIL_BONUS = 1;
const DETAIL_WORDS_PER_POINT = 25;
const SPECIFIC_TOKEN = /\d|\b[A-Z][a-z]+[A-Z]\w*|(?<=\w[ ,(])[A-Z][\w-]{2,}/g;

/**
 * The speaker's steps told in the present or in non-standard grammar ("I call dispatch", "I have call each
 * supplier"), which the past-tense patterns do not see: concrete verbs, or (concrete = false) any other action.
 */
function speakerSteps(sentences: readonly Sentence[], concrete = true): Match[] {
  const lemmas = concreteLemmaSet();
  return verbMatches(
    sentences,
    (lower) => MAY_HAVE_PRESENT_STEP.test(lower) && !isHypotheticalOrHabitual(lower),
    (verb) =>
      verb.tense !== 'modal' &&
      (verb.form === verb.lemma || verb.form.startsWith(verb.lemma)) &&
      !/ed$/.test(verb.form) &&
      lemmas.has(verb.lemma) === concrete,
  );
}

/** The speaker's concrete verbs in sentences told as a habit or a plan, in any form ("I would call", "I am ringing"). */
function imaginedSteps(sentences: readonly Sentence[]): Match[] {
  const lemmas = concreteLemmaSet();
  return verbMatches(sentences, isHypotheticalOrHabitual, (verb) => lemmas.has(verb.lemma));
}

/** The speaker's verbs, not negated and not "not a step", in the sentences and of the kind asked for, as matches. */
function verbMatches(
  sentences: readonly Sentence[],
  sentenceKept: (lower: string) => boolean,
  verbKept: (verb: SpeakerVerb) => boolean,
): Match[] {
  const out: Match[] = [];
  for (const sentence of sentences) {
    if (!sentenceKept(sentence.lower)) continue;
    for (const verb of analyse(sentence.text).speakerVerbs) {
      if (verb.negated || NOT_A_STEP.has(verb.lemma) || !verbKept(verb)) continue;
      const index = Math.max(0, sentence.lower.indexOf(verb.form));
      out.push({ sentence, index, length: verb.form.length, phrase: verb.lemma });
    }
  }
  return out;
}

export interface ActionEvidence {
  score: number;
  concrete: Match[];
  vague: Match[];
  routing: Match[];
  best: Sentence[];
}

/** How concrete the speaker's own steps are: concrete verbs in their sentences, minus vague or routing phrases. */
export function actionEvidence(ctx: Context, sentences: readonly Sentence[]): ActionEvidence {
  const voices = new Map(sentences.map((s) => [s, voiceOf(s.lower)]));
  const weightOf = (s: Sentence) => VOICE_WEIGHT[voices.get(s) ?? 'neutral'];
  const seen = new Set<string>();
  let score = 0;
  const perSentence = new Map<Sentence, number>();
  const concrete: Match[] = [];
  const vague = findAll(sentences, VAGUE);
  const routing = findAll(sentences, ROUTED);
  // A verb inside an activity phrase ("coordinated with", "kept everyone updated") is that phrase, not a step.
  const inVague = (m: Match) =>
    vague.some(
      (v) => v.sentence === m.sentence && m.index < v.index + v.length && v.index < m.index + m.length,
    );
  const add = (matches: Match[], weight: number, key: (m: Match) => string) => {
    for (const m of matches) {
      if (inVague(m)) continue;
      const k = key(m);
      if (seen.has(k)) continue;
      seen.add(k);
      const value = weight * weightOf(m.sentence);
      if (value <= 0) continue;
      score += value;
      perSentence.set(m.sentence, (perSentence.get(m.sentence) ?? 0) + value);
      if (weight >= 1) concrete.push(m);
    }
  };
  const verb = (m: Match) =>
    m.phrase.replace(/^\W*(?:i|and|then|also|first|next|finally)\s+/, '').split(' ')[0] ?? m.phrase;
  add(findAll(sentences, CONCRETE), 1, verb);
  add(findAll(sentences, GENERIC_PAST), 0.6, verb);
  add(findAll(sentences, WEAK), 0.4, verb);
  add(findAll(sentences, BY_DOING), 0.5, verb);
  // A concrete step told as a habit or a plan ("I would call each supplier", "I am ringing the bell") is still a
  // concrete step: the cap in specificActions keeps it from passing, so such an answer is partial, not fail.
  add(imaginedSteps(sentences), 0.8, (m) => `habit:${m.phrase}`);
  add(findAll(sentences, HABIT_STEP), 0.4, (m) => `habit:${m.phrase.split(' ').pop()}`);
  add(findAll(sentences, DECIDED_STEP), 0.5, (m) => `decided:${m.phrase.split(' ').pop()}`);
  add(speakerSteps(sentences), 1, (m) => m.phrase);
  add(speakerSteps(sentences, false), 0.6, (m) => m.phrase);
  const detail = new Set(contentWords(sentences.map((s) => s.lower).join(' ')).filter((w) => w.length >= 4))
    .size;
  score += Math.min(DETAIL_BONUS, detail / DETAIL_WORDS_PER_POINT);
  let specific = 0;
  for (const s of sentences) specific += (s.text.match(SPECIFIC_TOKEN) ?? []).length;
  score += Math.min(1, specific * 0.25);
  score += Math.min(2, signalMatches(ctx, 'specific-actions', sentences).length);
  score -= Math.min(3, vague.length) + 1.5 * Math.min(2, routing.length);
  const best = [...perSentence.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 2)
    .map(([s]) => s)
    .sort((a, b) => sentences.indexOf(a) - sentences.indexOf(b));
  return { score, concrete, vague, routing, best };
}

/** "I kind of tried", "I sort of moved": the speaker softening their own step. */
const SELF_DOUBT = /\bi (?:kind|sort) of\b/;

const PASS_SCORE = 3;
const PARTIAL_SCORE = 1.5;

/**
 * The sentences that hold the steps. An answer told as a habit or a plan has no scene to set, so its opening steps
 * ("I would first check the drawings") are steps too, wherever the split put them.
 */
function stepSentences(ctx: Context): Sentence[] {
  const sentences = readSentences(ctx, ['action'], ['task', 'result']);
  if (ctx.section || ctx.answer.unsplit || !notOneEvent(ctx)) return sentences;
  return readSentences(ctx, ['situation', 'task', 'action']);
}

export const specificActions: Check = (ctx) => {
  const sentences = stepSentences(ctx);
  if (sentences.length === 0) {
    return judgement(
      'fail',
      [],
      'There is no Action: walk through the steps you took - what you checked, built, tested or changed.',
    );
  }
  const found = actionEvidence(ctx, sentences);
  const problems = [...found.routing, ...found.vague].map(quotePhrase);
  const clean = found.routing.length === 0 && found.vague.length < 2;
  // Steps of a habit or a plan, or steps nobody is shown taking, are steps but not evidence of doing them.
  const imagined = sentences.filter((s) => isHypotheticalOrHabitual(s.lower)).length;
  const actorless = sentences.every((s) => {
    const voice = voiceOf(s.lower);
    return voice === 'passive' || voice === 'neutral';
  });
  // Steps the speaker doubts taking ("I think I probably checked", "I kind of tried") are not shown taken.
  const doubted = sentences.filter((s) => DOUBTED.test(s.lower) || SELF_DOUBT.test(s.lower)).length;
  // A whole answer about a habit or a plan (no one event told) shows steps, not steps taken: partial at best.
  const capped =
    imagined >= sentences.length / 2 || doubted * 2 > sentences.length || actorless || notOneEvent(ctx);
  if (found.score >= PASS_SCORE && (clean || found.score >= PASS_SCORE + 1.5) && !capped) {
    return judgement(
      'pass',
      evidenceFrom(found.best),
      'Concrete steps: the listener can see what you actually did.',
    );
  }
  if (found.routing.length > 0) {
    return judgement(
      found.score >= PARTIAL_SCORE ? 'partial' : 'fail',
      problems.slice(0, 3),
      'Passing the problem on is routing, not doing: say what you investigated, built or verified yourself.',
    );
  }
  // More activity phrases than concrete steps ("coordinated with", "handled", "made some improvements"): the
  // steps are mostly activity, whatever the detail around them.
  const mostlyActivity = found.vague.length >= 2 && found.concrete.length < found.vague.length;
  if (found.score >= PARTIAL_SCORE && !mostlyActivity) {
    return judgement(
      'partial',
      problems.length > 0 ? problems.slice(0, 3) : evidenceFrom(found.best),
      'Some steps are there; add the detail - what you checked, reproduced, built, tested or measured, in order.',
    );
  }
  return judgement(
    'fail',
    problems.slice(0, 3),
    problems.length > 0
      ? 'These phrases describe activity, not steps: name what you checked, built, tested or changed.'
      : 'No concrete steps: name what you checked, reproduced, built, tested or measured.',
  );
};
