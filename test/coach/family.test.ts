import { afterAll, describe, expect, it } from 'vitest';
import { familyContrast, familyExample, familyWalkthroughs } from '../../src/coach/family.ts';
import { feedbackMessages } from '../../src/coach/feedback.ts';
import { startSession } from '../../src/coach/start.ts';
import { JOB_FAMILY_IDS } from '../../src/content/schema.ts';
import { grade } from '../../src/rubric/index.ts';
import { contentWithRetail, loadFrom, RETAIL_ID, SEED_ID } from '../helpers/pack-fixtures.ts';

const content = contentWithRetail();
const bank = loadFrom(content);
afterAll(() => content.remove());
const seed = bank.questions.find((q) => q.id === SEED_ID)!;
const retail = bank.questions.find((q) => q.id === RETAIL_ID)!;
const ownership = bank.questions.find((q) => q.id === 'ownership/orphaned-job-after-reorg')!;

describe('examples from the person’s job family', () => {
  it('takes a failed criterion’s contrast from a walkthrough of the person’s family, same principle first', () => {
    expect(seed.jobFamily).not.toBe('retail');
    const found = familyContrast(bank, 'first-person', seed, 'retail');
    expect(found?.from.id).toBe(RETAIL_ID);
    expect(found?.contrast.good).toBe(retail.parts.action.good);
  });

  it('falls back to any walkthrough of the family for another principle, and to none when the family lacks it', () => {
    expect(ownership.principle).not.toBe(retail.principle);
    expect(familyContrast(bank, 'quantified-result', ownership, 'retail')?.contrast.good).toBe(
      retail.parts.result.good,
    );
    // The retail walkthrough teaches no-blame nowhere: the question keeps its own contrast.
    expect(familyContrast(bank, 'no-blame', seed, 'retail')).toBeUndefined();
    // No walkthroughs at all for the family, the same family, or no family: nothing to borrow.
    const without = JOB_FAMILY_IDS.find((f) => !bank.questions.some((q) => q.jobFamily === f));
    if (without) expect(familyWalkthroughs(bank, seed, without)).toEqual([]);
    expect(familyWalkthroughs(bank, retail, 'retail')).toEqual([]);
    expect(familyContrast(bank, 'first-person', seed, null)).toBeUndefined();
  });

  it('puts the family’s contrast in the feedback, titled with whose story it is', () => {
    const weak = grade({ ...goodParts(), action: seed.parts.action.bad }, bank, { questionId: seed.id });
    const own = feedbackMessages(bank, weak, seed).flatMap((m) => m.parts);
    const mine = feedbackMessages(bank, weak, seed, 'retail').flatMap((m) => m.parts);
    const contrasts = (parts: typeof own) => parts.filter((p) => p.kind === 'contrast');
    expect(
      contrasts(own).some((p) => p.kind === 'contrast' && p.contrast.good === seed.parts.action.good),
    ).toBe(true);
    const retailOne = contrasts(mine).find(
      (p) => p.kind === 'contrast' && p.contrast.good === retail.parts.action.good,
    );
    expect(retailOne?.kind === 'contrast' && retailOne.title).toMatch(/\(from a retail story\)$/);
    expect(familyExample(bank, 'situation', seed, 'retail')?.text).toBe(retail.parts.situation.good);
  });

  it('recommends a question from the person’s family first, until it has been practised', () => {
    const start = (recentQuestionIds: string[]) =>
      startSession(
        bank,
        {
          selector: { kind: 'principle', principleId: 'dive-deep' },
          level: 'mid',
          lens: null,
          family: 'retail',
          recommendedPrincipleId: 'dive-deep',
          recentQuestionIds,
        },
        0,
      );
    const first = start([]);
    expect(first.ok && first.state.questionId).toBe(RETAIL_ID);
    expect(first.ok && first.state.family).toBe('retail');
    const next = start([RETAIL_ID]);
    expect(next.ok && next.state.questionId).not.toBe(RETAIL_ID);
  });
});

function goodParts() {
  return Object.fromEntries(
    (['situation', 'task', 'action', 'result', 'reflection'] as const).map((p) => [p, seed.parts[p].good]),
  );
}
