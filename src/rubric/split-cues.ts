import { PART_NAMES, type PartName } from '../content/schema.ts';
import { SPREAD } from './effect-phrases.ts';
import { CONCRETE_PAST, PROBLEM, WEAK_PAST } from './lexicon.ts';
import type { Analysis } from './nlp.ts';
import { BOUNDARY, INITIATIVE, PROMPTED, STATED_SCOPE } from './scope-phrases.ts';
import { MAY_HAVE_PLANNED_STEP, MAY_HAVE_PRESENT_STEP, partStepWeight } from './steps.ts';

const once = (pattern: RegExp) => new RegExp(pattern.source, pattern.flags.replace('g', ''));
/** A stretch of time: "a couple of months", "about three weeks", "two quarters". */
const SPAN =
  '(?:(?:about|around|roughly|nearly|only|just|another) )?(?:a|an|one|two|three|four|five|six|a few|a couple of|several|\\d+) (?:more )?(?:days?|weeks?|months?|quarters?|years?|sprints?)';

/** Cues that a sentence belongs to a part, each with a weight. Matched against the lowercased sentence. */
const CUES: Record<PartName, [RegExp, number][]> = {
  situation: [
    [
      /\b(?:at|in|for) (?:my|a|an|our|the) (?:(?:previous|last|former|current|old|first|second) )?(?:job|company|role|employer|startup|position|agency|firm|bank|hospital|school|store|shop|warehouse)\b/,
      1.5,
    ],
    [
      /\bi (?:was|worked as|joined|had (?:just )?joined|was working as) (?:a|an|the|one of)\b(?:\s[\w-]+){0,4}?\s(?:engineer|developer|manager|analyst|lead|designer|associate|consultant|specialist|representative|rep|intern|scientist|coordinator|director|owner|agent|officer|accountant|marketer|planner|supervisor|administrator|architect|researcher|executive|recruiter|buyer|teacher|nurse)s?\b/,
      2,
    ],
    [
      /\b(?:last|this|that) (?:year|quarter|month|summer|spring|autumn|fall|winter|january|february|march|april|may|june|july|august|september|october|november|december)\b/,
      0.8,
    ],
    [
      /\bin (?:early |late |mid-?)?(?:19|20)\d\d\b|\b(?:a|two|three|a few|a couple of) (?:years|months) ago\b/,
      0.8,
    ],
    [/\bthere (?:was|were|had been)\b/, 0.8],
    // When one event happened: "so it's a Friday evening", "on a night shift last winter".
    [
      /^(?:so,? )?(?:it's|it is|it was) (?:a|an|one) |\b(?:on|one|a) (?:(?:busy|quiet|late|early) )?(?:monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|evening|morning|night|night shift|day shift|shift)\b/,
      1.5,
    ],
    [
      /\b(?:was|were|had been|kept) (?:failing|struggling|growing|losing|missing|complaining|slow|behind|down|breaking|declining|dropping|stuck|late|facing|timing out|crashing|getting)\b/,
      1,
    ],
    [/\b(?:context|background)\b/, 1],
    [PROBLEM, 0.5],
    [
      /\b(?:was|were|felt|got) (?:\w+ )?(?:furious|angry|upset|frustrated|worried|unhappy|overwhelmed|exhausted|confused|stuck)\b/,
      0.8,
    ],
    [/^(?:so )?anyway\b|\bthe (?:problem|issue|challenge) (?:was|started|is)\b/, 1.2],
    [/\bwe (?:were|had)\b/, 0.6],
    [/\bwhen i (?:was|joined|started|took over|moved|first)\b/, 1.2],
    [
      /\b(?:in|during) my (?:very )?(?:first|second|third|last|previous|old|early|current) (?:\w+ ){0,2}(?:job|role|month|year|week|weeks|months|days|position|placement|internship|team|company|rotation)\b/,
      1.2,
    ],
    [
      /^(?:as (?:a|an|the) [\w-]+|so,? (?:this was|i was)|back (?:in|when)|a few years ago|at the time|ok(?:ay)?,? so)\b/,
      1,
    ],
    [
      /\b(?:had|has) (?:grown|climbed|risen|fallen|dropped|reached|slipped|stalled|doubled|tripled)\b|\b(?:was|were) (?:taking|leaving|waiting|running|showing|paying|getting|going|using|costing|sitting)\b/,
      0.7,
    ],
    [/\b(?:our|the) (?:company|team|business|client|customer|department|product)\b/, 0.3],
  ],
  task: [
    [
      /\bmy (?:main |primary |core )?(?:task|goal|job|role|responsibility|objective|mission|aim|brief|assignment|challenge|mandate|remit) (?:was|is|became|had been)\b/,
      3,
    ],
    [/\bthe (?:task|goal|objective|aim|ask|challenge|mission|target) (?:was|is|became)\b/, 2.5],
    [
      /\bi (?:needed|had|wanted|set out|decided|volunteered|offered|chose|took it upon myself|made it my|committed) to\b|\bi took (?:it on|ownership|the initiative|responsibility)\b/,
      1.6,
    ],
    [
      /\b(?:not my|wasn't my|was not my|isn't my|outside (?:my|our)|nobody (?:had )?asked|no one (?:had )?asked|no ticket|without being asked|on my own initiative|nobody owned|no one owned)\b/,
      2,
    ],
    [/\bi (?:was|got) (?:asked|told|tasked|assigned|given|handed|brought in|put in charge)\b/, 2],
    [
      /\bmy (?:manager|boss|lead|director|supervisor|vp|cto|ceo|team lead) (?:asked|told|wanted|gave|assigned|tasked)\b/,
      2,
    ],
    [/\b(?:responsible|accountable) for\b/, 0.8],
    [once(BOUNDARY), 2],
    [once(PROMPTED), 2],
    [once(INITIATIVE), 1.2],
    [once(STATED_SCOPE), 0.8],
  ],
  action: [
    [new RegExp(`\\bi (?:\\w+ly )?(?:${[...new Set(CONCRETE_PAST)].join('|')})\\b`, 'u'), 1.6],
    [
      /\bi (?:\w+ly )?(?!was\b|had\b|did\b|learned\b|learnt\b|realised\b|realized\b|needed\b|wanted\b)\w+ed\b/,
      0.8,
    ],
    [/\b(?:first|then|next|to do this|to start|i started by|i began by)\b/, 0.5],
    [new RegExp(`\\bi (?:\\w+ly )?(?:${WEAK_PAST.join('|')})\\b`, 'u'), 0.6],
    [/\bwe (?:\w+ed|built|wrote|ran|set up|rolled out)\b/, 0.6],
  ],
  result: [
    [
      /\b(?:as a result|in the end|ultimately|the result|the outcome|results? (?:was|were)|this led to|that led to|which led to|by the end|in total|overall|thanks to this|because of this|the impact)\b/,
      2,
    ],
    [
      new RegExp(
        `^(?:after (?:it|the \\w+|that|this|we|i|launch|go-live|${SPAN})|${SPAN} later|(?:in |over |for )?the (?:first |next )?(?:${SPAN}|day|week|month|quarter|year) after(?:wards)?\\b|within (?:a|an|two|three|four|five|six|\\d+)|over (?:the (?:next|following|years|months|weeks)|time)|by the end|since then|in the (?:end|first|following))\\b`,
      ),
      1.2,
    ],
    // A verdict on the approach or a deal closing: "it worked out well", "the prospect signed".
    [
      /\b(?:it|this|that|the (?:change|fix|plan|approach|idea|pilot|trial|experiment)) (?:really |actually |all )?(?:worked|paid off|did the trick|made (?:a|the) (?:\w+ )?difference)\b(?! (?:out )?(?:until|by|on|as|at|with|through)\b)|\b(?:prospect|client|customer|buyer)s? (?:(?!never\b)\w+ )?(?:signed|renewed)\b|\b(?:deal|contract)s? (?:\w+ )?(?:closed|went through)\b/,
      1.4,
    ],
    [
      /\b(?:shipped|launched|went live|rolled out|was deployed)\b.*\b(?:stopped|fell|dropped|rose|went|came down|recovered|saved)\b|\b(?:now takes|no longer|stopped (?:happening|coming)|went (?:away|back to normal))\b/,
      1,
    ],
    [/\d\s?%|\bper ?cent\b|[$£€¥₹]\s?\d|\b\d+(?:\.\d+)?\s?x\b|\b(?:halved|doubled|tripled)\b/, 0.7],
    [
      /\b(?:reduced|increased|cut|saved|dropped|fell|grew|rose|improved|recovered|boosted|lowered|raised|eliminated|went (?:from|down|up))\b/,
      0.7,
    ],
    [/\b(?:next|following) (?:quarter|month|year|week|season)\b.*\b(?:was|were)\b/, 0.8],
    // When the outcome was counted, or against what: "the next quarter", "he went home three days later" (not "Two
    // weeks later I rewrote..."), "instead of six".
    [
      new RegExp(
        `^(?:in )?(?:the|that) (?:next|following) (?:day|shift|week|month|quarter|term|year|season|audit|inspection)\\b|\\w ${SPAN} later\\b|\\bsince (?:this|that|then)\\b`,
      ),
      1,
    ],
    [
      /\b(?:instead of|compared (?:to|with)|against|down from|up from|rather than|before (?:it|there|we|they) (?:was|were|had|have|has|is|are)) (?:the |a |an )?(?:usual |previous |normal |only )?(?:\d|(?:one|two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|thirty|forty|fifty|a hundred)\b)/,
      1.2,
    ],
    // Back where it should be, by when: "by 3am the beer's back at 19.5°C", "readings back under 10 within four days".
    [
      /^by \d{1,2}(?:[:.]\d\d)? ?(?:am|pm|o'clock)?\b|\bback (?:at|to|under|below|within|down to|up to|in) (?:normal|\d)/,
      1.2,
    ],
    // The span the outcome was counted over, in any tense: "In the next eight months we have...".
    [new RegExp(`^(?:in|over|for|during|within) (?:the )?(?:next|following|first) ${SPAN}\\b`), 1.2],
    // An outcome counted as none: "zero allergy incidents", "no further weapons turn up", "not a single failure".
    [/\b(?:zero|not a single|no (?:more|further|other|new|repeat))\b/, 0.8],
    [/\b(?:we|they|the (?:team|ward|unit|school|store|site|shift|company|department)) now\b/, 1],
    [once(SPREAD), 1.5],
    [/\b(?:afterwards|after that|by then|as a result)\b/, 1],
    // Vague outcomes are still the Result, just a weak one: "things got better", "everyone was happy".
    [
      /\b(?:things|it|everything|the situation|performance|morale|the process) (?:got|became|was|were|went) (?:(?:a lot|much|way|really|so) )?(?:better|smoother|faster|back to normal)\b|\b(?:everyone|everybody|the team|the client|the customer|customers|my manager|management|the business|stakeholders) (?:was|were|seemed|felt) (?:\w+ )?(?:happy|pleased|delighted|satisfied|impressed|thrilled|relieved)\b/,
      1.4,
    ],
    [/\b(?!(?:19|20)\d\d\b)\d[\d,.]*\b/, 0.3],
    [/\bfrom\s+\S+\s+(?:\S+\s+){0,3}?to\s+\S/, 1],
    [/\b(?:adopted|became (?:the|a|our) (?:standard|default|template)|rolled out (?:to|across))\b/, 1],
  ],
  reflection: [
    [
      /\bi(?:'ve|'d| have| had)? (?:learned|learnt|realised|realized|came away|took away|now (?:know|understand|always|make|check|ask|start|try))\b|\b(?:lessons?|takeaways?)\b|\btaught me\b|\blooking back\b|\bin hindsight\b|\bnext time\b|\bif i (?:did|had|were to do) (?:it|this|that) again\b|\bdifferently\b|\bsince then,? i\b|\bgoing forward\b|\bfrom then on\b|\bthese days,? i\b|\bwe (?:learned|learnt|realised|realized)\b|\bwhat i took (?:away )?from\b|\b(?:showed|reminded) me\b|\bnow,? (?:before|when|whenever|if|every time|on any|for any|(?:on|in|at|during) (?:my|every|each|any)) \w+|\bthe (?:main |key |big )?(?:thing i learned|thing i took away)\b/,
      3,
    ],
  ],
};

/**
 * Cues read from the sentence with its verbs as lemmas, so a story told in the present ("he ends up giving us
 * 10 out of 10", "what I take from it") is cued like the same story told in the past.
 */
const LEMMA_CUES: Partial<Record<PartName, [RegExp, number][]>> = {
  task: [[/\bi (?:decide|choose|volunteer|offer) to\b/, 1.6]],
  result: [
    [/\b(?:end up|in the end|at the end of the (?:day|week|month|call))\b/, 2],
    [
      /\b(?:go (?:down|up|from)|come (?:down|back)|drop|fall|rise|reduce|increase|save|improve|recover|stay with (?:us|the company))\b/,
      0.7,
    ],
    [/\bout of (?:5|10|five|ten)\b/, 0.7],
  ],
  reflection: [
    [
      /\bi (?:\w+ )?(?:learn|realise|realize)\b|\bwhat i take (?:away )?from\b|\bi take away\b|\b(?:teach|show|remind) me\b|\bany more\b|\banymore\b/,
      3,
    ],
  ],
};

/** A word that may carry a lemma cue in some form: only such sentences are worth analysing. */
export const LEMMA_CUE_WORD =
  /\b(?:decides?|chooses?|volunteers?|offers?|ends? up|go(?:es)? (?:down|up|from)|comes? (?:down|back)|drops?|falls?|rises?|reduces?|increases?|saves?|improves?|recovers?|stays? with|out of (?:5|10|five|ten)|learns?|reali[sz]es?|takes?|teach(?:es)?|shows?|reminds?)\b/;
/** Weight of the speaker's own step read from the verb ("I take him to a side room", "I have call each supplier"). */
const STEP_CUE = 1.6;

/**
 * How strongly each part's cues fire for one sentence, in PART_NAMES order. `analysis` (part of speech and
 * lemmas) is asked for only when the sentence may hold a cue the surface patterns miss: a lemma cue, or a step
 * of the speaker's told in the present or in non-standard grammar.
 */
export function cueScores(lowerSentence: string, analysis?: () => Analysis): number[] {
  let read: Analysis | undefined;
  const analysed = () => {
    read ??= analysis?.();
    return read;
  };
  const scores = PART_NAMES.map((part) => {
    let score = 0;
    for (const [pattern, weight] of CUES[part]) if (pattern.test(lowerSentence)) score += weight;
    return score;
  });
  // The past-tense patterns already read a sentence told in the past; lemmas give a present-tense one the same cues.
  // The larger of the two readings, so a past-tense cue read again from its lemma is not counted twice.
  if (analysis && LEMMA_CUE_WORD.test(lowerSentence)) {
    const lemmas = analysed()?.lemmaText ?? '';
    PART_NAMES.forEach((part, p) => {
      let extra = 0;
      for (const [pattern, weight] of LEMMA_CUES[part] ?? []) if (pattern.test(lemmas)) extra += weight;
      scores[p] = Math.max(scores[p]!, extra);
    });
  }
  const action = PART_NAMES.indexOf('action');
  if (
    analysis &&
    scores[action] === 0 &&
    (MAY_HAVE_PRESENT_STEP.test(lowerSentence) || MAY_HAVE_PLANNED_STEP.test(lowerSentence))
  ) {
    const steps = analysed()?.speakerVerbs.map(partStepWeight) ?? [];
    scores[action] = STEP_CUE * Math.max(0, ...steps);
  }
  return scores;
}

/** Moving to a later part costs this much; cheap between paragraphs, dear inside one. */
const TRANSITION_COST = 0.35;
const PARAGRAPH_BREAK_COST = 0.1;
const MID_PARAGRAPH_COST = 0.9;
const POSITION_WEIGHT = 0.3;
/** The first sentence of a paragraph usually says what the paragraph is about. */
const TOPIC_WEIGHT = 1.5;
/** An opening sentence almost always sets the scene. */
const OPENING_BONUS = 1;
/** Task, Result and Reflection are said explicitly; a sentence with no cue for them rarely belongs there. */
const UNCUED_PENALTY: Partial<Record<PartName, number>> = { task: 0.6, result: 0.5, reflection: 0.9 };

/** Nobody of the speaker's side is in the sentence ("all the guests accepted"): rarely one of their steps. */
const NO_ACTOR_PENALTY = 0.5;
const SPEAKER_SIDE = /\b(?:i|i'[a-z]+|we|we'[a-z]+|my|our|me|us|myself|ourselves)\b/;

/**
 * The most likely part for each sentence, with parts in STAR order (never going back): a small dynamic
 * programme over cue scores plus a prior that early sentences set the scene and late ones conclude, where
 * paragraph breaks are the natural places to move on. `hints` forces a part on a sentence (an explicit label);
 * a null score is a sentence with no words to judge (a code block).
 */
export function assignParts(
  scores: (number[] | null)[],
  hints: (PartName | undefined)[] = [],
  startsParagraph: boolean[] = [],
  lowerSentences: string[] = [],
): PartName[] {
  const speakerOf = scores.map((_, i) => {
    const lower = lowerSentences[i];
    return lower === undefined || SPEAKER_SIDE.test(lower);
  });
  const n = scores.length;
  const k = PART_NAMES.length;
  if (n === 0) return [];
  const paragraphs = startsParagraph.filter(Boolean).length;
  const best: number[][] = [];
  const from: number[][] = [];
  for (let i = 0; i < n; i++) {
    const expected = n === 1 ? 2 : (i / (n - 1)) * (k - 1);
    const hint = hints[i];
    const own = scores[i];
    const cost =
      paragraphs < 2 ? TRANSITION_COST : startsParagraph[i] ? PARAGRAPH_BREAK_COST : MID_PARAGRAPH_COST;
    const row: number[] = [];
    const back: number[] = [];
    for (let p = 0; p < k; p++) {
      const part = PART_NAMES[p]!;
      let local = 0;
      if (own) {
        const cue = (own[p] ?? 0) * (paragraphs >= 2 && startsParagraph[i] ? TOPIC_WEIGHT : 1);
        local = cue - POSITION_WEIGHT * Math.abs(p - expected);
        if (cue === 0) local -= UNCUED_PENALTY[part] ?? 0;
        if (cue === 0 && part === 'action' && !speakerOf[i]) local -= NO_ACTOR_PENALTY;
        if (i === 0 && n > 1 && part === 'situation') local += OPENING_BONUS;
      }
      if (hint !== undefined) local += part === hint ? 100 : -100;
      if (i === 0) {
        row.push(local);
        back.push(-1);
        continue;
      }
      let top = Number.NEGATIVE_INFINITY;
      let arg = 0;
      for (let q = 0; q <= p; q++) {
        const value = best[i - 1]![q]! - (q < p ? cost : 0);
        if (value > top) {
          top = value;
          arg = q;
        }
      }
      row.push(top + local);
      back.push(arg);
    }
    best.push(row);
    from.push(back);
  }
  let end = 0;
  for (let p = 1; p < k; p++) if (best[n - 1]![p]! > best[n - 1]![end]!) end = p;
  const out: PartName[] = new Array(n);
  for (let i = n - 1; i >= 0; i--) {
    out[i] = PART_NAMES[end]!;
    end = from[i]![end]!;
  }
  return out;
}
