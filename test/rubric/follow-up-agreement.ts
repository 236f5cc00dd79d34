import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { FollowUpRules } from '../../src/rubric/follow-up-kinds.ts';
import { type FollowUpVerdict, judgeFollowUp } from '../../src/rubric/follow-ups.ts';
import { followUpRules } from './fixtures.ts';

const VERDICTS = ['pass', 'partial', 'fail'] as const;

export const followUpEntrySchema = z.object({
  id: z.string().min(1),
  question: z.string().min(1),
  context: z.string().optional(),
  reply: z.string(),
  expected: z.enum(VERDICTS),
  style: z.union([z.string(), z.array(z.string())]).optional(),
  note: z.string().optional(),
});
export type FollowUpEntry = z.infer<typeof followUpEntrySchema> & { file: string };

/** A file's entries: a list, `{entries: [...]}`, or one object holding a single list of entries. */
function entriesIn(raw: unknown): unknown[] {
  if (Array.isArray(raw)) return raw;
  if (raw && typeof raw === 'object') {
    if ('reply' in raw) return [raw];
    const lists = Object.values(raw).filter(Array.isArray);
    if (lists.length === 1) return lists[0] as unknown[];
  }
  throw new Error('expected a list of entries');
}

export function loadFollowUpEntries(paths: readonly string[]): FollowUpEntry[] {
  return paths.flatMap((file) =>
    entriesIn(parse(readFileSync(file, 'utf8'))).map((raw, i) => {
      const parsed = followUpEntrySchema.safeParse(raw);
      if (!parsed.success) throw new Error(`${file} entry ${i}: ${parsed.error.message}`);
      return { ...parsed.data, file };
    }),
  );
}

export function yamlFilesIn(dir: string): string[] {
  try {
    return readdirSync(dir)
      .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
      .sort()
      .map((f) => join(dir, f));
  } catch {
    return [];
  }
}

/** 1 for the same verdict, 0.5 for a partial against a pass or a fail (either way round), 0 for pass vs fail. */
export function credit(expected: FollowUpVerdict, got: FollowUpVerdict): number {
  if (expected === got) return 1;
  return expected === 'partial' || got === 'partial' ? 0.5 : 0;
}

export interface Agreement {
  n: number;
  /** Mean credit: a partial against a pass/fail label counts half. */
  agreement: number;
  exact: number;
  /** Cohen's kappa on the three verdicts (exact agreement beyond chance). */
  kappa: number;
  /** The same with the half-credit weights, beyond chance. */
  weightedKappa: number;
  /** Always answering the most common label, scored the same way. */
  baseline: { verdict: FollowUpVerdict; agreement: number; kappa: number };
  confusion: Record<string, number>;
  misses: { entry: FollowUpEntry; got: FollowUpVerdict; reasons: string[] }[];
}

export function measure(
  entries: readonly FollowUpEntry[],
  rules: FollowUpRules = followUpRules(),
): Agreement {
  const graded = entries.map((entry) => ({ entry, ...judgeFollowUp(entry.reply, entry.question, rules) }));
  const n = graded.length;
  const share = (list: FollowUpVerdict[], v: FollowUpVerdict) => list.filter((x) => x === v).length / n;
  const expected = graded.map((g) => g.entry.expected);
  const got = graded.map((g) => g.verdict);
  const agreement = graded.reduce((s, g) => s + credit(g.entry.expected, g.verdict), 0) / n;
  const exact = graded.filter((g) => g.entry.expected === g.verdict).length / n;
  const chanceExact = VERDICTS.reduce((s, v) => s + share(expected, v) * share(got, v), 0);
  let chanceWeighted = 0;
  for (const a of VERDICTS)
    for (const b of VERDICTS) chanceWeighted += share(expected, a) * share(got, b) * credit(a, b);
  const kappaOf = (observed: number, chance: number) =>
    chance === 1 ? 1 : (observed - chance) / (1 - chance);
  const common = [...VERDICTS].sort((a, b) => share(expected, b) - share(expected, a))[0]!;
  const confusion: Record<string, number> = {};
  for (const g of graded) {
    const key = `${g.entry.expected}->${g.verdict}`;
    confusion[key] = (confusion[key] ?? 0) + 1;
  }
  return {
    n,
    agreement,
    exact,
    kappa: kappaOf(exact, chanceExact),
    weightedKappa: kappaOf(agreement, chanceWeighted),
    baseline: {
      verdict: common,
      agreement: expected.reduce((s, e) => s + credit(e, common), 0) / n,
      kappa: 0,
    },
    confusion,
    misses: graded
      .filter((g) => g.entry.expected !== g.verdict)
      .map((g) => ({ entry: g.entry, got: g.verdict, reasons: g.reasons })),
  };
}

/** The figures, and with `withMisses` each disagreement (never for the blind set: it stays unread). */
export function report(title: string, a: Agreement, withMisses = true): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  return [
    `${title}: ${a.n} replies`,
    `  agreement ${pct(a.agreement)} (partial against pass/fail counts half), exact ${pct(a.exact)}`,
    `  Cohen's kappa ${a.kappa.toFixed(2)}, weighted ${a.weightedKappa.toFixed(2)}`,
    `  baseline (always "${a.baseline.verdict}"): agreement ${pct(a.baseline.agreement)}, kappa 0`,
    `  expected->got: ${Object.entries(a.confusion)
      .map(([k, v]) => `${k} ${v}`)
      .join(', ')}`,
    ...(withMisses ? a.misses : []).map(
      (m) => `  - ${m.entry.id}: expected ${m.entry.expected}, got ${m.got}: ${m.reasons.join(' | ')}`,
    ),
  ].join('\n');
}
