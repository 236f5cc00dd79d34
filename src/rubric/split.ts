import { PART_NAMES, type PartName } from '../content/schema.ts';
import { breakInlineLabels, matchLabel } from './labels.ts';
import { analyse } from './nlp.ts';
import { assignParts, cueScores } from './split-cues.ts';
import { cleanProse, paragraphSentences } from './text.ts';
import type { AnswerParts } from './types.ts';

const CODE_OPEN = '\uE000';
const CODE_CLOSE = '\uE001';
const FENCE = /^[ \t]*(```|~~~)[^\n]*\n[\s\S]*?(?:^[ \t]*\1[ \t]*$|(?![\s\S]))/gm;
const PLACEHOLDER = /\uE000(\d+)\uE001/g;
/** Below this many words, text before the first label is a greeting ("Sure, here goes:"), not part of the story. */
const PREAMBLE_WORDS = 12;

function append(map: Partial<Record<PartName, string[]>>, part: PartName, text: string, first = false): void {
  const list = map[part] ?? [];
  if (first) list.unshift(text);
  else list.push(text);
  map[part] = list;
}

interface Segment {
  part: PartName | undefined;
  lines: string[];
}

/** Fenced code blocks set aside as placeholders on their own paragraph, so prose rules never see them. */
function setAsideCode(text: string): { text: string; blocks: string[] } {
  const blocks: string[] = [];
  const replaced = text.replace(FENCE, (block) => {
    blocks.push(block.replace(/\s+$/, ''));
    return `\n\n${CODE_OPEN}${blocks.length - 1}${CODE_CLOSE}\n\n`;
  });
  return { text: replaced, blocks };
}

function restoreCode(text: string, blocks: string[]): string {
  return text
    .replace(PLACEHOLDER, (_, index: string) => `\n${blocks[Number(index)] ?? ''}\n`)
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** "**Situation** text" becomes "Situation: text" so the label survives markdown stripping. */
function boldLabelsToColons(text: string): string {
  return text.replace(
    /^([ \t>#*+•·-]*)(\*\*|__)([^*_\n]{1,40}?)\2(?![ \t]*:)/gm,
    (whole, lead: string, _m, inner) => {
      const label = matchLabel(`${inner}:`);
      return label && label.length >= `${inner}:`.length - 1 ? `${lead}${inner}:` : whole;
    },
  );
}

function segmentsByLabel(text: string): Segment[] {
  const segments: Segment[] = [{ part: undefined, lines: [] }];
  for (const line of text.split('\n')) {
    const label = line.includes(CODE_OPEN) ? undefined : matchLabel(line);
    if (label) segments.push({ part: label.part, lines: [line.slice(label.length)] });
    else segments[segments.length - 1]!.lines.push(line);
  }
  return segments.filter((s) => s.lines.join('').trim() !== '' || s.part !== undefined);
}

function wordCount(text: string): number {
  return text.split(/\s+/).filter((w) => /[\p{L}\p{N}]/u.test(w)).length;
}

/** A short opener before the first label, such as "Sure, here is my answer:". */
function isGreeting(text: string): boolean {
  if (wordCount(text) >= PREAMBLE_WORDS) return false;
  return (
    /:\s*$/.test(text) ||
    /^(?:sure|okay|ok|yes|great|here|happy|glad|let me|this is|so,? here|my (?:star )?answer|answer|question|hi|hello)\b/i.test(
      text,
    )
  );
}

function byLabels(segments: Segment[]): AnswerParts {
  const collected: Partial<Record<PartName, string[]>> = {};
  const labelled = new Set(segments.flatMap((s) => (s.part ? [s.part] : [])));
  for (const segment of segments) {
    const body = segment.lines.join('\n').trim();
    if (body === '') continue;
    if (!segment.part && isGreeting(body)) continue;
    const part = segment.part ?? 'situation';
    append(collected, part, body, !segment.part && labelled.has('situation'));
  }
  const parts: AnswerParts = {};
  for (const part of PART_NAMES) {
    const texts = collected[part];
    if (texts && texts.length > 0) parts[part] = texts.join('\n\n');
  }
  return parts;
}

function byCues(segments: Segment[]): AnswerParts {
  const sentences: string[] = [];
  const hints: (PartName | undefined)[] = [];
  const startsParagraph: boolean[] = [];
  for (const segment of segments) {
    paragraphSentences(segment.lines.join('\n')).forEach((paragraph, p) => {
      paragraph.forEach((sentence, i) => {
        sentences.push(sentence);
        hints.push(p === 0 && i === 0 ? segment.part : undefined);
        startsParagraph.push(i === 0);
      });
    });
  }
  const scores = sentences.map((s) =>
    s.includes(CODE_OPEN) ? null : cueScores(s.toLowerCase(), () => analyse(s)),
  );
  const assigned = assignParts(
    scores,
    hints,
    startsParagraph,
    sentences.map((s) => s.toLowerCase()),
  );
  const collected: Partial<Record<PartName, string[]>> = {};
  sentences.forEach((sentence, i) => {
    append(collected, assigned[i]!, sentence);
  });
  const parts: AnswerParts = {};
  for (const part of PART_NAMES) {
    const texts = collected[part];
    if (texts) parts[part] = texts.join(' ');
  }
  return parts;
}

/**
 * Splits one block of text into STAR parts: by explicit labels when there are at least two ("Situation:",
 * "S:", "(S)", "**Situation**", "## Situation", bullets, emoji), otherwise by cues in each sentence.
 * Parts that are not found are left out.
 */
export function splitAnswer(text: string): AnswerParts {
  const { text: withoutCode, blocks } = setAsideCode(String(text ?? '').replace(/\r\n?/g, '\n'));
  const prepared = breakInlineLabels(cleanProse(boldLabelsToColons(withoutCode)));
  const segments = segmentsByLabel(prepared);
  const labelled = new Set(segments.flatMap((s) => (s.part ? [s.part] : [])));
  const parts = labelled.size >= 2 ? byLabels(segments) : byCues(segments);
  const restored: AnswerParts = {};
  for (const part of PART_NAMES) {
    const value = parts[part];
    if (value === undefined) continue;
    const text = restoreCode(value, blocks);
    if (text !== '') restored[part] = text;
  }
  return restored;
}
