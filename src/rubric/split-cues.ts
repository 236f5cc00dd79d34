import { PART_NAMES, type PartName } from '../content/schema.ts';
import { CONCRETE_PAST } from './lexicon.ts';

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
    [
      /\b(?:was|were|had been|kept) (?:failing|struggling|growing|losing|missing|complaining|slow|behind|down|breaking|declining|dropping|stuck|late|facing|timing out|crashing|getting)\b/,
      1,
    ],
    [/\b(?:context|background)\b/, 1],
    [/\bwe (?:were|had)\b/, 0.6],
    [/\bwhen i (?:was|joined|started)\b/, 1],
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
  ],
  action: [
    [new RegExp(`\\bi (?:\\w+ly )?(?:${[...new Set(CONCRETE_PAST)].join('|')})\\b`, 'u'), 1.6],
    [
      /\bi (?:\w+ly )?(?!was\b|had\b|did\b|learned\b|learnt\b|realised\b|realized\b|needed\b|wanted\b)\w+ed\b/,
      0.8,
    ],
    [/\b(?:first|then|next|after that|afterwards|to do this|to start|i started by|i began by)\b/, 0.5],
    [/\bwe (?:\w+ed|built|wrote|ran|set up|rolled out)\b/, 0.6],
  ],
  result: [
    [
      /\b(?:as a result|in the end|ultimately|the result|the outcome|results? (?:was|were)|this led to|that led to|which led to|by the end|in total|overall|thanks to this|because of this|the impact)\b/,
      2,
    ],
    [/\d\s?%|\bper ?cent\b|[$£€¥₹]\s?\d|\b\d+(?:\.\d+)?\s?x\b|\b(?:halved|doubled|tripled)\b/, 1.3],
    [
      /\b(?:reduced|increased|cut|saved|dropped|fell|grew|rose|improved|recovered|boosted|lowered|raised|eliminated|went (?:from|down|up))\b/,
      1,
    ],
    [/\bfrom\s+\S+\s+(?:\S+\s+){0,3}?to\s+\S/, 0.8],
    [/\b(?:adopted|became (?:the|a|our) (?:standard|default|template)|rolled out (?:to|across))\b/, 1],
  ],
  reflection: [
    [
      /\bi (?:learned|learnt|realised|realized|came away|took away|now (?:know|understand|always|make|check|ask|start|try))\b|\b(?:lessons?|takeaways?)\b|\btaught me\b|\blooking back\b|\bin hindsight\b|\bnext time\b|\bif i (?:did|had|were to do) (?:it|this|that) again\b|\bdifferently\b|\bsince then,? i\b|\bgoing forward\b|\bfrom then on\b|\bthese days,? i\b/,
      3,
    ],
  ],
};

/** How strongly each part's cues fire for one sentence, in PART_NAMES order. */
export function cueScores(lowerSentence: string): number[] {
  return PART_NAMES.map((part) => {
    let score = 0;
    for (const [pattern, weight] of CUES[part]) if (pattern.test(lowerSentence)) score += weight;
    return score;
  });
}

const TRANSITION_COST = 0.35;
const POSITION_WEIGHT = 0.3;

/**
 * The most likely part for each sentence, with parts in STAR order (never going back): a small dynamic
 * programme over cue scores plus a prior that early sentences set the scene and late ones conclude.
 * `hints` forces a part on a sentence (an explicit label).
 */
export function assignParts(scores: number[][], hints: (PartName | undefined)[] = []): PartName[] {
  const n = scores.length;
  const k = PART_NAMES.length;
  if (n === 0) return [];
  const best: number[][] = [];
  const from: number[][] = [];
  for (let i = 0; i < n; i++) {
    const expected = n === 1 ? 2 : (i / (n - 1)) * (k - 1);
    const hint = hints[i];
    const row: number[] = [];
    const back: number[] = [];
    for (let p = 0; p < k; p++) {
      let local = (scores[i]![p] ?? 0) - POSITION_WEIGHT * Math.abs(p - expected);
      if (hint !== undefined) local += PART_NAMES[p] === hint ? 100 : -100;
      if (i === 0) {
        row.push(local);
        back.push(-1);
        continue;
      }
      let top = Number.NEGATIVE_INFINITY;
      let arg = 0;
      for (let q = 0; q <= p; q++) {
        const value = best[i - 1]![q]! - (q < p ? TRANSITION_COST : 0);
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
