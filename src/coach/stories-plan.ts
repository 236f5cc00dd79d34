import type { Principle } from '../content/schema.ts';
import { closestMatch, normalise } from './resolve.ts';
import { bandRank, isStrongBand, type StoryView } from './stories.ts';

/** How well a principle is covered: a story inclined or better, only weaker ones, or none. */
export type Coverage = 'strong' | 'weak' | 'none';

export interface CoverageRow {
  principleId: string;
  name: string;
  coverage: Coverage;
  /** Stories told or tagged for this principle, strongest first. */
  stories: StoryView[];
}

export interface CoverageMatrix {
  /** Gaps first, then principles with only a weak story, then covered ones; pack order within each. */
  rows: CoverageRow[];
  gaps: string[];
  weak: string[];
  strong: string[];
}

const COVERAGE_ORDER: Coverage[] = ['none', 'weak', 'strong'];

const strongestFirst = (a: StoryView, b: StoryView) =>
  bandRank(b.bestBand) - bandRank(a.bestBand) ||
  (b.bestScore ?? -1) - (a.bestScore ?? -1) ||
  a.number - b.number;

const coverageOf = (stories: StoryView[]): Coverage =>
  stories.length === 0 ? 'none' : stories.some((s) => isStrongBand(s.bestBand)) ? 'strong' : 'weak';

/** The principles of the person's pack against their stories (retired ones left out), gaps named first. */
export function coverageMatrix(principles: Principle[], stories: StoryView[]): CoverageMatrix {
  const live = stories.filter((s) => !s.retired);
  const byPackOrder = principles.map((p): CoverageRow => {
    const covering = live.filter((s) => s.principles.includes(p.id)).sort(strongestFirst);
    return { principleId: p.id, name: p.name, coverage: coverageOf(covering), stories: covering };
  });
  const rows = COVERAGE_ORDER.flatMap((c) => byPackOrder.filter((r) => r.coverage === c));
  const ids = (c: Coverage) => rows.filter((r) => r.coverage === c).map((r) => r.principleId);
  return { rows, gaps: ids('none'), weak: ids('weak'), strong: ids('strong') };
}

/** A common interview loop: which principles its interviewers usually cover between them. */
export interface LoopPreset {
  id: string;
  name: string;
  principles: string[];
}

const CORE = ['customer-obsession', 'ownership', 'dive-deep', 'deliver-results'];
export const LOOP_PRESETS: LoopPreset[] = [
  { id: 'screen', name: 'Phone screen (1 interviewer)', principles: ['customer-obsession', 'ownership'] },
  {
    id: 'loop-4',
    name: '4-interviewer loop (two principles each)',
    principles: [
      ...CORE,
      'bias-for-action',
      'earn-trust',
      'have-backbone-disagree-and-commit',
      'invent-and-simplify',
    ],
  },
  {
    id: 'loop-5',
    name: '5-interviewer loop with a bar raiser (two principles each)',
    principles: [
      ...CORE,
      'bias-for-action',
      'earn-trust',
      'have-backbone-disagree-and-commit',
      'invent-and-simplify',
      'learn-and-be-curious',
      'insist-on-the-highest-standards',
    ],
  },
  {
    id: 'manager-loop',
    name: 'Manager loop (5 interviewers)',
    principles: [
      ...CORE,
      'hire-and-develop-the-best',
      'think-big',
      'earn-trust',
      'have-backbone-disagree-and-commit',
      'are-right-a-lot',
      'strive-to-be-earths-best-employer',
    ],
  },
];

const PRESET_ALIASES: Record<string, string> = { '4': 'loop-4', '5': 'loop-5', '1': 'screen' };

/** The presets whose principles are all in the person's pack. */
export function presetsFor(principles: Principle[]): LoopPreset[] {
  const ids = new Set(principles.map((p) => p.id));
  return LOOP_PRESETS.filter((preset) => preset.principles.every((id) => ids.has(id)));
}

export type PlanTargets =
  | { ok: true; principleIds: string[]; preset?: LoopPreset }
  | { ok: false; unknown: { input: string; suggestion?: string }[] }
  | { ok: false; empty: true };

/**
 * "dive-deep, Ownership, earn trust" or a preset ("loop-4", "4") -> principle ids of the pack, in the order
 * given, without repeats. Each unknown name comes back with the closest principle or preset, when one is close.
 */
export function resolvePlanTargets(input: string, principles: Principle[]): PlanTargets {
  const items = input
    .split(/[,;\n]+/)
    .map((s) => s.trim())
    .filter(Boolean);
  if (items.length === 0) return { ok: false, empty: true };
  const presets = presetsFor(principles);
  const ids: string[] = [];
  const unknown: { input: string; suggestion?: string }[] = [];
  let preset: LoopPreset | undefined;
  for (const item of items) {
    const key = normalise(item);
    const named = presets.find((p) => normalise(p.id) === normalise(PRESET_ALIASES[key] ?? item));
    if (named) {
      preset = named;
      ids.push(...named.principles);
      continue;
    }
    const principle = principles.find((p) => normalise(p.id) === key || normalise(p.name) === key);
    if (principle) {
      ids.push(principle.id);
      continue;
    }
    const candidates = [...principles.flatMap((p) => [p.id, p.name]), ...presets.map((p) => p.id)];
    const guess = closestMatch(item, candidates);
    const suggestion = principles.find((p) => p.name === guess)?.id ?? guess;
    unknown.push({ input: item, ...(suggestion ? { suggestion } : {}) });
  }
  if (unknown.length > 0) return { ok: false, unknown };
  const unique = [...new Set(ids)];
  return items.length === 1 && preset
    ? { ok: true, principleIds: unique, preset }
    : { ok: true, principleIds: unique };
}

export interface PlanSlot {
  principleId: string;
  /** The story to tell for this principle; null when none is left. */
  story: StoryView | null;
  coverage: Coverage;
  /** Stories that would fit but are told for another principle of the loop. */
  takenElsewhere: StoryView[];
}

export interface LoopPlan {
  slots: PlanSlot[];
  /** Principles with no story to tell in this loop. */
  gaps: string[];
  /** Principles whose story is weak (not inclined or worse, or never graded). */
  weak: string[];
}

/** Weight of telling a story for a principle: covering at all first, then a strong band, then the score. */
function weight(story: StoryView, principleId: string): number {
  if (!story.principles.includes(principleId)) return 0;
  return 1_000 + (isStrongBand(story.bestBand) ? 500 : 0) + (story.bestScore ?? 0);
}

/** Maximum-weight assignment of rows to columns (Hungarian algorithm on a square cost matrix). */
function assign(weights: number[][]): number[] {
  const n = Math.max(weights.length, ...weights.map((r) => r.length), 0);
  const top = Math.max(0, ...weights.flat());
  const cost = (i: number, j: number) => top - (weights[i - 1]?.[j - 1] ?? 0);
  const u = new Array<number>(n + 1).fill(0);
  const v = new Array<number>(n + 1).fill(0);
  const p = new Array<number>(n + 1).fill(0);
  const way = new Array<number>(n + 1).fill(0);
  for (let i = 1; i <= n; i++) {
    p[0] = i;
    let j0 = 0;
    const minv = new Array<number>(n + 1).fill(Number.POSITIVE_INFINITY);
    const used = new Array<boolean>(n + 1).fill(false);
    do {
      used[j0] = true;
      const i0 = p[j0]!;
      let delta = Number.POSITIVE_INFINITY;
      let j1 = 0;
      for (let j = 1; j <= n; j++) {
        if (used[j]) continue;
        const cur = cost(i0, j) - u[i0]! - v[j]!;
        if (cur < minv[j]!) {
          minv[j] = cur;
          way[j] = j0;
        }
        if (minv[j]! < delta) {
          delta = minv[j]!;
          j1 = j;
        }
      }
      for (let j = 0; j <= n; j++) {
        if (used[j]) {
          u[p[j]!]! += delta;
          v[j]! -= delta;
        } else minv[j]! -= delta;
      }
      j0 = j1;
    } while (p[j0] !== 0);
    do {
      const j1 = way[j0]!;
      p[j0] = p[j1]!;
      j0 = j1;
    } while (j0 !== 0);
  }
  const columnOfRow = new Array<number>(weights.length).fill(-1);
  for (let j = 1; j <= n; j++) if (p[j]! >= 1 && p[j]! <= weights.length) columnOfRow[p[j]! - 1] = j - 1;
  return columnOfRow;
}

/**
 * One story per principle of the loop, never the same story twice, covering as many principles as possible
 * and preferring the strongest stories. Retired stories are not told.
 */
export function planLoop(principleIds: string[], stories: StoryView[]): LoopPlan {
  const live = stories.filter((s) => !s.retired);
  const columns = assign(principleIds.map((id) => live.map((s) => weight(s, id))));
  const slots = principleIds.map((principleId, row): PlanSlot => {
    const column = columns[row] ?? -1;
    const candidate = column >= 0 ? live[column] : undefined;
    const story = candidate && weight(candidate, principleId) > 0 ? candidate : null;
    const takenElsewhere = story
      ? []
      : live.filter((s) => s.principles.includes(principleId)).sort(strongestFirst);
    return { principleId, story, coverage: story ? coverageOf([story]) : 'none', takenElsewhere };
  });
  return {
    slots,
    gaps: slots.filter((s) => s.coverage === 'none').map((s) => s.principleId),
    weak: slots.filter((s) => s.coverage === 'weak').map((s) => s.principleId),
  };
}
