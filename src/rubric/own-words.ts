import type { PartName } from '../content/schema.ts';
import type { Probe } from './follow-up-kinds.ts';
import { replySentences } from './reply-text.ts';
import type { AnswerParts } from './types.ts';

export const OWN_WORDS_ID = 'own-words';

/** Where an interviewer digs first: what the person did, then what came of it. */
const PART_ORDER: readonly PartName[] = ['action', 'result', 'task', 'reflection', 'situation'];
/** Quotes run to about this many words: enough to recognise, short enough to say aloud. */
const QUOTE_WORDS = 14;
const MIN_SENTENCE_WORDS = 4;
const LABEL = /^\s*(?:[*_#>-]+\s*)?(?:situation|task|action|result|reflection|[STARL])\s*[*_]*\s*[:)-]\s*/i;
const NUMBER = /\d/;
const SPEAKER = /\b(?:I|I'm|I've|I'd|me|my|myself)\b/;

interface Candidate {
  text: string;
  probe: Probe;
  score: number;
  at: number;
  length: number;
  order: number;
}

function words(text: string): string[] {
  return text.split(/\s+/).filter((w) => w !== '');
}

/**
 * The words to quote: the clause around the cue when the sentence is long, else the sentence, always an exact
 * slice of what the person typed, without its closing full stop.
 */
function quoteAround(text: string, at: number, length: number): string {
  let start = 0;
  let end = text.length;
  if (words(text).length > QUOTE_WORDS) {
    const before = text.slice(0, at);
    const after = text.slice(at + length);
    const clauseStart = Math.max(
      before.lastIndexOf(', '),
      before.lastIndexOf('; '),
      before.lastIndexOf(': '),
    );
    if (clauseStart >= 0) start = clauseStart + 2;
    const clauseEnd = after.search(/[,;:](?:\s|$)/);
    if (clauseEnd >= 0) end = at + length + clauseEnd;
    let slice = text.slice(start, end);
    const parts = words(slice);
    if (parts.length > QUOTE_WORDS) {
      // Still long: keep a window of words around the cue.
      const cueWord = words(text.slice(start, at)).length;
      const from = Math.max(0, cueWord - Math.floor(QUOTE_WORDS / 3));
      slice = parts.slice(from, from + QUOTE_WORDS).join(' ');
      const index = text.indexOf(slice, start);
      if (index >= 0) {
        start = index;
        end = index + slice.length;
      }
    }
  }
  return text
    .slice(start, end)
    .trim()
    .replace(/[.!?,;:]+$/, '');
}

/**
 * The follow-up on the person's own words: their weakest sentence (the one whose cues weigh most: handing off,
 * looking without finding, a result without a number, a vague step, "we"), quoted and probed with the ask that
 * fits it. Undefined only when the answer has no sentence worth quoting.
 */
export function ownWordsFollowUp(
  answer: AnswerParts,
  probes: readonly Probe[],
): { id: string; question: string } | undefined {
  if (probes.length === 0) return undefined;
  const fallback = probes.find((p) => p.cues.length === 0) ?? probes[probes.length - 1]!;
  const candidates: Candidate[] = [];
  let order = 0;
  for (const part of PART_ORDER) {
    const raw = answer[part];
    if (typeof raw !== 'string') continue;
    for (const sentence of replySentences(raw)) {
      order++;
      const text = sentence.text.replace(LABEL, '');
      const match = sentence.match.slice(sentence.text.length - text.length);
      if (words(text).length < MIN_SENTENCE_WORDS) continue;
      let best: Candidate = { text, probe: fallback, score: 0, at: 0, length: 0, order };
      for (const probe of probes) {
        if (probe.cues.length === 0) continue;
        if (probe.unlessNumber && NUMBER.test(match)) continue;
        if (probe.unlessSpeaker && SPEAKER.test(match)) continue;
        const hit = probe.cues.map((re) => re.exec(match)).find((m) => m !== null);
        if (!hit) continue;
        const score = probe.weight + (NUMBER.test(match) ? 0 : 0.5);
        if (score > best.score) best = { text, probe, score, at: hit.index, length: hit[0].length, order };
      }
      candidates.push(best);
    }
  }
  const weakest = candidates.sort((a, b) => b.score - a.score || a.order - b.order)[0];
  if (!weakest) return undefined;
  const quote = quoteAround(weakest.text, weakest.at, weakest.length);
  return { id: OWN_WORDS_ID, question: `You said '${quote}': ${weakest.probe.ask}` };
}
