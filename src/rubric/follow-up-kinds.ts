import type { FollowUpKindsFile } from '../content/schema.ts';

export interface FollowUpKind {
  id: string;
  name: string;
  asks: RegExp[];
  answeredBy: RegExp[];
  checkedBy: RegExp[];
  actions: boolean;
  evidence: boolean;
  named: boolean;
  plans: boolean;
  talk: boolean;
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

const compiled = new WeakMap<FollowUpKindsFile, FollowUpRules>();

/**
 * The rules of a validated follow-up-kinds.yaml (the content loader reads and checks it), compiled once per
 * loaded file: grading stays a pure function of the reply, the question and these rules.
 */
export function compileRules(file: FollowUpKindsFile): FollowUpRules {
  const known = compiled.get(file);
  if (known) return known;
  const rules: FollowUpRules = {
    kinds: file.kinds.map((k) => ({
      ...k,
      asks: k.asks.map(compile),
      answeredBy: k.answeredBy.map(compile),
      checkedBy: k.checkedBy.map(compile),
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
  compiled.set(file, rules);
  return rules;
}

/**
 * The kinds a question asks, clause by clause ("What was the hardest part, and how did you get past it?" asks two
 * things). A broad kind counts only in a clause where no other kind was found.
 */
/** The clauses of a question that ask something: "What did you try, and why that?" asks two things. */
function clausesOf(question: string): string[] {
  // "A two-person check slows everything down. Why was it the right fix?": the statement sets the scene, the
  // question asks.
  const sentences = question.split(/(?<=[.?!])\s+/);
  const asking = sentences.filter((s) => s.trim().endsWith('?'));
  return (asking.length > 0 ? asking : sentences)
    .join(' ')
    .split(/[?;]|,? and (?=how|what|why|which|who|when|did|do|was|were|have)|\. /i)
    .map((c) => c.trim())
    .filter((c) => c !== '');
}

/** The clauses of a question that ask nothing of a known kind: "what did you try" in "What did you try, and why?". */
export function clausesOfNoKind(question: string, rules: FollowUpRules): string[] {
  return clausesOf(question).filter((c) => !rules.kinds.some((k) => k.asks.some((re) => re.test(c))));
}

export function kindsOf(question: string, rules: FollowUpRules): FollowUpKind[] {
  const clauses = clausesOf(question);
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
