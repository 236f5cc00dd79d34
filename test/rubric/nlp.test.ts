import { describe, expect, it } from 'vitest';
import { grade } from '../../src/rubric/index.ts';
import { analyse, entitiesOf, isModelLoaded, toldInPresent } from '../../src/rubric/nlp.ts';
import { bankWith } from './fixtures.ts';

describe('language analysis', () => {
  it('loads the model only when the rubric first needs it, not at import', () => {
    expect(isModelLoaded()).toBe(false);
    grade('I called the supplier. I have call each supplier and ask about their lead time.', bankWith());
    expect(isModelLoaded()).toBe(true);
  });

  it.each([
    ['I call dispatch.', 'call', 'present'],
    ['I called dispatch.', 'call', 'past'],
    ['I have call each supplier.', 'call', 'past'],
    ["I'd pulled the logs the night before.", 'pull', 'past'],
    ['I would check the logs first.', 'check', 'modal'],
    ['I take blood cultures.', 'take', 'present'],
    ['I took blood cultures.', 'take', 'past'],
  ])('"%s" is the speaker acting: %s, %s', (sentence, lemma, tense) => {
    expect(analyse(sentence).speakerVerbs[0]).toMatchObject({ lemma, tense });
  });

  it('gives verbs joined by "and" or a comma the same subject', () => {
    const verbs = analyse('I pull up his account, check the map and call dispatch.').speakerVerbs;
    expect(verbs.map((v) => v.lemma)).toEqual(['pull', 'check', 'call']);
    expect(analyse('I have call each supplier and ask about lead times.').speakerVerbs[1]?.tense).toBe(
      'past',
    );
  });

  it('reads a present-tense story as told in the present, a past one not', () => {
    expect(toldInPresent(analyse('I pull up his account and I see the fault.'))).toBe(true);
    expect(toldInPresent(analyse('I pulled up his account and I saw the fault.'))).toBe(false);
  });

  it('marks a negated step', () => {
    expect(analyse("I didn't check the map.").speakerVerbs[0]?.negated).toBe(true);
  });

  it('gives verbs as lemmas for tense-free cues', () => {
    expect(analyse('He ends up giving us 10 out of 10.').lemmaText).toContain('end up give');
  });

  it('finds percentages, money and durations', () => {
    const types = entitiesOf('Late deliveries go down from 30% to 8% in four months, saving $4,000.').map(
      (e) => e.type,
    );
    expect(types).toEqual(expect.arrayContaining(['PERCENT', 'DURATION', 'MONEY']));
  });
});
