import { findPrinciple } from '../coach/resolve.ts';
import { type ScoreView, viewOf } from '../coach/score-view.ts';
import {
  cleanTitle,
  findStory,
  orderStories,
  pendingVersions,
  type StorySession,
  type StoryView,
  viewStory,
} from '../coach/stories.ts';
import {
  type CoverageMatrix,
  coverageMatrix,
  type LoopPlan,
  type LoopPreset,
  planLoop,
  presetsFor,
  resolvePlanTargets,
} from '../coach/stories-plan.ts';
import { type Suggestion, suggestPrinciples } from '../coach/stories-suggest.ts';
import type { ContentBank, Pack } from '../content/load.ts';
import { findPack, packIdFor } from '../content/packs.ts';
import type { Principle } from '../content/schema.ts';
import type { Store, UserKey, UserProfile } from '../store/types.ts';

export interface StoryBankDeps {
  store: Store;
  bank: ContentBank;
  clock: () => number;
}

/** The pack whose principles the matrix and planner show: the person's own, else the workspace default. */
export function currentPack(bank: ContentBank, user: UserProfile | null): Pack {
  return findPack(bank, packIdFor(bank, user?.pack)) ?? bank.packs[0]!;
}

/**
 * The person's stories, strongest first. Finished sessions not yet in a story are filed first: new ones, and
 * those finished before the story bank existed (the first read files them all).
 */
export async function loadStories(deps: StoryBankDeps, key: UserKey): Promise<StoryView[]> {
  const sessions: StorySession[] = await deps.store.listSessions(key);
  let stored = await deps.store.stories.list(key);
  const pending = pendingVersions(sessions, stored);
  if (pending.length > 0) {
    await deps.store.stories.file(key, pending, deps.clock());
    stored = await deps.store.stories.list(key);
  }
  const byId = new Map(sessions.map((s) => [s.id, s]));
  return orderStories(stored.map((story) => viewStory(story, byId)));
}

export interface StoryOverview {
  stories: StoryView[];
  matrix: CoverageMatrix;
  suggestions: Map<string, Suggestion[]>;
  pack: Pack;
  /** How the person sees results (scores on or off). */
  scores: ScoreView;
}

/** What `stories` shows: every story with suggestions, and the coverage matrix of the person's pack. */
export async function storyOverview(deps: StoryBankDeps, key: UserKey): Promise<StoryOverview> {
  const [stories, user] = await Promise.all([loadStories(deps, key), deps.store.getUser(key)]);
  const pack = currentPack(deps.bank, user);
  const suggestions = new Map(
    stories.filter((s) => !s.retired).map((s) => [s.id, suggestPrinciples(s, pack.principles)]),
  );
  return {
    stories,
    matrix: coverageMatrix(pack.principles, stories),
    suggestions,
    pack,
    scores: viewOf(user),
  };
}

export type StoryAction =
  | { kind: 'rename'; title: string }
  /** Principle ids or names, as typed. */
  | { kind: 'tag'; principles: string[] }
  | { kind: 'untag'; principles: string[] }
  /** The other story (number or id) folds into this one. */
  | { kind: 'merge'; other: string }
  | { kind: 'retire' }
  | { kind: 'restore' };

export type StoryActionResult = { ok: true; text: string; story: StoryView } | { ok: false; text: string };

const fail = (text: string): StoryActionResult => ({ ok: false, text });

function storyNamed(stories: StoryView[], query: string): StoryView | undefined {
  return findStory(stories, query) ?? stories.find((s) => s.id === query.trim());
}

const label = (s: StoryView) => `story ${s.number}, “${s.title}”`;

function principleIds(
  bank: ContentBank,
  names: string[],
): { ids: string[]; unknown: string[]; suggestion?: string } {
  const ids: string[] = [];
  const unknown: string[] = [];
  for (const name of names
    .flatMap((n) => n.split(','))
    .map((n) => n.trim())
    .filter(Boolean)) {
    const principle = findPrinciple(bank, name);
    if (principle) ids.push(principle.id);
    else unknown.push(name);
  }
  const first = unknown[0];
  const resolved = first ? resolvePlanTargets(first, bank.principles) : undefined;
  const suggestion =
    resolved && !resolved.ok && 'unknown' in resolved ? resolved.unknown[0]?.suggestion : undefined;
  return { ids, unknown, ...(suggestion ? { suggestion } : {}) };
}

/** Renames, tags, merges, retires or restores one of the person's stories, named by number or id. */
export async function changeStory(
  deps: StoryBankDeps,
  key: UserKey,
  query: string,
  action: StoryAction,
): Promise<StoryActionResult> {
  const stories = await loadStories(deps, key);
  const story = storyNamed(stories, query);
  if (!story) {
    const numbers = stories
      .map((s) => s.number)
      .sort((a, b) => a - b)
      .join(', ');
    return fail(
      stories.length === 0
        ? 'You have no stories yet: finish a practice session and its answer becomes your first story.'
        : `There is no story ${query.trim()}. Your stories are numbered ${numbers}.`,
    );
  }
  const { store, clock } = deps;
  const now = clock();
  switch (action.kind) {
    case 'rename': {
      const title = cleanTitle(action.title);
      if (!title)
        return fail('A story needs a title: give a few words, for example `rename The lost webhooks`.');
      await store.stories.update(key, story.id, { title }, now);
      return done(deps, key, story.id, `Renamed story ${story.number} to “${title}”.`);
    }
    case 'tag':
    case 'untag': {
      const { ids, unknown, suggestion } = principleIds(deps.bank, action.principles);
      if (unknown.length > 0) {
        const guess = suggestion ? ` Did you mean \`${suggestion}\`?` : '';
        return fail(`I don’t know the principle “${unknown[0]}”.${guess}`);
      }
      if (ids.length === 0) return fail('Which principles? For example `tag ownership, earn-trust`.');
      const tags =
        action.kind === 'tag'
          ? [...story.tags, ...ids.filter((id) => !story.practisedFor.includes(id))]
          : story.tags.filter((t) => !ids.includes(t));
      await store.stories.update(key, story.id, { tags }, now);
      const names = ids.map((id) => findPrinciple(deps.bank, id)?.name ?? id).join(', ');
      const text =
        action.kind === 'tag'
          ? `Tagged ${label(story)} with ${names}.`
          : `Took ${names} off ${label(story)}; the principles it was practised for stay.`;
      return done(deps, key, story.id, text);
    }
    case 'merge': {
      const other = storyNamed(stories, action.other);
      if (!other)
        return fail(`There is no story ${action.other.trim()} to merge into story ${story.number}.`);
      if (other.id === story.id)
        return fail('A story cannot be merged with itself: name two different stories.');
      await store.stories.merge(key, other.id, story.id, now);
      return done(
        deps,
        key,
        story.id,
        `Merged story ${other.number}, “${other.title}”, into ${label(story)}: its ${other.versions} version(s) and tags are now part of it.`,
      );
    }
    case 'retire':
      if (story.retired) return fail(`Story ${story.number} is retired already.`);
      await store.stories.update(key, story.id, { retiredAt: now }, now);
      return done(
        deps,
        key,
        story.id,
        `Retired ${label(story)}: it stays in your export but no longer counts in your coverage or loop plans.`,
      );
    case 'restore':
      if (!story.retired) return fail(`Story ${story.number} is not retired.`);
      await store.stories.update(key, story.id, { retiredAt: null }, now);
      return done(deps, key, story.id, `Brought back ${label(story)}.`);
  }
}

async function done(
  deps: StoryBankDeps,
  key: UserKey,
  storyId: string,
  text: string,
): Promise<StoryActionResult> {
  const story = (await loadStories(deps, key)).find((s) => s.id === storyId);
  return story ? { ok: true, text, story } : fail('That story is no longer there.');
}

export type PlanResult =
  | { ok: true; plan: LoopPlan; principles: Principle[]; preset?: LoopPreset; scores: ScoreView }
  | { ok: false; text: string };

/** The usage line of `plan`, naming the presets of the person's pack. */
export function planUsage(pack: Pack): string {
  const presets = presetsFor(pack.principles).map((p) => `\`${p.id}\` (${p.name})`);
  return `Name the principles of your loop, comma-separated (for example \`plan dive-deep, ownership, earn-trust\`)${presets.length ? `, or a preset: ${presets.join(', ')}` : ''}.`;
}

/** Plans a loop: one different story per principle, the strongest first, with the gaps named. */
export async function planStories(deps: StoryBankDeps, key: UserKey, input: string): Promise<PlanResult> {
  const user = await deps.store.getUser(key);
  const pack = currentPack(deps.bank, user);
  const targets = resolvePlanTargets(input, pack.principles);
  if (!targets.ok) {
    if ('empty' in targets) return { ok: false, text: planUsage(pack) };
    const lines = targets.unknown.map(
      (u) =>
        `“${u.input}” is not one of the ${pack.kind.plural}.${u.suggestion ? ` Did you mean \`${u.suggestion}\`?` : ''}`,
    );
    return { ok: false, text: `${lines.join('\n')}\n${planUsage(pack)}` };
  }
  const stories = await loadStories(deps, key);
  const principles = targets.principleIds.map((id) => pack.principles.find((p) => p.id === id)!);
  return {
    ok: true,
    plan: planLoop(targets.principleIds, stories),
    principles,
    scores: viewOf(user),
    ...(targets.preset ? { preset: targets.preset } : {}),
  };
}
