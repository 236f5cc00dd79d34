import { closestMatch, findPrinciple, findQuestion } from '../coach/resolve.ts';
import { parseFamily, parsePack } from '../coach/settings.ts';
import type { ContentBank } from '../content/load.ts';
import type { JobFamilyId } from '../content/schema.ts';

/** A command-line mistake: the message is shown with the usage, and the command exits with code 2. */
export class UsageError extends Error {}

/** `value` when it is one of `allowed`; a UsageError naming the choices otherwise. */
export function oneOf<T extends string>(
  value: string | undefined,
  allowed: readonly T[],
  what: string,
): T | undefined {
  if (value === undefined) return undefined;
  const match = allowed.find((a) => a === value);
  if (!match) throw new UsageError(`Unknown ${what} "${value}": use one of ${allowed.join(', ')}.`);
  return match;
}

const didYouMean = (value: string, candidates: string[]) => {
  const guess = closestMatch(value, candidates);
  return guess ? ` Did you mean "${guess}"?` : '';
};

export function questionIdFrom(bank: ContentBank, value: string): string {
  const question = findQuestion(bank, value);
  if (!question)
    throw new UsageError(
      `Unknown question "${value}".${didYouMean(
        value,
        bank.questions.map((q) => q.id),
      )}`,
    );
  return question.id;
}

/** `--family ID` (or `--family off`); unknown ids are a UsageError listing the ids. */
export function familyFrom(value: string): JobFamilyId | null {
  const parsed = parseFamily(value);
  if (!parsed.ok) throw new UsageError(parsed.problem.replace(/`family off`/, '`--family off`'));
  return parsed.value;
}

/** `--pack ID` (or `--pack default`); unknown ids are a UsageError listing the packs. */
export function packFrom(bank: ContentBank, value: string): string | null {
  const parsed = parsePack(bank, value);
  if (!parsed.ok) throw new UsageError(parsed.problem.replace(/`pack off`/, '`--pack default`'));
  return parsed.value;
}

export function principleIdFrom(bank: ContentBank, value: string): string {
  const principle = findPrinciple(bank, value);
  if (!principle)
    throw new UsageError(
      `Unknown principle "${value}".${didYouMean(
        value,
        bank.principles.map((p) => p.id),
      )}`,
    );
  return principle.id;
}
