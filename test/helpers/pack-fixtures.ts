import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { loadContent } from '../../src/content/load.ts';
import { packOfPrinciple } from '../../src/content/packs.ts';
import type { Question } from '../../src/content/schema.ts';
import { AMAZON_PACK, bundledQuestion, TempContent } from './temp-content.ts';

/** The bundled walkthrough the family tests practise: its story is from software engineering. */
export const SEED_ID = 'dive-deep/unexpected-root-cause';
export const RETAIL_ID = 'dive-deep/empty-formula-shelf';

/**
 * A retail walkthrough for tests only (the bank has no retail stories yet): the seed's structure, with a store
 * associate's story in every part, so whichever contrast or example is shown can be recognised as retail.
 */
export function retailWalkthrough(): Question {
  const seed = bundledQuestion(SEED_ID);
  const part = (name: keyof Question['parts'], bad: string, why: string, good: string) => ({
    ...seed.parts[name],
    bad,
    why,
    good,
  });
  return {
    ...seed,
    id: RETAIL_ID,
    question: 'Tell me about a time the figures said one thing and the shop floor said another.',
    jobFamily: 'retail',
    summary:
      'A supermarket associate found 40 tins of baby formula on the system and none on the shelf, traced them to click-and-collect returns left in a tote, and fixed the returns route.',
    parts: {
      situation: part(
        'situation',
        'Our store is a big supermarket with about 120 staff over three shifts, handheld scanners for everything, an overnight stock sync with the depot, weekly planograms from head office, promotions that change every Wednesday, a stockroom split between ambient and chilled, and one week something odd happened with formula.',
        'A minute of store background before the problem.',
        'At my supermarket the system showed 40 tins of baby formula in stock while the shelf sat empty for three days, and parents were leaving without it.',
      ),
      task: part(
        'task',
        'My manager asked me to look into the formula gap.',
        'Asked, not owned.',
        'Stock accuracy belonged to the night team and nobody had asked me, but I decided to find out why the count and the shelf disagreed.',
      ),
      action: part(
        'action',
        'We looked into it as a team and the stock was sorted out.',
        '"We" and "was sorted out" hide what you did.',
        'I counted every formula location myself, including the locked cage, then pulled two weeks of scanner logs and found that click-and-collect returns were booked back into stock but left in a tote behind the desk. I walked the returns route with the desk team and added a shelf-return step to their closing checklist.',
      ),
      result: part(
        'result',
        'Things got better after that.',
        'No number, no worth.',
        'Formula availability went from 81% to 98% in four weeks, which stopped about £600 a week of lost sales on that aisle, and the region added the returns step to all 14 stores.',
      ),
      reflection: part(
        'reflection',
        'I learned that communication is important.',
        'A slogan, not a lesson.',
        'I learned to trust the shelf when it disagrees with the system and to walk the route the stock takes; now I check the returns desk first whenever a count looks wrong.',
      ),
    },
  };
}

/**
 * The bundled content with the retail walkthrough as its only retail story (any bundled retail walkthroughs are
 * left out of the copy, so the tests know which retail example must be shown), in a temp folder.
 */
export function contentWithRetail(): TempContent {
  const content = new TempContent({ withBundled: true });
  const bundled = loadContent(content.root);
  for (const q of bundled.questions.filter((x) => x.jobFamily === 'retail')) {
    const pack = packOfPrinciple(bundled, q.principle)?.id ?? AMAZON_PACK;
    rmSync(join(content.root, 'packs', pack, 'questions', `${q.id}.yaml`));
  }
  return content.question(AMAZON_PACK, retailWalkthrough());
}

export const TEST_PACK = 'test-competencies';
export const TEST_PRINCIPLE = 'test-resilience';

/**
 * A whole new pack made of files only (with the bundled content unless told otherwise): one competency with three questions (copies of
 * bundled walkthroughs under new ids and wordings, so the rubric agrees with their examples as it does today).
 */
export function contentWithTestPack(options = { withBundled: true }): TempContent {
  const content = new TempContent(options).pack(TEST_PACK, [
    {
      id: TEST_PRINCIPLE,
      name: 'Resilience',
      description: 'Keeps going through setbacks and learns from them.',
    },
  ]);
  const copies: [string, string, string][] = [
    [
      'dive-deep/unexpected-root-cause',
      'setback-at-work',
      'Tell me about a setback at work and how you recovered from it.',
    ],
    [
      'ownership/owned-my-cut-off-mistake',
      'own-mistake',
      'Describe a mistake of your own and what you did next.',
    ],
    [
      'deliver-results/peak-capacity-setback',
      'plan-fell-apart',
      'Give an example of a plan that fell apart and how you still delivered.',
    ],
  ];
  for (const [from, slug, question] of copies)
    content.question(TEST_PACK, {
      ...bundledQuestion(from),
      id: `${TEST_PRINCIPLE}/${slug}`,
      principle: TEST_PRINCIPLE,
      question,
    });
  return content;
}

export const loadFrom = (content: TempContent) => loadContent(content.root);
