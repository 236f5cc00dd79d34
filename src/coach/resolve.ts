import type { ContentBank } from '../content/load.ts';
import type { Principle, Question } from '../content/schema.ts';

/** Lowercase letters and digits only, so "Dive Deep", "dive-deep" and "DIVE_DEEP!" compare equal. */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '');
}

export function findPrinciple(bank: ContentBank, query: string): Principle | undefined {
  const key = normalise(query);
  if (key === '') return undefined;
  return bank.principles.find((p) => normalise(p.id) === key || normalise(p.name) === key);
}

export function findQuestion(bank: ContentBank, query: string): Question | undefined {
  const trimmed = query.trim().toLowerCase();
  return bank.questions.find((q) => q.id === trimmed);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j]! + 1, current[j - 1]! + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length]!;
}

/** The closest known word (principle id, question id or command) to what the user typed, if any is close enough. */
export function closestMatch(query: string, candidates: readonly string[]): string | undefined {
  const key = normalise(query);
  if (key === '') return undefined;
  // The edit distance is at least the difference in length, so a text longer than every candidate plus its
  // allowance can match nothing: skip the quadratic work (a 40 000-character paste took a third of a second).
  const longest = Math.max(...candidates.map((c) => normalise(c).length));
  if (key.length > longest + Math.max(2, Math.floor(longest / 3))) return undefined;
  let best: { candidate: string; distance: number } | undefined;
  for (const candidate of candidates) {
    const normalised = normalise(candidate);
    const distance = normalised.startsWith(key) && key.length >= 3 ? 0 : editDistance(key, normalised);
    if (!best || distance < best.distance) best = { candidate, distance };
  }
  if (!best) return undefined;
  const allowed = Math.max(2, Math.floor(normalise(best.candidate).length / 3));
  return best.distance <= allowed ? best.candidate : undefined;
}

export function questionsFor(bank: ContentBank, principleId: string): Question[] {
  return bank.questions.filter((q) => q.principle === principleId);
}
