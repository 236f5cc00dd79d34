import { describe, expect, it } from 'vitest';
import { hasSubstance, takenUpByOthers } from '../../src/rubric/uptake.ts';

describe('others taking the work up, read from the verb and its subject', () => {
  it.each([
    'Two other surgical wards added it to their night round the month after.',
    'The matron ask me to present it.',
    'The head asked me to train the other two teachers.',
    'The lab manager adds the water bath to the cleaning list of the two other labs.',
  ])('counts: %s', (sentence) => {
    expect(takenUpByOthers(sentence)).toBe(true);
  });

  it.each([
    'I added a one-line alarm check to the safety round.',
    'The night team felt a lot more included after that.',
    'The customer asked for a refund.',
    'My manager was happy with it.',
  ])('does not count: %s', (sentence) => {
    expect(takenUpByOthers(sentence)).toBe(false);
  });
});

describe('a claim of spread needs its content', () => {
  it('finds who and what in a sentence that names them', () => {
    expect(hasSubstance('The new pick route became the standard for all four of our warehouses.')).toBe(true);
  });

  it.each(['It became the standard.', 'Other teams adopted it as well and it became best practice.'])(
    'finds none in a stock phrase: %s',
    (sentence) => {
      expect(hasSubstance(sentence)).toBe(false);
    },
  );
});
