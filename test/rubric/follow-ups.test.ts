import { describe, expect, it } from 'vitest';
import { gradeFollowUp } from '../../src/rubric/index.ts';
import { bankWith } from './fixtures.ts';

const bank = bankWith();
const seed = bank.questions[0]!;
const followUp = (id: string) => seed.followUps.find((f) => f.id === id)!;

describe('gradeFollowUp', () => {
  it.each(seed.followUps.map((f) => [f.id, f] as const))(
    'does not pass the bad answer to %s and passes the good one',
    (_, f) => {
      expect(gradeFollowUp(f.bad, f, seed, bank).verdict).not.toBe('pass');
      expect(gradeFollowUp(f.good, f, seed, bank).verdict).toBe('pass');
    },
  );

  it('returns the follow-up’s own contrast', () => {
    const f = followUp('why-not-escalate');
    expect(gradeFollowUp('I sent them a message.', f, seed, bank).contrast).toEqual({
      bad: f.bad,
      why: f.why,
      good: f.good,
      source: 'follow-up',
    });
  });

  it('does not pass a one-line vague answer', () => {
    const f = followUp('hardest-part');
    const graded = gradeFollowUp('It was hard but I got through it.', f, seed, bank);
    expect(graded.verdict).not.toBe('pass');
    expect(graded.advice).not.toBe('');
  });

  it('passes a concrete first-person answer in the user’s own words', () => {
    const f = followUp('hardest-part');
    const answer =
      'The hardest part was that I had no access to their repository. I asked their lead for read access, read the retry code over two evenings, and reproduced the restart in our staging copy before I proposed anything.';
    const graded = gradeFollowUp(answer, f, seed, bank);
    expect(graded.verdict).toBe('pass');
    expect(graded.evidence.length).toBeGreaterThan(0);
  });

  it('flags routing when asked about ownership', () => {
    const f = followUp('why-not-escalate');
    expect(
      gradeFollowUp('I raised a ticket with them and they handled it from there.', f, seed, bank).verdict,
    ).toBe('fail');
  });

  it('fails an empty answer', () => {
    expect(gradeFollowUp('', followUp('do-differently'), seed, bank).verdict).toBe('fail');
  });
});
