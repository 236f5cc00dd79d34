import { type CriterionId, PART_NAMES, type PartName } from '../content/schema.ts';
import type { Band } from '../rubric/types.ts';
import type { SessionState } from './types.ts';

/** A story as stored: what the person named and tagged it; its versions are finished sessions. */
export interface StoredStory {
  id: string;
  /** What the person types to name it: 1, 2, 3… per person. */
  number: number;
  title: string;
  /** Principle ids the person tagged the story with, beyond those it was practised for. */
  tags: string[];
  retiredAt: number | null;
  createdAt: number;
  /** Versions, oldest first. */
  sessionIds: string[];
}

/** A finished session as the story bank reads it. */
export interface StorySession {
  id: string;
  principleId: string;
  status: SessionState['status'];
  state: Pick<SessionState, 'parts' | 'evaluation' | 'storyId'>;
  updatedAt: number;
}

/** A story with what its versions show: what the person sees in the story bank. */
export interface StoryView {
  id: string;
  number: number;
  title: string;
  /** Principles it was practised for, then those it was tagged with; no repeats. */
  principles: string[];
  practisedFor: string[];
  tags: string[];
  bestBand: Band | null;
  bestScore: number | null;
  /** Criteria the latest graded version failed first, then those it half met. */
  weakestCriteria: CriterionId[];
  lastPractisedAt: number | null;
  versions: number;
  /** Its versions' session ids, oldest first. */
  sessionIds: string[];
  /** The newest version's parts, for suggestions and reminders. */
  latestParts: Partial<Record<PartName, string>>;
  retired: boolean;
}

export const TITLE_MAX = 60;
const TITLE_MIN_CLAUSE = 20;
const MAX_WEAKEST = 3;

const BAND_ORDER: readonly Band[] = [
  'strongly-not-inclined',
  'not-inclined',
  'inclined',
  'strongly-inclined',
];
export const bandRank = (band: Band | null) => (band === null ? -1 : BAND_ORDER.indexOf(band));
/** Inclined or better: a story an interviewer would write up in favour. */
export const isStrongBand = (band: Band | null) => bandRank(band) >= BAND_ORDER.indexOf('inclined');

/** "Situation: So, last year…" -> "last year…": labels and filler words say nothing about the story. */
function stripLead(text: string): string {
  return text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^\**\s*(situation|s)\s*\**\s*[:.)-]\s*/i, '')
    .replace(/^(so|well|okay|ok|right|um|uh)\b[,\s]*/i, '')
    .trim();
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Cuts a long clause at a natural break between 20 and 60 characters, else at a word with an ellipsis. */
function shorten(text: string, max: number): string {
  if (text.length <= max) return text;
  const head = text.slice(0, max);
  const breaks = [...head.matchAll(/[,;:(–—]|\s-\s/g)].map((m) => m.index ?? 0);
  const clause = breaks.filter((i) => i >= TITLE_MIN_CLAUSE).at(-1);
  if (clause !== undefined) return text.slice(0, clause).trim();
  const space = head.slice(0, max - 1).lastIndexOf(' ');
  return `${(space > TITLE_MIN_CLAUSE ? head.slice(0, space) : head.slice(0, max - 1)).trim()}…`;
}

/**
 * A story's default title: the first clause of the person's Situation (the first sentence, cut at a natural
 * break when longer), at most 60 characters. Without a Situation, the first part there is.
 */
export function storyTitle(parts: Partial<Record<PartName, string>>, fallback = 'Untitled story'): string {
  const source = PART_NAMES.map((p) => stripLead(parts[p] ?? '')).find((t) => t !== '');
  if (!source) return fallback;
  const sentence = /^(.+?[.!?])(\s|$)/.exec(source)?.[1] ?? source;
  const clause = shorten(sentence.replace(/[.!?]+$/, '').trim(), TITLE_MAX);
  return capitalise(clause) || fallback;
}

/** A title the person typed: one line, trimmed, at most 60 characters; undefined when empty. */
export function cleanTitle(text: string): string | undefined {
  const flat = text
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/^["'“]|["'”]$/g, '');
  if (flat === '') return undefined;
  return flat.length <= TITLE_MAX ? flat : `${flat.slice(0, TITLE_MAX - 1).trim()}…`;
}

function weakest(state: StorySession['state']): CriterionId[] {
  const criteria = state.evaluation?.criteria ?? [];
  const of = (verdict: string) => criteria.filter((c) => c.verdict === verdict).map((c) => c.id);
  return [...of('fail'), ...of('partial')].slice(0, MAX_WEAKEST);
}

const unique = <T>(items: T[]) => [...new Set(items)];

/** What a stored story's versions show. Sessions that are not its versions are ignored. */
export function viewStory(story: StoredStory, sessions: ReadonlyMap<string, StorySession>): StoryView {
  const versions = story.sessionIds
    .map((id) => sessions.get(id))
    .filter((s): s is StorySession => s !== undefined);
  const graded = versions.filter((v) => v.state.evaluation);
  const best = graded.reduce<StorySession | undefined>((top, v) => {
    const score = v.state.evaluation?.overall.score ?? -1;
    return !top || score > (top.state.evaluation?.overall.score ?? -1) ? v : top;
  }, undefined);
  const latest = versions.at(-1);
  const latestGraded = graded.at(-1);
  const practisedFor = unique(versions.map((v) => v.principleId));
  const tags = story.tags.filter((t) => !practisedFor.includes(t));
  return {
    id: story.id,
    number: story.number,
    title: story.title,
    principles: [...practisedFor, ...tags],
    practisedFor,
    tags,
    bestBand: best?.state.evaluation?.overall.band ?? null,
    bestScore: best?.state.evaluation?.overall.score ?? null,
    weakestCriteria: latestGraded ? weakest(latestGraded.state) : [],
    lastPractisedAt: versions.length ? Math.max(...versions.map((v) => v.updatedAt)) : null,
    versions: versions.length,
    sessionIds: versions.map((v) => v.id),
    latestParts: latest?.state.parts ?? {},
    retired: story.retiredAt !== null,
  };
}

/** Stories in the order people read them: the strongest first, then the most recently practised. */
export function orderStories(views: StoryView[]): StoryView[] {
  return [...views].sort(
    (a, b) =>
      Number(a.retired) - Number(b.retired) ||
      bandRank(b.bestBand) - bandRank(a.bestBand) ||
      (b.lastPractisedAt ?? 0) - (a.lastPractisedAt ?? 0) ||
      a.number - b.number,
  );
}

/** A finished session to file as a story version: into the story it was told as, or a new one. */
export interface PendingVersion {
  sessionId: string;
  storyId: string;
  /** The title a new story gets; ignored when the story exists. */
  title: string;
  createdAt: number;
}

/** The story id a session without one files under: stable, so filing twice (two processes) files once. */
export const storyIdForSession = (sessionId: string) => `story-${sessionId}`;

/**
 * Completed sessions not yet filed under a story. A session told as an existing story (retry, "use one of
 * your stories") joins it while it exists; any other session starts a story of its own.
 */
export function pendingVersions(sessions: StorySession[], stories: StoredStory[]): PendingVersion[] {
  const filed = new Set(stories.flatMap((s) => s.sessionIds));
  const existing = new Set(stories.map((s) => s.id));
  return sessions
    .filter((s) => s.status === 'completed' && !filed.has(s.id))
    .sort((a, b) => a.updatedAt - b.updatedAt)
    .map((s) => {
      const wanted = s.state.storyId;
      const storyId = wanted && existing.has(wanted) ? wanted : storyIdForSession(s.id);
      return { sessionId: s.id, storyId, title: storyTitle(s.state.parts), createdAt: s.updatedAt };
    });
}

/** The story a person means by "3", "#3" or "story 3". */
export function findStory<T extends { number: number }>(stories: T[], query: string): T | undefined {
  const match = /^(?:story\s*)?#?\s*(\d{1,6})$/i.exec(query.trim());
  if (!match) return undefined;
  const number = Number(match[1]);
  return stories.find((s) => s.number === number);
}

/** "story 3", "use story 3", "use 3": telling story 3 for the question just started. */
export function parseUseStory(text: string): number | undefined {
  const match = /^(?:use\s+)?(?:(?:my\s+)?story\s*)#?(\d{1,6})[.!]?$|^use\s+#?(\d{1,6})[.!]?$/i.exec(
    text.trim(),
  );
  const digits = match?.[1] ?? match?.[2];
  return digits === undefined ? undefined : Number(digits);
}

const STOP_WORDS = new Set(
  (
    'the a an and or but of to in on at for with from by as is was were be been it its this that these those ' +
    'i we my our me us you your he she they them their his her had has have did do does so then than there ' +
    'which who what when where why how not no into out up about over after before because while also just'
  ).split(' '),
);

function contentWords(text: string): Set<string> {
  const words = text.toLowerCase().match(/[a-z0-9][a-z0-9%$£€.,']*[a-z0-9%]|[a-z0-9]/g) ?? [];
  return new Set(words.map((w) => w.replace(/[,']/g, '')).filter((w) => w.length > 2 && !STOP_WORDS.has(w)));
}

/** How much of the smaller answer's vocabulary the other shares (0..1): retold stories share most of theirs. */
export function storyOverlap(a: string, b: string): number {
  const x = contentWords(a);
  const y = contentWords(b);
  const smaller = Math.min(x.size, y.size);
  if (smaller === 0) return 0;
  let shared = 0;
  for (const word of x) if (y.has(word)) shared += 1;
  return shared / smaller;
}

/** Numbers carry the most identity in a story: "$8K a week", "0.3%", "1,800 partners". */
function numbers(text: string): Set<string> {
  return new Set((text.match(/\d[\d,.]*%?/g) ?? []).map((n) => n.replace(/[,.]$/, '').replace(/,/g, '')));
}

const SAME_STORY = { overlap: 0.5, sharedNumbersOverlap: 0.3, minWords: 12 };

/**
 * Whether two answers tell the same story (for warnings such as "you told this story twice in one loop"):
 * they share half the smaller answer's content words, or a third of them plus two of the same numbers.
 * Pure and symmetric; short answers never match, since they carry too little to tell.
 */
export function isSameStory(a: string, b: string): boolean {
  if (contentWords(a).size < SAME_STORY.minWords || contentWords(b).size < SAME_STORY.minWords) return false;
  const overlap = storyOverlap(a, b);
  if (overlap >= SAME_STORY.overlap) return true;
  const nx = numbers(a);
  const sharedNumbers = [...numbers(b)].filter((n) => nx.has(n)).length;
  return overlap >= SAME_STORY.sharedNumbersOverlap && sharedNumbers >= 2;
}

/** A whole answer as one text, for comparing stories. */
export const answerText = (parts: Partial<Record<PartName, string>>) =>
  PART_NAMES.map((p) => parts[p] ?? '')
    .filter(Boolean)
    .join('\n');
