import { findAll, type Match, type Sentence } from '../answer.ts';
import { CONCRETE_PAST, ROUTING, VAGUE_ACTIVITY, WEAK_PAST, words } from '../lexicon.ts';
import {
  type Check,
  type Context,
  evidenceFrom,
  judgement,
  quotePhrase,
  readSentences,
  signalMatches,
} from './context.ts';

type Voice = 'i' | 'we' | 'passive' | 'others' | 'neutral';

const I = /(?<![\p{L}'])i(?:'d|'ve|'m|'ll)?(?![\p{L}'])|\bmyself\b/u;
const WE =
  /\b(?:we|we'd|we've|we're|we'll|us|ourselves|together)\b|\bas a (?:team|group)\b|\b(?:the|my|our) (?:team|group|squad) and i\b|\b(?:my|our|the) (?:team|group|squad) (?:then |also )?(?:\w+ed|built|wrote|ran|did|made|found|figured|decided|got|took|went)\b/;
const OTHERS =
  /\b(?:they|he|she|someone|somebody|the (?:engineers|developers|devs|analysts|other team|\w+ team)) (?:then |eventually |quickly )?(?:\w+ed|built|wrote|ran|did|made|found|fixed|sorted|took|handled)\b/;
const PARTICIPLE_STOPLIST =
  'interested|worried|excited|based|located|supposed|used|concerned|tired|pleased|surprised|frustrated|scared|bored|confused|impressed|qualified|related|required|needed|expected|called|named|aimed|designed to|focused|allowed|able|aligned|involved|engaged|motivated|determined|stressed|overwhelmed|annoyed|delighted|satisfied|disappointed|shocked|limited|complicated|outdated|scattered|exposed|embarrassed|committed|dedicated|prepared|convinced|married|retired|employed|unemployed|promoted|hired';
const PASSIVE = new RegExp(
  `\\b(?:was|were|got|been|being|is|are|get|gets)\\s+(?:\\w+ly\\s+)?(?!(?:${PARTICIPLE_STOPLIST})\\b)(?:\\w+ed|done|made|built|written|taken|given|put|set up|run|found|shown|sorted|rolled out|shipped|chosen|sent|brought|caught|held|kept|told|undertaken)\\b`,
);

export function voiceOf(lower: string): Voice {
  const i = I.exec(lower);
  const we = WE.exec(lower);
  if (i && we) return i.index <= we.index ? 'i' : 'we';
  if (i) return 'i';
  if (we) return 'we';
  if (OTHERS.test(lower)) return 'others';
  if (PASSIVE.test(lower)) return 'passive';
  return 'neutral';
}

export const firstPerson: Check = (ctx) => {
  const sentences = readSentences(ctx, ['action'], ['task', 'result']);
  const voiced = sentences.map((s) => ({ s, voice: voiceOf(s.lower) }));
  const mine = voiced.filter((v) => v.voice === 'i').map((v) => v.s);
  const hidden = voiced
    .filter((v) => v.voice === 'we' || v.voice === 'passive' || v.voice === 'others')
    .map((v) => v.s);
  const total = mine.length + hidden.length;
  const ratio = total === 0 ? 0 : mine.length / total;
  if (sentences.length === 0) {
    return judgement('fail', [], 'There is no Action: tell what you did, in the first person, step by step.');
  }
  if (mine.length > 0 && ratio >= 0.75) {
    const advice =
      hidden.length > 0
        ? 'Mostly told with "I"; make the remaining "we" or passive sentences say who acted.'
        : 'Your own actions are clear: told with "I".';
    return judgement('pass', evidenceFrom(mine), advice);
  }
  if (mine.length > 0 && (ratio >= 0.4 || (mine.length >= 2 && ratio >= 0.34))) {
    return judgement(
      'partial',
      evidenceFrom(hidden),
      `${hidden.length} of ${total} action sentences use "we", "they" or the passive; say what you did yourself, with "I".`,
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
const VAGUE = words(VAGUE_ACTIVITY);
const ROUTED = words(ROUTING);
/** Any other past-tense verb straight after "I", a comma, "and" or "then". */
const GENERIC_PAST =
  /(?:\bi|,|\band|\bthen|\balso|\bfirst|\bnext|\bfinally|\bpersonally|\bquickly|\bcarefully|\bmanually)\s+(?:\w+ly\s+)?(?!(?:was|had|did|learned|learnt|realised|realized|needed|wanted|hoped|tried|liked|felt|seemed|loved|hated|enjoyed|believed|expected|assumed|wondered|waited|stayed|remained|continued|started|worked|helped|handled|managed|used|asked|noticed|decided|agreed|owned|called|named|based|related|concerned|involved|supposed|interested|worried|excited|surprised|frustrated|pleased|tired|bored|confused|impressed)\b)([a-z]{3,}ed)\b/g;
const BY_DOING = /\bby (?:\w+ly )?([a-z]{3,}ing)\b/g;
const SPECIFIC_TOKEN = /\d|\b[A-Z][a-z]+[A-Z]\w*|(?<=\w[ ,(])[A-Z][\w-]{2,}/g;

export interface ActionEvidence {
  score: number;
  concrete: Match[];
  vague: Match[];
  routing: Match[];
  best: Sentence[];
}

/** How concrete the speaker's own steps are: concrete verbs in their sentences, minus vague or routing phrases. */
export function actionEvidence(ctx: Context, sentences: readonly Sentence[]): ActionEvidence {
  const weightOf = (s: Sentence) => {
    const voice = voiceOf(s.lower);
    return voice === 'i' ? 1 : voice === 'we' ? 0.5 : voice === 'neutral' ? 0.25 : 0;
  };
  const seen = new Set<string>();
  let score = 0;
  const perSentence = new Map<Sentence, number>();
  const concrete: Match[] = [];
  const add = (matches: Match[], weight: number, key: (m: Match) => string) => {
    for (const m of matches) {
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
  let specific = 0;
  for (const s of sentences) {
    SPECIFIC_TOKEN.lastIndex = 0;
    specific += (s.text.match(SPECIFIC_TOKEN) ?? []).length;
  }
  score += Math.min(1, specific * 0.25);
  score += Math.min(2, signalMatches(ctx, 'specific-actions', sentences).length);
  const vague = findAll(sentences, VAGUE);
  const routing = findAll(sentences, ROUTED);
  score -= Math.min(3, vague.length) + 1.5 * Math.min(2, routing.length);
  const best = [...perSentence.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, 2)
    .map(([s]) => s)
    .sort((a, b) => sentences.indexOf(a) - sentences.indexOf(b));
  return { score, concrete, vague, routing, best };
}

export const PASS_SCORE = 3;
const PARTIAL_SCORE = 1.5;

export const specificActions: Check = (ctx) => {
  const sentences = readSentences(ctx, ['action'], ['task', 'result']);
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
  if (found.score >= PASS_SCORE && (clean || found.score >= PASS_SCORE + 1.5)) {
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
  if (found.score >= PARTIAL_SCORE) {
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
