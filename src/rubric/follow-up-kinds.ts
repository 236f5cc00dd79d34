import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { z } from 'zod';

/** The data file: kinds of follow-up question and the cues a reply is read for. */
export const FOLLOW_UP_KINDS_FILE = new URL('../../content/follow-up-kinds.yaml', import.meta.url).pathname;

const pattern = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .refine((source) => {
    try {
      new RegExp(source, 'i');
      return true;
    } catch {
      return false;
    }
  }, 'must be a valid regular expression');
const patterns = z.array(pattern).min(1);

const kindSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens'),
  name: z.string().trim().min(1),
  asks: patterns,
  /** Empty: the reply must take up the words the question asks about. */
  answeredBy: z.array(pattern),
  /** The answer is something the speaker did, so it must say what they did themselves. */
  actions: z.boolean().default(false),
  /** Used only when no other kind is found in the same clause of the question. */
  broad: z.boolean().default(false),
  /** Used only when the question asks nothing else: "Did it change anything? What did you do?" asks the second. */
  alone: z.boolean().default(false),
  /** Kinds an answer to this one also answers: "What would it have cost if...?" asks the cost, not a plan. */
  covers: z.array(z.string()).default([]),
  advice: z.string().trim().min(1),
});

const probeSchema = z.strictObject({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be lowercase words joined by hyphens'),
  weight: z.number().min(0).max(10),
  cues: z.array(pattern),
  /** Does not apply to a sentence holding a number. */
  unlessNumber: z.boolean().default(false),
  /** Does not apply to a sentence in which the speaker says "I". */
  unlessSpeaker: z.boolean().default(false),
  ask: z.string().trim().min(1),
});

export const followUpKindsFileSchema = z.strictObject({
  kinds: z.array(kindSchema).min(1),
  probes: z.array(probeSchema).min(1),
  reply: z.strictObject({
    handOff: patterns,
    handOffAsked: patterns,
    othersDid: patterns,
    blame: patterns,
    vague: patterns,
    evasive: patterns,
    /** Lines of space-separated words. */
    abstract: z.array(z.string().trim().min(1)).min(1),
  }),
});
export type FollowUpKindsFile = z.infer<typeof followUpKindsFileSchema>;

export interface FollowUpKind {
  id: string;
  name: string;
  asks: RegExp[];
  answeredBy: RegExp[];
  actions: boolean;
  broad: boolean;
  alone: boolean;
  covers: string[];
  advice: string;
}

export interface Probe {
  id: string;
  weight: number;
  cues: RegExp[];
  unlessNumber: boolean;
  unlessSpeaker: boolean;
  ask: string;
}

export interface FollowUpRules {
  kinds: FollowUpKind[];
  probes: Probe[];
  handOff: RegExp[];
  handOffAsked: RegExp[];
  othersDid: RegExp[];
  blame: RegExp[];
  vague: RegExp[];
  evasive: RegExp[];
  /** Lowercase words any story can use: not detail. */
  abstract: Set<string>;
}

/** The top-level alternatives of a pattern: "a|b(c|d)" is "a" and "b(c|d)". */
function alternatives(source: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\\') i++;
    else if (c === '(' || c === '[') depth++;
    else if (c === ')' || c === ']') depth--;
    else if (c === '|' && depth === 0) {
      out.push(source.slice(start, i));
      start = i + 1;
    }
  }
  out.push(source.slice(start));
  return out;
}

/** Each alternative on whole words: "\b" where it starts or ends with a letter, digit or group. */
function compile(source: string): RegExp {
  const bounded = alternatives(source).map((alt) => {
    const start = /^[A-Za-z0-9(]/.test(alt) ? '\\b' : '';
    const end = /(?:^|[^\\])[A-Za-z0-9)?]$/.test(alt) ? '\\b' : '';
    return `${start}(?:${alt})${end}`;
  });
  return new RegExp(bounded.join('|'), 'i');
}

export function compileRules(file: FollowUpKindsFile): FollowUpRules {
  const ids = new Set<string>();
  for (const kind of file.kinds) {
    if (ids.has(kind.id)) throw new Error(`follow-up-kinds.yaml: kinds: duplicate id "${kind.id}"`);
    ids.add(kind.id);
  }
  return {
    kinds: file.kinds.map((k) => ({
      ...k,
      asks: k.asks.map(compile),
      answeredBy: k.answeredBy.map(compile),
    })),
    probes: file.probes.map((p) => ({ ...p, cues: p.cues.map(compile) })),
    handOff: file.reply.handOff.map(compile),
    handOffAsked: file.reply.handOffAsked.map(compile),
    othersDid: file.reply.othersDid.map(compile),
    blame: file.reply.blame.map(compile),
    vague: file.reply.vague.map(compile),
    evasive: file.reply.evasive.map(compile),
    abstract: new Set(file.reply.abstract.flatMap((line) => line.toLowerCase().split(/\s+/))),
  };
}

/** Problems with the data file, one line each, for `content:check`; empty when it is valid. */
export function checkKindsFile(path = FOLLOW_UP_KINDS_FILE): string[] {
  let raw: unknown;
  try {
    raw = parse(readFileSync(path, 'utf8'));
  } catch (error) {
    return [
      `follow-up-kinds.yaml: cannot read YAML: ${error instanceof Error ? error.message : String(error)}`,
    ];
  }
  const result = followUpKindsFileSchema.safeParse(raw);
  if (!result.success)
    return result.error.issues.map(
      (issue) => `follow-up-kinds.yaml: ${issue.path.map(String).join('.') || '(root)'}: ${issue.message}`,
    );
  try {
    compileRules(result.data);
  } catch (error) {
    return [error instanceof Error ? error.message : String(error)];
  }
  return [];
}

let loaded: FollowUpRules | undefined;

/**
 * The rules from content/follow-up-kinds.yaml, read once: they are fixed data shipped with the code, like the
 * lexicon, so grading stays a pure function of the reply and the question.
 */
export function followUpRules(): FollowUpRules {
  if (!loaded) {
    const problems = checkKindsFile();
    if (problems.length > 0) throw new Error(`Content is invalid:\n  - ${problems.join('\n  - ')}`);
    loaded = compileRules(followUpKindsFileSchema.parse(parse(readFileSync(FOLLOW_UP_KINDS_FILE, 'utf8'))));
  }
  return loaded;
}

/**
 * The kinds a question asks, clause by clause ("What was the hardest part, and how did you get past it?" asks two
 * things). A broad kind counts only in a clause where no other kind was found.
 */
export function kindsOf(question: string, rules: FollowUpRules = followUpRules()): FollowUpKind[] {
  // "A two-person check slows everything down. Why was it the right fix?": the statement sets the scene, the
  // question asks.
  const sentences = question.split(/(?<=[.?!])\s+/);
  const asking = sentences.filter((s) => s.trim().endsWith('?'));
  const clauses = (asking.length > 0 ? asking : sentences)
    .join(' ')
    .split(/[?;]|,? and (?=how|what|why|which|who|when|did|do|was|were|have)|\. /i)
    .map((c) => c.trim())
    .filter((c) => c !== '');
  const found: FollowUpKind[] = [];
  for (const clause of clauses) {
    const matching = rules.kinds.filter((k) => k.asks.some((re) => re.test(clause)));
    const specific = matching.filter((k) => !k.broad);
    for (const kind of specific.length > 0 ? specific : matching) if (!found.includes(kind)) found.push(kind);
  }
  const covered = new Set(found.flatMap((k) => k.covers));
  const asked = found.filter((k) => !covered.has(k.id));
  const others = asked.filter((k) => !k.alone);
  return others.length > 0 ? others : asked;
}
