import { describe, expect, it } from 'vitest';
import {
  answerText,
  cleanTitle,
  findStory,
  isSameStory,
  orderStories,
  parseUseStory,
  pendingVersions,
  type StoredStory,
  type StorySession,
  storyIdForSession,
  storyTitle,
  TITLE_MAX,
  viewStory,
} from '../../src/coach/stories.ts';
import { coverageMatrix, planLoop, presetsFor, resolvePlanTargets } from '../../src/coach/stories-plan.ts';
import { suggestPrinciples } from '../../src/coach/stories-suggest.ts';
import type { Question } from '../../src/content/schema.ts';
import { grade } from '../../src/rubric/index.ts';
import type { Band } from '../../src/rubric/types.ts';
import { bank } from './fixtures.ts';

const question = (id: string) => bank.questions.find((q) => q.id === id)!;
const goodParts = (q: Question) =>
  Object.fromEntries(Object.entries(q.parts).map(([part, guide]) => [part, guide.good]));
const badParts = (q: Question) =>
  Object.fromEntries(Object.entries(q.parts).map(([part, guide]) => [part, guide.bad]));

let clock = 1_000;
function session(q: Question, parts: Record<string, string>, storyId?: string): StorySession {
  clock += 1_000;
  return {
    id: `s${clock}`,
    principleId: q.principle,
    status: 'completed',
    state: {
      parts,
      evaluation: grade(parts, bank, { questionId: q.id }),
      ...(storyId ? { storyId } : {}),
    },
    updatedAt: clock,
  };
}

function stored(number: number, sessions: StorySession[], extra: Partial<StoredStory> = {}): StoredStory {
  return {
    id: `story-${number}`,
    number,
    title: storyTitle(sessions[0]?.state.parts ?? {}),
    tags: [],
    retiredAt: null,
    createdAt: 0,
    sessionIds: sessions.map((s) => s.id),
    ...extra,
  };
}

function view(number: number, sessions: StorySession[], extra: Partial<StoredStory> = {}) {
  return viewStory(stored(number, sessions, extra), new Map(sessions.map((s) => [s.id, s])));
}

/** A story view with a chosen band, for planner tests that are about assignment, not grading. */
function fake(number: number, principles: string[], band: Band | null, score = 50) {
  return {
    ...view(number, []),
    principles,
    practisedFor: principles,
    bestBand: band,
    bestScore: band ? score : null,
  };
}

describe('storyTitle', () => {
  it('takes the first sentence of the Situation when it is short enough', () => {
    expect(storyTitle({ situation: 'Our checkout failed on Black Friday. I was on call.' })).toBe(
      'Our checkout failed on Black Friday',
    );
  });

  it('cuts a long first sentence at a natural break, never beyond 60 characters', () => {
    const title = storyTitle({
      situation:
        'Last spring, while I ran the night shift at a regional warehouse with forty pickers, our scanners kept failing.',
    });
    expect(title.length).toBeLessThanOrEqual(TITLE_MAX);
    expect(title).toMatch(/^Last spring, while I ran the night shift .*…$/);
    expect(
      storyTitle({
        situation: 'The night shift at our regional warehouse, with forty pickers and two scanners',
      }),
    ).toBe('The night shift at our regional warehouse');
  });

  it('ends a long clause with an ellipsis at a word boundary', () => {
    for (const q of bank.questions.slice(0, 60)) {
      const title = storyTitle({ situation: q.parts.situation.good });
      expect(title.length).toBeLessThanOrEqual(TITLE_MAX);
      expect(title.length).toBeGreaterThan(10);
      expect(q.parts.situation.good.startsWith(title.replace(/…$/, ''))).toBe(true);
    }
  });

  it('drops a Situation label and filler, and falls back to the next part', () => {
    expect(storyTitle({ situation: 'Situation: so, the payroll run broke.' })).toBe('The payroll run broke');
    expect(storyTitle({ task: 'I had to win back our largest client.' })).toBe(
      'I had to win back our largest client',
    );
    expect(storyTitle({})).toBe('Untitled story');
  });

  it('cleans a title the person typed', () => {
    expect(cleanTitle('  "The  outage"  ')).toBe('The outage');
    expect(cleanTitle('   ')).toBeUndefined();
    expect(cleanTitle('x'.repeat(80))!.length).toBe(TITLE_MAX);
  });
});

describe('viewStory and pendingVersions', () => {
  const dive = question('dive-deep/unexpected-root-cause');
  const ownership = question('ownership/orphaned-job-after-reorg');

  it('files a new session as its own story, a retold one under the story it names', () => {
    const first = session(dive, goodParts(dive));
    const retold = session(ownership, goodParts(dive), 'story-1');
    const lost = session(ownership, goodParts(ownership), 'story-gone');
    const active = { ...session(dive, {}), status: 'active' as const };
    const pending = pendingVersions([first, retold, lost, active], [stored(1, [])]);
    expect(pending.map((p) => [p.sessionId, p.storyId])).toEqual([
      [first.id, storyIdForSession(first.id)],
      [retold.id, 'story-1'],
      [lost.id, storyIdForSession(lost.id)],
    ]);
    expect(pendingVersions([first], [stored(1, [first])])).toEqual([]);
  });

  it('shows the principles practised and tagged, the best band, weakest criteria and last practice', () => {
    const weak = session(dive, badParts(dive));
    const strong = session(ownership, goodParts(dive));
    const v = view(1, [weak, strong], { tags: ['earn-trust', 'dive-deep'] });
    expect(v.practisedFor).toEqual(['dive-deep', 'ownership']);
    expect(v.principles).toEqual(['dive-deep', 'ownership', 'earn-trust']);
    expect(v.bestBand).toBe(strong.state.evaluation!.overall.band);
    expect(v.bestScore).toBeGreaterThan(weak.state.evaluation!.overall.score);
    expect(v.lastPractisedAt).toBe(strong.updatedAt);
    expect(v.versions).toBe(2);
    const failedLast = strong.state.evaluation!.criteria.filter((c) => c.verdict === 'fail').map((c) => c.id);
    expect(v.weakestCriteria.slice(0, failedLast.length)).toEqual(failedLast.slice(0, 3));
  });

  it('orders live stories strongest first and retired ones last', () => {
    const a = fake(1, ['dive-deep'], 'not-inclined');
    const b = fake(2, ['dive-deep'], 'strongly-inclined');
    const c = { ...fake(3, ['dive-deep'], 'strongly-inclined'), retired: true };
    expect(orderStories([a, c, b]).map((s) => s.number)).toEqual([2, 1, 3]);
  });
});

describe('finding and choosing stories', () => {
  it('reads story numbers as people type them', () => {
    const stories = [{ number: 1 }, { number: 12 }];
    expect(findStory(stories, '12')).toEqual({ number: 12 });
    expect(findStory(stories, '#1')).toEqual({ number: 1 });
    expect(findStory(stories, 'story 1')).toEqual({ number: 1 });
    expect(findStory(stories, '3')).toBeUndefined();
    expect(findStory(stories, 'one')).toBeUndefined();
    expect(parseUseStory('story 3')).toBe(3);
    expect(parseUseStory('Use story #4.')).toBe(4);
    expect(parseUseStory('use 2')).toBe(2);
    expect(parseUseStory('my story was about 3 teams')).toBeUndefined();
  });
});

describe('isSameStory', () => {
  const a = question('dive-deep/unexpected-root-cause');
  const b = question('ownership/orphaned-job-after-reorg');
  const c = question('earn-trust/admitted-own-mistake');

  it('matches a story told again, reworded in places', () => {
    const original = answerText(goodParts(a));
    const retold = original.replace(/I /g, 'I then ').replace(/\bthe\b/g, 'our');
    expect(isSameStory(original, retold)).toBe(true);
    expect(isSameStory(retold, original)).toBe(true);
  });

  it('tells different stories apart, even from the same family', () => {
    expect(isSameStory(answerText(goodParts(a)), answerText(goodParts(b)))).toBe(false);
    expect(isSameStory(answerText(goodParts(b)), answerText(goodParts(c)))).toBe(false);
  });

  it('never matches answers too short to tell', () => {
    expect(isSameStory('I fixed it.', 'I fixed it.')).toBe(false);
  });
});

describe('suggestPrinciples', () => {
  const packPrinciples = bank.packs[0]!.principles;

  it('names what the story shows, with the person’s words, for principles it lacks', () => {
    const story = {
      ...fake(1, ['dive-deep'], 'inclined'),
      latestParts: {
        situation: 'A merchant complained that orders vanished.',
        action: 'I disagreed with my manager, who wanted to wait, and pushed back with the logs.',
        result: 'Lost orders fell by 40%.',
      },
    };
    const suggestions = suggestPrinciples(story, packPrinciples);
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.length).toBeLessThanOrEqual(3);
    expect(suggestions.map((s) => s.principleId)).not.toContain('dive-deep');
    const backbone = suggestions.find((s) => s.principleId === 'have-backbone-disagree-and-commit');
    expect(backbone?.shows).toBe('a disagreement');
    expect(backbone?.evidence).toContain('pushed back');
    expect(suggestions.find((s) => s.principleId === 'deliver-results')?.evidence).toContain('40%');
  });

  it('suggests nothing outside the person’s pack', () => {
    const story = { ...fake(1, [], 'inclined'), latestParts: { action: 'I disagreed and pushed back.' } };
    expect(suggestPrinciples(story, [])).toEqual([]);
  });
});

describe('coverageMatrix', () => {
  const principles = bank.packs[0]!.principles;

  it('puts every principle of the pack in a row, gaps first, then weak, then strong', () => {
    const stories = [
      fake(1, ['dive-deep'], 'strongly-inclined'),
      fake(2, ['ownership'], 'not-inclined'),
      { ...fake(3, ['earn-trust'], 'strongly-inclined'), retired: true },
    ];
    const matrix = coverageMatrix(principles, stories);
    expect(matrix.rows).toHaveLength(16);
    expect(matrix.strong).toEqual(['dive-deep']);
    expect(matrix.weak).toEqual(['ownership']);
    expect(matrix.gaps).toHaveLength(14);
    expect(matrix.gaps).toContain('earn-trust');
    expect(matrix.rows.map((r) => r.coverage).slice(-2)).toEqual(['weak', 'strong']);
    expect(matrix.rows[0]!.principleId).toBe('customer-obsession');
  });
});

describe('resolvePlanTargets', () => {
  const principles = bank.packs[0]!.principles;

  it('accepts ids and names, comma-separated, without repeats', () => {
    expect(resolvePlanTargets('dive-deep, Ownership,earn trust,dive deep', principles)).toEqual({
      ok: true,
      principleIds: ['dive-deep', 'ownership', 'earn-trust'],
    });
  });

  it('expands presets', () => {
    const result = resolvePlanTargets('loop-4', principles);
    expect(result.ok && result.principleIds).toHaveLength(8);
    expect(result.ok && result.preset?.id).toBe('loop-4');
    const five = resolvePlanTargets('5', principles);
    expect(five.ok && five.principleIds).toHaveLength(10);
    expect(presetsFor(principles).map((p) => p.id)).toContain('manager-loop');
    expect(presetsFor([])).toEqual([]);
  });

  it('names the closest match for an unknown principle', () => {
    expect(resolvePlanTargets('dive-deep, earn-trst, ownrship, zzzzzz', principles)).toEqual({
      ok: false,
      unknown: [
        { input: 'earn-trst', suggestion: 'earn-trust' },
        { input: 'ownrship', suggestion: 'ownership' },
        { input: 'zzzzzz' },
      ],
    });
    expect(resolvePlanTargets(' , ', principles)).toEqual({ ok: false, empty: true });
  });
});

describe('planLoop', () => {
  it('gives each principle a different story, the strongest where there is a choice', () => {
    const versatile = fake(1, ['dive-deep', 'ownership'], 'strongly-inclined', 90);
    const onlyDive = fake(2, ['dive-deep'], 'inclined', 70);
    const plan = planLoop(['dive-deep', 'ownership', 'earn-trust'], [versatile, onlyDive]);
    expect(plan.slots.map((s) => s.story?.number ?? null)).toEqual([2, 1, null]);
    expect(plan.gaps).toEqual(['earn-trust']);
    expect(plan.weak).toEqual([]);
  });

  it('never tells one story twice, and says which story is taken', () => {
    const only = fake(1, ['dive-deep', 'ownership'], 'inclined', 70);
    const plan = planLoop(['dive-deep', 'ownership'], [only]);
    expect(plan.slots.filter((s) => s.story).length).toBe(1);
    const empty = plan.slots.find((s) => !s.story)!;
    expect(empty.takenElsewhere.map((s) => s.number)).toEqual([1]);
    expect(plan.gaps).toEqual([empty.principleId]);
  });

  it('prefers a strong story and names a weak one as weak', () => {
    const weak = fake(1, ['ownership'], 'not-inclined', 30);
    const strong = fake(2, ['ownership', 'earn-trust'], 'strongly-inclined', 85);
    const plan = planLoop(['ownership', 'earn-trust'], [weak, strong]);
    expect(plan.slots.map((s) => s.story?.number)).toEqual([1, 2]);
    expect(plan.weak).toEqual(['ownership']);
    const alone = planLoop(['ownership'], [weak, strong]);
    expect(alone.slots[0]!.story?.number).toBe(2);
  });

  it('covers as many principles as it can, in a loop of ten', () => {
    const principles = resolvePlanTargets('loop-5', bank.packs[0]!.principles);
    if (!principles.ok) throw new Error('preset');
    const stories = principles.principleIds.map((id, i) =>
      fake(i + 1, [id, principles.principleIds[(i + 1) % 10]!], i % 2 ? 'inclined' : 'not-inclined', 40 + i),
    );
    const plan = planLoop(principles.principleIds, stories);
    const told = plan.slots.map((s) => s.story?.number).filter((n) => n !== undefined);
    expect(told).toHaveLength(10);
    expect(new Set(told).size).toBe(10);
    expect(planLoop(principles.principleIds, []).gaps).toHaveLength(10);
  });
});
