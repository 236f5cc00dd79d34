import { findAll } from '../answer.ts';
import { PROBLEM, TECH_TERMS, words } from '../lexicon.ts';
import { concreteEvent, isHypotheticalOrHabitual } from './conduct.ts';
import { type Check, evidenceFrom, judgement, notApplicable, quoteSentence } from './context.ts';

const TECH = words(TECH_TERMS);
const PASS_SECONDS = 45;
const FAIL_SECONDS = 60;
/** Architecture-heavy: many tooling words, and a large share of the Situation's words. */
const HEAVY_TERMS = 6;
const HEAVY_SHARE = 0.06;
/** A Situation of this many words whose problem only appears from this sentence on buries the problem. */
const BURIED_WORDS = 70;
const BURIED_AFTER_SENTENCES = 3;
export const situationConcise: Check = (ctx) => {
  const situation = ctx.answer.parts.situation;
  if (ctx.answer.unsplit || (ctx.section !== undefined && ctx.section !== 'situation')) {
    return notApplicable('No separate Situation to time.');
  }
  if (!situation) {
    return judgement(
      'fail',
      [],
      'There is no Situation: open with one or two sentences on what was going wrong and why it mattered.',
    );
  }
  const imagined = situation.sentences.filter((s) => isHypotheticalOrHabitual(s.lower));
  // A Situation made of habits or hypotheticals is no situation, unless a real example follows it.
  const noRealEvent =
    imagined.length >= situation.sentences.length / 2 && concreteEvent(ctx).verdict === 'fail';
  if (imagined.length > 0 && noRealEvent) {
    return judgement(
      'fail',
      evidenceFrom(imagined, 1),
      'There is no real Situation, only what you would or usually do: open with when and where one specific case happened.',
    );
  }
  const seconds = situation.seconds;
  const terms = findAll(situation.sentences, TECH).length;
  const heavy = terms >= HEAVY_TERMS && terms / Math.max(situation.words, 1) >= HEAVY_SHARE;
  const problemAt = situation.sentences.findIndex((s) => PROBLEM.test(s.lower));
  const buried = situation.words >= BURIED_WORDS && problemAt >= BURIED_AFTER_SENTENCES;
  const first = situation.sentences[0];
  const measured = `Situation about ${seconds} s of a ${PASS_SECONDS} s limit (${situation.words} words)`;
  const evidence = first ? [quoteSentence(first)] : [];
  if (seconds > FAIL_SECONDS) {
    return judgement(
      'fail',
      evidence,
      `Your Situation runs about ${seconds} s; cut it to what went wrong and why it mattered, ${PASS_SECONDS} s at most.`,
      measured,
    );
  }
  if (seconds > PASS_SECONDS || heavy || buried) {
    const why = heavy
      ? `${terms} architecture and tooling terms bury the problem`
      : buried
        ? `${problemAt} sentences of background before the problem`
        : `about ${seconds} s, a little over the ${PASS_SECONDS} s limit`;
    return judgement(
      'partial',
      evidence,
      `Your Situation is ${why}; keep only what the listener needs to follow the problem.`,
      measured,
    );
  }
  return judgement(
    'pass',
    evidence,
    `Concise: about ${seconds} s, and it gets to the problem quickly.`,
    measured,
  );
};
