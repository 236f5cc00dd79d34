import type { ContentBank } from './load.ts';
import { packOfPrinciple, questionFile } from './packs.ts';

export const MIN_QUESTIONS_PER_PRINCIPLE = 3;
/** Slack section text holds 3 000 characters; leave room for the label and formatting around each field. */
export const MAX_FIELD_CHARS = 2_500;
const NEAR_DUPLICATE = 0.6;

export interface ContentProblem {
  file: string;
  problem: string;
}

const STOP = new Set(
  'a an and the of to in on for with your you was were is it that this when time tell me about describe'.split(
    ' ',
  ),
);
function words(text: string): Set<string> {
  return new Set(
    text
      .toLowerCase()
      .split(/[^a-z0-9']+/)
      .filter((w) => w.length > 2 && !STOP.has(w)),
  );
}

/** Jaccard similarity of the meaningful words of two question wordings. */
export function similarity(a: string, b: string): number {
  const x = words(a);
  const y = words(b);
  const shared = [...x].filter((w) => y.has(w)).length;
  const union = new Set([...x, ...y]).size;
  return union === 0 ? 1 : shared / union;
}

function* textFields(value: unknown, path: string): Generator<[string, string]> {
  if (typeof value === 'string') yield [path, value];
  else if (Array.isArray(value)) for (const [i, v] of value.entries()) yield* textFields(v, `${path}[${i}]`);
  else if (value && typeof value === 'object') {
    for (const [k, v] of Object.entries(value)) yield* textFields(v, path ? `${path}.${k}` : k);
  }
}

/** Bank-wide checks the schema cannot express: coverage, duplicates and lengths that render in Slack. */
export function checkBank(bank: ContentBank): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const fileOf = (q: ContentBank['questions'][number]) => questionFile(bank, q);
  for (const p of bank.principles) {
    const count = bank.questions.filter((q) => q.principle === p.id).length;
    if (count < MIN_QUESTIONS_PER_PRINCIPLE) {
      problems.push({
        file: `packs/${packOfPrinciple(bank, p.id)?.id}/questions/${p.id}/`,
        problem: `has ${count} question(s); every principle needs ${MIN_QUESTIONS_PER_PRINCIPLE}`,
      });
    }
  }
  bank.questions.forEach((q, i) => {
    for (const other of bank.questions.slice(i + 1)) {
      if (
        q.question.trim().toLowerCase() === other.question.trim().toLowerCase() ||
        similarity(q.question, other.question) >= NEAR_DUPLICATE
      ) {
        problems.push({ file: fileOf(q), problem: `question is a near-duplicate of ${fileOf(other)}` });
      }
    }
    for (const [path, text] of textFields(q, '')) {
      if (text.length > MAX_FIELD_CHARS)
        problems.push({
          file: fileOf(q),
          problem: `${path} is ${text.length} characters (max ${MAX_FIELD_CHARS})`,
        });
    }
  });
  return problems;
}
