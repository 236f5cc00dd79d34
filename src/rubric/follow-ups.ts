import type { CriterionId, FollowUp, LensId, Level, Question } from '../content/schema.ts';
import {
  clausesOfNoKind,
  type FollowUpKind,
  type FollowUpRules,
  kindsOf,
  type Probe,
} from './follow-up-kinds.ts';
import { analyse, isPastForm } from './nlp.ts';
import { ownWordsFollowUp } from './own-words.ts';
import { anyOf, firstMatch, quoteOf, type ReplySentence, replySentences } from './reply-text.ts';
import { contentWords } from './text.ts';
import type { AnswerParts, Contrast, CriterionResult, Verdict } from './types.ts';

const SEVERITY: Record<Verdict, number> = { fail: 2, partial: 1, pass: 0, 'n/a': 0 };
const MAX_FOLLOW_UPS = 3;

/**
 * Follow-ups to ask next: those suited to the level, the ones probing the weakest criteria first, lens
 * matches breaking ties, otherwise in the question's order; three when something is weak, else two. Then,
 * given the answer and the probes of follow-up-kinds.yaml, one on the person's own words: their weakest sentence,
 * quoted and probed.
 */
export function selectFollowUps(
  question: Question | undefined,
  criteria: readonly CriterionResult[],
  level: Level | undefined,
  lens: LensId | undefined,
  answer?: { parts: AnswerParts; probes: readonly Probe[] },
): { id: string; question: string }[] {
  const ownWords = answer ? ownWordsFollowUp(answer.parts, answer.probes) : undefined;
  const own = ownWords ? [ownWords] : [];
  if (!question) return own;
  const verdictOf = (id: CriterionId) => criteria.find((c) => c.id === id)?.verdict ?? 'n/a';
  const suited = question.followUps.filter((f) => !level || !f.levels || f.levels.includes(level));
  const ranked = suited
    .map((f, order) => {
      const severities = f.criteria.map((id) => SEVERITY[verdictOf(id)]);
      return {
        f,
        order,
        worst: Math.max(0, ...severities),
        total: severities.reduce((a, b) => a + b, 0),
        lens: lens && f.lenses?.includes(lens) ? 1 : 0,
      };
    })
    .sort((a, b) => b.worst - a.worst || b.lens - a.lens || b.total - a.total || a.order - b.order);
  const weak = criteria.some((c) => c.verdict === 'fail' || c.verdict === 'partial');
  const stored = ranked
    .slice(0, weak ? MAX_FOLLOW_UPS : MAX_FOLLOW_UPS - 1)
    .map(({ f }) => ({ id: f.id, question: f.question }));
  return [...stored, ...own];
}

export type FollowUpVerdict = 'pass' | 'partial' | 'fail';

export interface FollowUpGrade {
  verdict: FollowUpVerdict;
  /** Why, one line per finding; each quotes the reply verbatim. */
  reasons: string[];
  /** The reply's own words that decided the verdict. */
  evidence: string[];
  advice: string;
  /** The recognised kinds of the question, e.g. ["differently"]; empty when none was recognised. */
  kinds: string[];
}

type Relevance = 'answers' | 'partly' | 'misses';
type Ownership = 'owned' | 'not-needed' | 'part' | 'shared' | 'absent' | 'handed-off' | 'blames';
type Specificity = 'specific' | 'thin' | 'vague';

interface Finding<T> {
  level: T;
  reasons: string[];
  evidence: string[];
}

/** Fewer words than this is no answer at all. */
const MIN_WORDS = 4;
const NUMBER =
  /\d|\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|hundreds?|thousands?|millions?|dozens?|half|twice|a third|a quarter)\b/i;
const PROPER_NOUN = /(?<=[\p{L}\p{N},;:] )\p{Lu}[\p{L}\p{N}'’-]+/u;
const TECHNICAL = /\b[\p{L}]+(?:\/[\p{L}\p{N}]+)+\b|\b\p{Ll}+\p{Lu}\p{L}*\b|"[^"]{3,40}"|'[^']{3,40}'/u;
/** When it happened: a time anchor is a detail only a real story has. */
const WHEN =
  /\b(?:(?:first|second|third|fourth|fifth|sixth|seventh|eighth|last|next|same|that|each|every) (?:\w+ )?(?:day|week|month|quarter|sprint|review|meeting|call|morning|shift|night)|(?:mon|tues|wednes|thurs|fri|satur|sun)day|(?:before|after|by|within|during) the (?:\w+ )?(?:day|week|month|quarter|sprint|review|meeting|launch|winter|summer|spring|autumn|deadline|handover|standup|release))\b/i;
const SPEAKER = /\b(?:[Ii]|[Ii]'m|[Ii]'ve|[Ii]'d|[Ii]'ll|me|my|myself)\b/;
const GROUP = /\b(?:we|we've|we'd|we're|us|our)\b|\bthe team\b/i;
/** "I" doing something (not thinking, hoping or being). */
const OWN_ACTION =
  /\b[Ii](?:'ve|'d| have| had| also| then| first| just)? (?!(?:think|thought|guess|felt|feel|was|am|believe|assumed|hoped|wished|had a feeling|could|don't|didn't|wasn't|did what|really|like|love|want)\b)[a-z]+/;
/** Words that say nothing about what a question asks or what a reply is about. */
const FILLER = contentWords(
  `thing things stuff people everyone everybody someone team teams work worked working good better best fine
    really pretty quite little bit lot lots way ways time times make sure try tried trying think thought felt feel
    seemed seem right wrong more less end eventually something anything everything nothing important okay ok
    well happy big small great sort kind like able want wanted need needed keep kept going doing did start
    started earlier sooner next know knew probably maybe actually honestly just basically much many`,
);
/** Words too general to count as detail: the filler, and abstract nouns any story has. */
const GENERIC = new Set([
  ...FILLER,
  ...contentWords(`data number numbers issue issues problem problems option options situation result results
    decision reason reasons approach idea plan process anyone bar point part side matter effort case whole`),
]);
/** Words too common to show a reply takes up what a question asks about. */
const NOT_TOPICAL = new Set(
  contentWords(`thing things stuff people everyone time times way ways really pretty quite lot lots just actually
    honestly basically much many something anything everything nothing good better fine well else exactly`),
);

function countWordsOf(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

const quoted = (s: ReplySentence, at = 0, length = 0) => `"${quoteOf(s, at, length)}"`;

/** The part of a question that asks: an own-words follow-up's quote of the person is not a question. */
function askingPart(question: string): { ask: string; quote: string } {
  const m = /^You said ['"‘“](.+)['"’”]\s*[:,-]\s*/u.exec(question.trim());
  if (!m) return { ask: question, quote: '' };
  return { ask: question.trim().slice(m[0].length), quote: m[1] ?? '' };
}

/** A word's root for overlap: the stem without a final "e", so "involve" meets "involved" and "spot" "spotted". */
const rootsOf = (text: string) =>
  contentWords(text)
    .filter((w) => !NOT_TOPICAL.has(w))
    .map((w) => w.replace(/e$/, '').replace(/([b-df-hj-np-tv-z])\1$/, '$1'));

/** The sentence sharing most of the words the question asks about, and how many distinct words are shared. */
function takenUp(sentences: readonly ReplySentence[], question: string) {
  const { ask, quote } = askingPart(question);
  const asked = new Set(rootsOf(`${ask} ${quote}`));
  let best: ReplySentence | undefined;
  let bestShared = 0;
  const shared = new Set<string>();
  for (const sentence of sentences) {
    const mine = rootsOf(sentence.match).filter((w) => asked.has(w));
    for (const w of mine) shared.add(w);
    if (mine.length > bestShared) {
      best = sentence;
      bestShared = mine.length;
    }
  }
  const level: Relevance =
    asked.size === 0 || shared.size >= Math.min(2, asked.size)
      ? 'answers'
      : shared.size > 0
        ? 'partly'
        : 'misses';
  return { level, best };
}

/** Verbs of thinking and feeling: "I think", "I'd feel" say nothing the speaker did or would do. */
const COGNITIVE = new Set([
  'think',
  'feel',
  'believe',
  'guess',
  'hope',
  'wish',
  'know',
  'suppose',
  'say',
  'be',
]);

const SUBJECT_PRONOUNS = new Set(['i', 'we', 'he', 'she', 'they', 'it', 'you']);
const RELATIVE = new Set(['who', 'that', 'which', 'where', 'whose', 'whom']);

/** A reply that opens by naming the answer: a phrase with a noun and no verb ("The leavers.", "My supervisor."). */
function isNaming(sentence: ReplySentence): boolean {
  const { tokens } = analyse(sentence.match);
  // A phrase led by a gerund names an activity ("Deciding when to stop waiting for him."): no subject, no tense.
  if (tokens[0]?.pos === 'VERB' && /ing$/.test(tokens[0].lower))
    return !tokens.some((t) => t.pos === 'AUX' || (t.pos === 'PRON' && SUBJECT_PRONOUNS.has(t.lower)));
  let noun = false;
  for (const t of tokens) {
    if (t.pos === 'NOUN' || t.pos === 'PROPN') noun = true;
    // "The staff who saw it as going soft": a clause describing the thing named, not a verb of the sentence.
    else if (noun && RELATIVE.has(t.lower)) return true;
    else if (t.pos === 'VERB' || t.pos === 'AUX') return false;
  }
  return noun;
}

/** Something the speaker would, will or should do: "I'd bring them in", "Next time I will ask" (not "I'd think"). */
function isPlan(sentence: ReplySentence): boolean {
  const { tokens, speakerVerbs } = analyse(sentence.match);
  // A reply that opens on a bare verb ("Take a deposit.") leaves out "I would": the step itself, as a plan.
  // The tagger reads a capitalised bare verb as a noun ("Book the crane", "Order the parts"): one followed straight
  // by a determiner or a pronoun is a verb.
  const [head, next] = tokens;
  const verbLike =
    head?.pos === 'VERB' ||
    ((head?.pos === 'NOUN' || head?.pos === 'PROPN') && ['DET', 'PRON'].includes(next?.pos ?? ''));
  if (head && verbLike && head.lower === head.lemma && !COGNITIVE.has(head.lemma)) return true;
  return speakerVerbs.some((v) => v.tense === 'modal' && !v.negated && !COGNITIVE.has(v.lemma));
}

/** Verbs of valuing and trying: "I respect that", "I try to keep it positive" say how one is, not what one did. */
const ATTITUDE = new Set([
  'try',
  'value',
  'respect',
  'appreciate',
  'care',
  'aim',
  'strive',
  'like',
  'love',
  'enjoy',
]);
const HABIT = /\b(?:always|usually|generally|in general|every time|whenever)\b/i;
/** Words that make a statement about any case: "every application", "you have to be fair". */
const GENERALISING =
  /\b(?:any|anyone|anybody|every|everyone|everybody|never|you (?:have to|need to|must|should|can't|cannot))\b/i;

const PAST_AUX = new Set(['was', 'were', 'did', 'had']);
const STORY_WORDS = new Set([
  'he',
  'she',
  'him',
  'her',
  'they',
  'them',
  'before',
  'after',
  'then',
  'ago',
  'yesterday',
]);

/**
 * A sentence about the world in general, not about this story: nothing the speaker did or would do (only what
 * they think or believe), nothing that happened, no figure. "Change is always hard", "Communication is key".
 */
function isGeneral(sentence: ReplySentence): boolean {
  if (NUMBER.test(sentence.match) || TECHNICAL.test(sentence.match)) return false;
  const { tokens, speakerVerbs } = analyse(sentence.match);
  // "You have to be fair ... and I pride myself on doing that": what the speaker does in general (the present,
  // with a word that generalises), not a step in this story.
  if (
    speakerVerbs.length > 0 &&
    speakerVerbs.every((v) => v.tense === 'present') &&
    (HABIT.test(sentence.match) || GENERALISING.test(sentence.match))
  )
    return true;
  if (speakerVerbs.some((v) => !COGNITIVE.has(v.lemma) && !ATTITUDE.has(v.lemma))) return false;
  // "I always try to handle things myself": a habit or a value of the speaker's, not a step in this story.
  if (speakerVerbs.length > 0 && HABIT.test(sentence.match)) return true;
  // People and moments of the story, however the verbs are spelt: "after the video she start to sign the book".
  if (tokens.some((t) => STORY_WORDS.has(t.lower))) return false;
  return !tokens.some((t, i) => {
    if (t.pos === 'AUX') return PAST_AUX.has(t.lower);
    if (!isPastForm(t)) return false;
    // "they agreed", "the depot slowed" tell what happened; "every pound lost to shrink" describes.
    const before = tokens[i - 1];
    const after = tokens[i + 1];
    return (
      (before?.pos === 'PRON' && before.lower !== 'i') ||
      ((before?.pos === 'NOUN' || before?.pos === 'PROPN') && after?.pos !== 'ADP' && after?.pos !== 'PART')
    );
  });
}

/** "You" in a reply to an interviewer is anyone: "you have to prioritise", "when you build that trust". */
const GENERIC_YOU = /\byou(?:'re|'ve|'ll)?\b/i;
/** "It's all about communication", "it's about building empathy": what matters in any case. */
const ALL_ABOUT = /\b(?:it's|it is) (?:all |always |really )?about\b/i;

/** A change the story brought: "I now ask for a sample before any fix" is this story's lesson, not a platitude. */
const SINCE_THEN = /\b(?:now|since then|these days|ever since|from then on)\b/i;

/**
 * A general sentence that says so: the speaker's habit ("I always lead with value"), a word for any case, "you"
 * for anyone, "it's all about".
 */
function speaksOfAnyCase(sentence: ReplySentence): boolean {
  const m = sentence.match;
  if (SINCE_THEN.test(m) || !isGeneral(sentence)) return false;
  const habit = HABIT.test(m) && analyse(m).speakerVerbs.length > 0;
  return habit || GENERALISING.test(m) || GENERIC_YOU.test(m) || ALL_ABOUT.test(m);
}

function relevance(
  sentences: readonly ReplySentence[],
  question: string,
  kinds: readonly FollowUpKind[],
  rules: FollowUpRules,
): Finding<Relevance> {
  const first = sentences[0]!;
  if (kinds.length === 0) {
    // A question of no known kind: does the reply take up what it asks about?
    const { level, best } = takenUp(sentences, question);
    const where = best ?? first;
    const reasons = {
      answers: `Takes up what was asked: ${quoted(where)}`,
      partly: `Touches on what was asked, but only just: ${quoted(where)}`,
      misses: `Does not take up what was asked: ${quoted(where)}`,
    };
    return { level, reasons: [reasons[level]], evidence: level === 'misses' ? [] : [quoteOf(where)] };
  }
  const reasons: string[] = [];
  const evidence: string[] = [];
  const missed: FollowUpKind[] = [];
  const thin: FollowUpKind[] = [];
  for (const kind of kinds) {
    if (kind.answeredBy.length === 0) {
      const { level, best } = takenUp(sentences, question);
      if (level === 'misses' || !best) missed.push(kind);
      else {
        reasons.push(`Answers ${kind.name}: ${quoted(best)}`);
        evidence.push(quoteOf(best));
      }
      continue;
    }
    // A dodge ("I would do exactly the same") does not answer, whatever words it uses; nor, when the question asks
    // what the speaker did, does a statement about the world in general ("libraries are one of the last free
    // spaces"), though a phrase naming the answer ("The leavers.") may. Where what was said is the action (the talk
    // kinds), a general sentence may tell it ("I said we'd fix it"), but not one about any case ("I always lead
    // with value").
    const answering = sentences.filter(
      (x) =>
        !anyOf(x.match, rules.evasive) &&
        !(kind.actions && ((!kind.talk && isGeneral(x)) || speaksOfAnyCase(x)) && !isNaming(x)) &&
        !(kind.evidence && onlyDoing(x, kind)),
    );
    const named = kind.named && answering[0] === first && isNaming(first) ? first : undefined;
    const planned = kind.plans ? answering.find(isPlan) : undefined;
    // Words of finding out ("we watched it during the release") answer an evidence kind too.
    const answers = [...kind.answeredBy, ...kind.checkedBy];
    const hit = firstMatch(answering, answers);
    if (named ?? planned) {
      const by = (named ?? planned)!;
      reasons.push(`Answers ${kind.name}: ${quoted(by)}`);
      evidence.push(quoteOf(by));
    } else if (hit) {
      const q = quoteOf(hit.sentence, hit.index, hit.length);
      // One part of two answered only in words any story has ("I did some more tests and found the real problem
      // in the end"): that part is not really answered, however well the other is.
      const hits = answering.filter((x) => anyOf(x.match, answers));
      if (kinds.length > 1 && hits.every((x) => isThin(x, rules))) {
        thin.push(kind);
        reasons.push(`Answers ${kind.name} only thinly: "${q}"`);
        continue;
      }
      reasons.push(`Answers ${kind.name}: "${q}"`);
      evidence.push(q);
    } else missed.push(kind);
  }
  if (missed.length > 0)
    reasons.push(`Does not say ${missed.map((k) => k.name).join(' or ')}: ${quoted(first)}`);
  // A clause of no known kind beside one of a known kind ("What did you try, and why that?"): a reply that takes it
  // up (its words, or the words quoted) answers that part, though it misses the other.
  const { quote } = askingPart(question);
  const otherPart = clausesOfNoKind(askingPart(question).ask, rules).some(
    (clause) => takenUp(sentences, `${clause} ${quote}`).level !== 'misses',
  );
  // A clause of no known kind asking what the speaker did ("what did you change because of it?"): with no step of
  // theirs anywhere in the reply, that part is missed.
  const ownStepMissed =
    clausesOfNoKind(askingPart(question).ask, rules).some((c) => SPEAKER_ACT_ASKED.test(c)) &&
    !sentences.some((x) => OWN_ACTION.test(x.match) && !onlyUndergoes(x));
  if (ownStepMissed) reasons.push(`Does not say what you did yourself: ${quoted(first)}`);
  const level =
    missed.length + thin.length === 0 && !ownStepMissed
      ? 'answers'
      : missed.length < kinds.length || otherPart || ownStepMissed
        ? 'partly'
        : 'misses';
  return { level, reasons, evidence };
}

/** A clause asking what the speaker did: "what did you change", "who did you bring in" (not "did you think"). */
const SPEAKER_ACT_ASKED = /\bdid you (?!(?:think|feel|know|expect|like|want|hope|mean)\b)\w+/i;

/** A sentence telling what the speaker did, with none of the words of finding out the kind lists. */
function onlyDoing(sentence: ReplySentence, kind: FollowUpKind): boolean {
  if (kind.checkedBy.length === 0 || anyOf(sentence.match, kind.checkedBy)) return false;
  // "I could see more people coming back after I started sending them": what the speaker saw is evidence.
  const verbs = analyse(sentence.match).speakerVerbs.filter((v) => !COGNITIVE.has(v.lemma));
  return verbs.length > 0 && !verbs.some((v) => PERCEIVING.has(v.lemma));
}

/** A sentence with a vague phrase or only general words, and no figure, name or term of its own. */
function isThin(sentence: ReplySentence, rules: FollowUpRules): boolean {
  if (NUMBER.test(sentence.match) || TECHNICAL.test(sentence.match) || PROPER_NOUN.test(sentence.match))
    return false;
  return anyOf(sentence.match, rules.vague) || isGeneral(sentence);
}

/** Verbs that pass work on rather than do it: "I asked her to call him back", "I escalated it". */
const ROUTING = new Set([
  'ask',
  'pass',
  'hand',
  'escalate',
  'send',
  'forward',
  'refer',
  'report',
  'raise',
  'leave',
  'let',
  'email',
  'message',
  'ping',
  'mention',
  'wait',
  'go',
  'file',
  'log',
  'open',
]);

/** Verbs that pass something on to someone else: telling, phoning, flagging, copying in. */
const PASSING_ON = new Set([
  // Sending or filing something can be the work itself ("I sent her the reconciliation"), asking someone to try
  // something can be how you won them over, and leaving a task to its owner a choice (the patterns of `handOff`
  // catch the hand-offs among them).
  ...[...ROUTING].filter((v) => !['send', 'open', 'file', 'log', 'ask', 'leave'].includes(v)),
  'tell',
  'phone',
  'call',
  'ring',
  'email',
  'copy',
  'inform',
  'notify',
  'flag',
  'brief',
  'contact',
  'text',
  'alert',
  'warn',
  'remind',
  'radio',
]);
/** Noticing is not doing: "As soon as I saw it, I'd flag it" has one step, and it hands on. */
const PERCEIVING = new Set([
  'see',
  'notice',
  'hear',
  'realise',
  'realize',
  'understand',
  'remember',
  'learn',
]);
/** Verbs that put the next step in someone else's hands: "I let the ops cell re-plan it", "I left it to her". */
const DELEGATING = new Set(['let']);
const THIRD_PARTY = new Set(['he', 'she', 'they']);
const LETTING = /\blet (?:the|them|him|her|my|our|their|someone|somebody)\b(?! know)/i;
/** Sending word, not work: "I send an email to the theatre manager" (against "I sent her the reconciliation"). */
const MESSAGE_SENT = /\bsen(?:d|t|ds)\b(?: \w+){0,3} (?:e-?mail|message|note|ping|text|dm|memo)s?\b/i;

/** The speaker's own steps against the ones that only pass things on, over the whole reply. */
function speakerSteps(sentences: readonly ReplySentence[]) {
  let acts = 0;
  let passes = 0;
  let delegates = false;
  for (const s of sentences) {
    // "I made sure the right people knew": making sure says nothing of how.
    const makingSure = /\bma(?:de|ke|kes|king) sure\b/i.test(s.match);
    const sendingWord = MESSAGE_SENT.test(s.match);
    const speakerVerbs = analyse(s.match).speakerVerbs;
    // "I'd flag it and let the ops cell re-plan it": the tagger may lose "let" after an object, the words do not.
    if (speakerVerbs.length > 0 && LETTING.test(s.match)) delegates = true;
    for (const v of speakerVerbs) {
      if (v.negated || COGNITIVE.has(v.lemma) || PERCEIVING.has(v.lemma)) continue;
      if (v.lemma === 'make' && makingSure) continue;
      if (PASSING_ON.has(v.lemma) || (v.lemma === 'send' && sendingWord)) {
        passes++;
        if (DELEGATING.has(v.lemma)) delegates = true;
      } else acts++;
    }
  }
  return { acts, passes, delegates };
}

/** A sentence where someone else does something: "he take it from there", "Loss prevention then pulled the CCTV". */
function othersActIn(sentence: ReplySentence): boolean {
  const tokens = analyse(sentence.match).tokens;
  return tokens.some((t, i) => {
    const before = tokens[i - 1];
    const subject =
      THIRD_PARTY.has(t.lower) ||
      ((t.pos === 'NOUN' || t.pos === 'PROPN') &&
        (!before || ['DET', 'PUNCT', 'CCONJ', 'NOUN', 'PROPN', 'ADJ'].includes(before.pos)));
    if (!subject) return false;
    let j = i + 1;
    while (tokens[j] && (tokens[j]!.pos === 'ADV' || tokens[j]!.pos === 'AUX')) j++;
    const verb = tokens[j];
    // The tagger reads a bare verb after a noun as a noun ("the planner move the lorry"): one with an object is a verb.
    const verbLike =
      verb?.pos === 'VERB' || (verb?.pos === 'NOUN' && ['DET', 'PRON'].includes(tokens[j + 1]?.pos ?? ''));
    // Asking or telling back ("She asked for the numbers") is not doing the work.
    return (
      verb !== undefined &&
      verbLike &&
      !COGNITIVE.has(verb.lemma) &&
      !PASSING_ON.has(verb.lemma) &&
      !/ing$/.test(verb.lower)
    );
  });
}

/**
 * "I" only learning, noticing or unable: "I learned a lot from it", "there wasn't much I could do". The words say
 * "I" and a verb; the speaker did nothing.
 */
function onlyUndergoes(sentence: ReplySentence): boolean {
  const verbs = analyse(sentence.match).speakerVerbs;
  return (
    verbs.length > 0 &&
    verbs.every(
      (v) => v.negated || (v.lemma !== 'say' && (COGNITIVE.has(v.lemma) || PERCEIVING.has(v.lemma))),
    )
  );
}

/** A sentence that hands something on but also says a step of the speaker's own: "I asked him to..., and I wrote mine". */
function actsBesidesRouting(sentence: ReplySentence): boolean {
  return analyse(sentence.match).speakerVerbs.some(
    (v) => !v.negated && !ROUTING.has(v.lemma) && !COGNITIVE.has(v.lemma),
  );
}

function ownership(
  sentences: readonly ReplySentence[],
  question: string,
  kinds: readonly FollowUpKind[],
  rules: FollowUpRules,
): Finding<Ownership> {
  const blame = firstMatch(sentences, rules.blame);
  if (blame) {
    const q = quoteOf(blame.sentence, blame.index, blame.length);
    return { level: 'blames', reasons: [`Puts the fault on other people: "${q}"`], evidence: [q] };
  }
  // Handing on ("I passed it to billing") and others doing the work ("the analysis was done by my colleague"):
  // with nothing of the speaker's own besides, that is routing.
  // Handing on is only part of the story when the speaker also did steps of their own ("I ran it for four weeks,
  // then sent her the figures"); someone else doing the work always takes part of it from them.
  const handOffIsTheTopic = anyOf(question, rules.handOffAsked);
  const routing = [...rules.othersDid, ...(handOffIsTheTopic ? [] : rules.handOff)];
  const routed = sentences.filter((s) => anyOf(s.match, routing));
  const acting = sentences.filter((s) =>
    routed.includes(s) ? actsBesidesRouting(s) : OWN_ACTION.test(s.match) && !onlyUndergoes(s),
  );
  const othersDid = firstMatch(routed, rules.othersDid);
  const handOff = othersDid ?? (acting.length === 0 ? firstMatch(routed, routing) : undefined);
  if (handOff) {
    const q = quoteOf(handOff.sentence, handOff.index, handOff.length);
    if (acting.length === 0)
      return {
        level: 'handed-off',
        reasons: [`Hands the problem to someone else instead of owning it: "${q}"`],
        evidence: [q],
      };
    return {
      level: 'part',
      reasons: [
        `Hands part of it to someone else: "${q}"`,
        `Says what you did yourself: ${quoted(acting[0]!)}`,
      ],
      evidence: [quoteOf(acting[0]!)],
    };
  }
  const needsAction = kinds.some((k) => k.actions) || kinds.length === 0;
  // Passing it on is the whole of what the speaker did, and someone else did the work: routing, however it is
  // worded ("I phoned the manager, emailed loss prevention... they found it"). Not when telling is what was asked.
  // The ask, not a quote of the person ("You said 'I emailed them': what did you do yourself after that?").
  const askedAboutPassingOn = analyse(askingPart(question).ask).tokens.some(
    (t) => t.pos === 'VERB' && PASSING_ON.has(t.lemma),
  );
  // A plan is the speaker's own step even when it is telling someone sooner ("I would have told parents from the
  // start"), unless it leaves the work to them ("I'd flag it and let the ops cell re-plan it").
  const plans = kinds.some((k) => k.plans);
  if ((needsAction || plans) && !kinds.some((k) => k.talk) && !handOffIsTheTopic && !askedAboutPassingOn) {
    const steps = speakerSteps(sentences);
    const doer = sentences.find(othersActIn);
    if (steps.acts === 0 && steps.passes > 0 && (needsAction ? doer || steps.delegates : steps.delegates)) {
      const where = doer ?? sentences.find((s) => analyse(s.match).speakerVerbs.length > 0) ?? sentences[0]!;
      return {
        level: 'handed-off',
        reasons: [`Passes it on and someone else does the work: ${quoted(where)}`],
        evidence: [quoteOf(where)],
      };
    }
  }
  if (!needsAction) return { level: 'not-needed', reasons: [], evidence: [] };
  const own = acting[0];
  if (own)
    return {
      level: 'owned',
      reasons: [`Says what you did yourself: ${quoted(own)}`],
      evidence: [quoteOf(own)],
    };
  const group = sentences.find((s) => GROUP.test(s.match) && !SPEAKER.test(s.match));
  if (group)
    return {
      level: 'shared',
      reasons: [`Says what "we" did, not what you did: ${quoted(group)}`],
      evidence: [quoteOf(group)],
    };
  return {
    level: 'absent',
    reasons: [`Does not say what you did yourself: ${quoted(sentences[0]!)}`],
    evidence: [],
  };
}

/** How many figures a sentence gives, up to three: "14 a week before, 5 after" is two details, not one. */
const FIGURES = new RegExp(NUMBER.source.replace(/^\\d/, '\\d[\\d.,:]*'), 'gi');
const figuresIn = (text: string) =>
  Math.min(3, new Set(text.match(FIGURES)?.map((m) => m.toLowerCase())).size);

/** Distinct detail words; a reply needs this many with a concrete detail (a number, a name), or more without. */
const DETAIL = { specific: 10, specificWithout: 13, thin: 5, thinWithout: 8 };

function specificity(
  sentences: readonly ReplySentence[],
  kinds: readonly FollowUpKind[],
  rules: FollowUpRules,
): Finding<Specificity> {
  // Only what any story could say ("change is always hard"): nothing of this one.
  if (sentences.every(isGeneral))
    return {
      level: 'vague',
      reasons: [`Speaks in general, not about this story: ${quoted(sentences[0]!)}`],
      evidence: [],
    };
  // Detail counts only in what is said of this story: "I always lead with value, I listen more than I talk" is
  // fluent, and true of any client.
  const general = sentences.filter(speaksOfAnyCase);
  const story = sentences.filter((s) => !general.includes(s));
  if (story.length === 0)
    return {
      level: 'vague',
      reasons: [`Speaks in general, not about this story: ${quoted(sentences[0]!)}`],
      evidence: [],
    };
  const text = story.map((s) => s.match).join(' ');
  const abstract = new Set(
    text
      .toLowerCase()
      .split(/[^\p{L}\p{N}'-]+/u)
      .filter((w) => rules.abstract.has(w)),
  );
  const abstractStems = new Set([...abstract].flatMap((w) => contentWords(w)));
  const distinct = new Set(contentWords(text).filter((w) => !GENERIC.has(w) && !abstractStems.has(w))).size;
  const properNoun = (s: string) =>
    [...s.matchAll(new RegExp(PROPER_NOUN.source, 'gu'))].some(
      (m) => !rules.abstract.has(m[0].toLowerCase()),
    );
  let concrete = 0;
  let richest: { sentence: ReplySentence; score: number } | undefined;
  for (const s of story) {
    const score =
      figuresIn(s.match) +
      (properNoun(s.match) ? 1 : 0) +
      (TECHNICAL.test(s.match) ? 1 : 0) +
      (WHEN.test(s.match) ? 1 : 0);
    concrete += score;
    if (!richest || score > richest.score) richest = { sentence: s, score };
  }
  let vagueHits = 0;
  let vagueAt: { sentence: ReplySentence; index: number; length: number } | undefined;
  for (const s of story)
    for (const re of rules.vague) {
      const m = re.exec(s.match);
      if (!m) continue;
      vagueHits++;
      vagueAt ??= { sentence: s, index: m.index, length: m[0].length };
    }
  // Each vague phrase cancels some detail: "we kept an eye on the numbers" says little however long it is.
  // Three or more words any story could use, and nothing only this one has: management-speak, not detail.
  if (abstract.size >= 3 && concrete === 0) vagueHits++;
  const detail = distinct + 2 * Math.min(concrete, 3) - 3 * vagueHits;
  const first = story[0]!;
  const enough = (withDetail: number, without: number) =>
    (concrete > 0 && detail >= withDetail) || detail >= without;
  // Evidence without a figure ("more people came back", "direct went up") is on the right track, not proof. The
  // figure belongs to the evidence: "after twenty years you get a feel for it" measures nothing.
  const evidenceKind = kinds.find((k) => k.evidence);
  const unmeasured =
    evidenceKind !== undefined &&
    !story.some(
      (s) => NUMBER.test(s.match) && anyOf(s.match, [...evidenceKind.answeredBy, ...evidenceKind.checkedBy]),
    );
  // Beyond the first, each concrete detail stands in for a word: "14 a week before, 5 after" is short and specific.
  const wordsNeeded = DETAIL.specific - 2 - Math.max(0, Math.min(concrete, 3) - 1);
  // Mostly what any story could say, with one detail of this one: on the right track, no more.
  const mostlyGeneral = general.length >= 2 && 2 * general.length >= sentences.length;
  if (enough(DETAIL.specific, DETAIL.specificWithout) && distinct >= wordsNeeded) {
    const s = richest && richest.score > 0 ? richest.sentence : first;
    if (mostlyGeneral)
      return { level: 'thin', reasons: [`Speaks mostly in general: ${quoted(general[0]!)}`], evidence: [] };
    if (unmeasured)
      return { level: 'thin', reasons: [`Gives no figure for what it shows: ${quoted(s)}`], evidence: [] };
    return { level: 'specific', reasons: [`Specific: ${quoted(s)}`], evidence: [quoteOf(s)] };
  }
  const where = vagueAt ? `"${quoteOf(vagueAt.sentence, vagueAt.index, vagueAt.length)}"` : quoted(first);
  // Vague phrases cancel detail, but not a story told over several sentences in words of its own ("I showed him
  // the queues", "mornings were busy, afternoons quiet"): that is on the right track, however it is hedged.
  const toldInOwnWords = story.length >= 2 && distinct >= DETAIL.thin;
  if (toldInOwnWords || (vagueHits === 0 ? distinct >= DETAIL.thin : enough(DETAIL.thin, DETAIL.thinWithout)))
    return { level: 'thin', reasons: [`Needs more detail from this story: ${where}`], evidence: [] };
  return { level: 'vague', reasons: [`Too vague to convince: ${where}`], evidence: [] };
}

/** A question asking what the speaker did: "What did you do first?", "What exactly did you do to get it unstuck?". */
const DO_ASKED = /\bwhat (?:\w+ ){0,2}did you (?:actually |really |yourself )?do\b/i;

const ADVICE = {
  blames: 'Describe what happened without faulting people, then what you did about it.',
  'handed-off':
    'Handing it on is routing, not ownership: say what you did yourself, and how you saw it through.',
  part: 'Say what you did yourself in the part you handed on, or why it was theirs to do.',
  shared: 'Say "I": what you did yourself, not what the team did.',
  absent: 'Say what you did yourself.',
  vague: 'Too vague: give the specific steps, names or numbers from this story.',
  thin: 'On the right track: add the specifics (what exactly, how many, what changed).',
  pass: 'Strong follow-up answer: it answers what was asked, in the first person, with specifics.',
  empty: 'Too short to answer the question: give the specifics, in the first person.',
} as const;

/**
 * Judges a reply to the follow-up question asked: does it answer what the question asks (its kinds, or else its
 * words), does the speaker own the action (handing off is routing), and is it specific. Never by likeness to a
 * stored example.
 */
export function judgeFollowUp(reply: string, question: string, rules: FollowUpRules): FollowUpGrade {
  const text = typeof reply === 'string' ? reply : '';
  const sentences = replySentences(text);
  const kinds = kindsOf(askingPart(question).ask, rules);
  const kindIds = kinds.map((k) => k.id);
  const first = sentences[0];
  if (!first || countWordsOf(text) < MIN_WORDS) {
    return {
      verdict: 'fail',
      reasons: first ? [`Too short to answer the question: ${quoted(first)}`] : [],
      evidence: [],
      advice: ADVICE.empty,
      kinds: kindIds,
    };
  }
  const rel = relevance(sentences, question, kinds, rules);
  const own = ownership(sentences, question, kinds, rules);
  const spec = specificity(sentences, kinds, rules);
  // One serious flaw fails a reply; so do two lesser ones (only part answered, "we" or no "I", thin).
  // "What did you do when...?" asks only for the speaker's steps: a reply with none of theirs answers nothing, however
  // much it tells of what happened around them.
  const onlyOwnAsked = DO_ASKED.test(askingPart(question).ask) && kinds.length <= 1;
  const noOwnStep = onlyOwnAsked && (own.level === 'absent' || own.level === 'shared');
  const serious =
    noOwnStep ||
    rel.level === 'misses' ||
    own.level === 'handed-off' ||
    own.level === 'blames' ||
    spec.level === 'vague';
  // A reply that leaves out the part of the question about what the speaker did ("What was the hardest part, and
  // how did you deal with it?" answered with the hardest part only) lacks their action for that one reason: one
  // flaw, not two.
  const ownFlaw =
    own.level === 'shared' || own.level === 'part' || (own.level === 'absent' && rel.level !== 'partly');
  const lesser = (rel.level === 'partly' ? 1 : 0) + (ownFlaw ? 1 : 0) + (spec.level === 'thin' ? 1 : 0);
  const verdict: FollowUpVerdict = serious || lesser >= 2 ? 'fail' : lesser === 0 ? 'pass' : 'partial';
  const missedKind = kinds.find((k) => !rel.evidence.length || !anyOf(text, k.answeredBy));
  const advice =
    verdict === 'pass'
      ? ADVICE.pass
      : rel.level !== 'answers'
        ? (missedKind?.advice ?? 'Answer the question asked, with what you did in this story.')
        : own.level === 'blames' ||
            own.level === 'handed-off' ||
            own.level === 'part' ||
            own.level === 'shared' ||
            own.level === 'absent'
          ? ADVICE[own.level]
          : spec.level === 'vague'
            ? ADVICE.vague
            : ADVICE.thin;
  return {
    verdict,
    reasons: [...rel.reasons, ...own.reasons, ...spec.reasons],
    evidence: [...new Set([...rel.evidence, ...own.evidence, ...spec.evidence])].slice(0, 3),
    advice,
    kinds: kindIds,
  };
}

/**
 * A follow-up reply graded on the question asked, with a stored follow-up's bad/why/good to show alongside
 * when there is one. The stored examples are shown, never compared with.
 */
export function gradeFollowUp(
  reply: string,
  question: string,
  rules: FollowUpRules,
  stored?: FollowUp,
): FollowUpGrade & { contrast?: Contrast } {
  const graded = judgeFollowUp(reply, question, rules);
  if (!stored) return graded;
  return {
    ...graded,
    contrast: { bad: stored.bad, why: stored.why, good: stored.good, source: 'follow-up' },
  };
}
