import { TECH_TERMS, words } from '../lexicon.ts';
import { type Check, judgement, notApplicable, quoteSentence } from './context.ts';

const TECH = words(TECH_TERMS);
const PASS_SECONDS = 45;
const FAIL_SECONDS = 60;
/** Architecture-heavy: many tooling words, and a large share of the Situation's words. */
const HEAVY_TERMS = 6;
const HEAVY_SHARE = 0.06;

export const situationConcise: Check = (ctx) => {
  const situation = ctx.answer.parts.situation;
  const useWhole = ctx.answer.unsplit || (ctx.section !== undefined && ctx.section !== 'situation');
  if (!situation || useWhole) {
    if (ctx.section || ctx.answer.unsplit) return notApplicable('No separate Situation to time.');
    return judgement(
      'partial',
      [],
      'There is no Situation: open with one or two sentences on what was going wrong and why it mattered.',
    );
  }
  const seconds = situation.seconds;
  let terms = 0;
  for (const s of situation.sentences) {
    TECH.lastIndex = 0;
    while (TECH.exec(s.lower)) terms++;
  }
  TECH.lastIndex = 0;
  const heavy = terms >= HEAVY_TERMS && terms / Math.max(situation.words, 1) >= HEAVY_SHARE;
  const first = situation.sentences[0];
  const timing = `Situation about ${seconds} s of a ${PASS_SECONDS} s limit (${situation.words} words)`;
  const evidence = [timing, ...(first ? [quoteSentence(first)] : [])];
  if (seconds > FAIL_SECONDS) {
    return judgement(
      'fail',
      evidence,
      `Your Situation runs about ${seconds} s; cut it to what went wrong and why it mattered, ${PASS_SECONDS} s at most.`,
    );
  }
  if (seconds > PASS_SECONDS || heavy) {
    const why = heavy
      ? `${terms} architecture and tooling terms bury the problem`
      : `about ${seconds} s, a little over the ${PASS_SECONDS} s limit`;
    return judgement(
      'partial',
      evidence,
      `Your Situation is ${why}; keep only what the listener needs to follow the problem.`,
    );
  }
  return judgement('pass', evidence, `Concise: about ${seconds} s, and it gets to the problem quickly.`);
};
