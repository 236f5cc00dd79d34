import type { PartName } from '../../content/schema.ts';
import { findAll, type Match, type Sentence } from '../answer.ts';
import {
  AGAINST_DEFAULT,
  BOUNDARY,
  DECISION,
  EMPTY_DECISION,
  INITIATIVE,
  NOT_MINE,
  OTHERS_AREA,
  PROMPTED,
  STATED_SCOPE,
} from '../scope-phrases.ts';
import { notOneEvent } from './conduct.ts';
import {
  type Check,
  type Context,
  evidenceFrom,
  judgement,
  readSentences,
  signalMatches,
} from './context.ts';

/** A decision that says what was decided: the rest of its clause is more than "fix it". */
function saysWhat(m: Match): boolean {
  const after = m.sentence.lower.slice(m.index + m.length);
  const rest = after.split(/[;:]|,\s|\s(?:and|but|because)\s/)[0] ?? '';
  // "I decided to act because the bookings could be cancelled until 8 p.m.": the reason is the content.
  const reason = /\bbecause ((?:\S+\s+){4,}\S+)/.test(after);
  return !EMPTY_DECISION.test(rest) || reason;
}

function strongest(
  ctx: Context,
  sentences: Sentence[],
): { strong: (Match | Sentence)[]; prompted: Match[]; stated: Match[] } {
  const boundary = findAll(sentences, BOUNDARY);
  // A follow-up's question already says whose decision it was; a main answer has to say it itself.
  const whose =
    ctx.followUp ||
    boundary.length > 0 ||
    ctx.answer.sentences.some((s) => AGAINST_DEFAULT.test(s.lower)) ||
    findAll(ctx.answer.sentences, OTHERS_AREA).length > 0 ||
    ctx.answer.sentences.some((s) => NOT_MINE.test(s.lower));
  const decisions = findAll(sentences, DECISION).filter(saysWhat);
  const chosen: (Match | Sentence)[] = [
    ...findAll(sentences, INITIATIVE),
    ...(whose ? decisions : []),
    ...signalMatches(ctx, 'scope-ownership', sentences),
  ];
  const prompted = findAll(sentences, PROMPTED);
  // "Not my team, but the CFO asked me" names the boundary, yet the work was still handed over.
  const strong = chosen.length > 0 || prompted.length === 0 ? [...boundary, ...chosen] : [];
  const stated = [
    ...(strong.length === 0 ? boundary : []),
    ...findAll(sentences, OTHERS_AREA),
    ...findAll(sentences, STATED_SCOPE),
    ...(whose ? [] : decisions),
  ];
  return { strong, prompted, stated };
}

export const scopeOwnership: Check = (ctx) => {
  // A habit or a plan told instead of one event has no one problem whose scope the speaker took on.
  if (notOneEvent(ctx)) {
    return judgement(
      'fail',
      [],
      'Tell one time it happened, and say whose problem it was and what you chose to take on.',
    );
  }
  // With no Task part (a story told straight through), whose problem it was is often said as the steps begin.
  const told: PartName[] = ctx.answer.parts.task ? ['situation', 'task'] : ['situation', 'action'];
  const primary = readSentences(ctx, told, ['action']);
  const found = strongest(ctx, primary);
  // Boundary phrases still count when told in the Action ("nobody had asked, but I pulled the logs").
  if (found.strong.length === 0 && !ctx.section && !ctx.answer.unsplit) {
    const inAction = findAll(ctx.answer.parts.action?.sentences ?? [], BOUNDARY);
    found.strong.push(...inAction);
  }
  if (found.strong.length > 0) {
    const order = (item: Match | Sentence) => ('sentence' in item ? item.sentence : item);
    const ordered = [...found.strong].sort(
      (a, b) => ctx.answer.sentences.indexOf(order(a)) - ctx.answer.sentences.indexOf(order(b)),
    );
    return judgement('pass', evidenceFrom(ordered), 'Scope and initiative are explicit.');
  }
  if (found.prompted.length > 0) {
    return judgement(
      'partial',
      evidenceFrom([...found.prompted, ...found.stated]),
      'This sounds assigned or prompted; say what you chose to do beyond the ask, and whose problem it really was.',
    );
  }
  if (found.stated.length > 0) {
    return judgement(
      'partial',
      evidenceFrom(found.stated),
      'You state whose work it was but not your initiative: say whether anyone asked, and why you took it on.',
    );
  }
  return judgement(
    'fail',
    [],
    'Nothing says whose problem this was or that you chose to act: state the scope boundary ("it wasn\'t my team\'s", "nobody asked me") and your decision.',
  );
};
