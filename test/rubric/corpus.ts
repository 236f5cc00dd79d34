import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { z } from 'zod';
import type { ContentBank } from '../../src/content/load.ts';
import { CRITERION_IDS, type CriterionId, LEVELS, PART_NAMES } from '../../src/content/schema.ts';
import { grade } from '../../src/rubric/index.ts';
import type { GradeResult, Verdict } from '../../src/rubric/types.ts';

const verdict = z.enum(['pass', 'partial', 'fail', 'n/a']);
export const STYLES = ['non-native', 'present-tense', 'habitual', 'hypothetical'] as const;
const entrySchema = z
  .object({
    id: z.string(),
    text: z.string().optional(),
    parts: z.partialRecord(z.enum(PART_NAMES), z.string()).optional(),
    question: z.string().optional(),
    section: z.enum(PART_NAMES).optional(),
    level: z.enum(LEVELS).optional(),
    /** Job family, such as healthcare or logistics: agreement is also reported per family. */
    family: z.string().optional(),
    /** How the answer is told: agreement is also reported for the non-native and present-tense subsets. */
    style: z.array(z.enum(STYLES)).optional(),
    expected: z.record(z.enum(CRITERION_IDS), verdict),
    /** The coach's overall call: strong means a band of inclined or strongly inclined. */
    overall: z.enum(['strong', 'weak']).optional(),
    note: z.string(),
  })
  .refine((e) => (e.text === undefined) !== (e.parts === undefined), 'needs exactly one of text or parts');
export type CorpusEntry = z.infer<typeof entrySchema> & { file: string };

export const CORPUS_DIR = new URL('./corpus/', import.meta.url).pathname;

/** Every corpus entry, with the file it came from. */
export function loadCorpus(dir = CORPUS_DIR): CorpusEntry[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort();
  return files.flatMap((file) => {
    const raw: unknown = parse(readFileSync(join(dir, file), 'utf8'));
    return z
      .array(entrySchema)
      .parse(raw)
      .map((entry) => ({ ...entry, file }));
  });
}

export interface Comparison {
  entry: CorpusEntry;
  criterion: CriterionId;
  expected: Verdict;
  got: Verdict;
}

export function compareEntry(entry: CorpusEntry, bank: ContentBank): Comparison[] {
  return compareGraded(entry, gradeEntry(entry, bank));
}

export function gradeEntry(entry: CorpusEntry, bank: ContentBank): GradeResult {
  return grade(entry.text ?? entry.parts ?? '', bank, {
    ...(entry.question ? { questionId: entry.question } : {}),
    ...(entry.section ? { section: entry.section } : {}),
    ...(entry.level ? { level: entry.level } : {}),
  });
}

export function compareGraded(entry: CorpusEntry, result: GradeResult): Comparison[] {
  return CRITERION_IDS.map((criterion) => ({
    entry,
    criterion,
    expected: entry.expected[criterion] ?? 'n/a',
    got: result.criteria.find((c) => c.id === criterion)?.verdict ?? 'n/a',
  }));
}

const ORDER: Record<Verdict, number> = { fail: 0, partial: 1, pass: 2, 'n/a': -10 };

/** 1 for the same verdict, 0.5 for neighbours (pass/partial or partial/fail), else 0. */
export function adjacentCredit(expected: Verdict, got: Verdict): number {
  if (expected === got) return 1;
  return Math.abs(ORDER[expected] - ORDER[got]) === 1 ? 0.5 : 0;
}

export interface AgreementRow {
  criterion: CriterionId | 'overall';
  n: number;
  exact: number;
  adjacent: number;
}

/** Exact and adjacent agreement per criterion (n/a-vs-n/a pairs are left out) and overall. */
export function agreementTable(comparisons: readonly Comparison[]): AgreementRow[] {
  const judged = comparisons.filter((c) => !(c.expected === 'n/a' && c.got === 'n/a'));
  const row = (criterion: AgreementRow['criterion'], items: readonly Comparison[]): AgreementRow => ({
    criterion,
    n: items.length,
    exact: items.length === 0 ? 1 : items.filter((c) => c.expected === c.got).length / items.length,
    adjacent:
      items.length === 0
        ? 1
        : items.reduce((s, c) => s + adjacentCredit(c.expected, c.got), 0) / items.length,
  });
  return [
    ...CRITERION_IDS.map((id) =>
      row(
        id,
        judged.filter((c) => c.criterion === id),
      ),
    ),
    row('overall', judged),
  ];
}

export function formatTable(rows: readonly AgreementRow[]): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  const lines = rows.map(
    (r) => `${r.criterion.padEnd(20)} ${String(r.n).padStart(4)} ${pct(r.exact)} ${pct(r.adjacent)}`,
  );
  return [
    `${'criterion'.padEnd(20)} ${'n'.padStart(4)} ${'exact'.padStart(7)} ${'adjac.'.padStart(7)}`,
    ...lines,
  ].join('\n');
}
