import { findAll, type Match, type Sentence } from '../answer.ts';
import {
  type Check,
  type Context,
  evidenceFrom,
  judgement,
  readSentences,
  signalMatches,
} from './context.ts';

const AREA =
  "(?:team'?s?|job|area|responsibilit(?:y|ies)|project|role|system|service|code|codebase|remit|problem|department|product|account|client|territory|call|domain|scope|plate|roadmap|backlog|sprint|brief|lane|function|process|queue|patch|decision|task)";

/** The work sat outside the speaker's remit, or nobody had asked for it. */
const BOUNDARY = new RegExp(
  [
    `\\bnot (?:my|our|part of (?:my|our)|in (?:my|our)|on (?:my|our)) (?:own )?${AREA}`,
    `\\b(?:wasn't|was not|isn't|is not|weren't|were not) (?:really )?(?:my|our|part of (?:my|our)|in (?:my|our)|on (?:my|our)|within (?:my|our)) (?:own |job )?${AREA}`,
    `\\boutside (?:of )?(?:my|our|the) (?:own |immediate |direct )?(?:team|area|scope|role|remit|responsibilit\\w+|job|department|brief|lane|domain|expertise|comfort zone|function|org)`,
    '\\b(?:nobody|no one|no-one|noone|none of us) (?:had |has |was |else )?(?:asked|told|assigned|owned|owns|looking|responsible|owning|took|taking|picked|wanted|claimed|volunteered|expected)',
    '\\bwithout (?:being (?:asked|told)|anyone (?:asking|telling)|a ticket|any (?:ticket|mandate|request))',
    '\\bno (?:ticket|jira|request|mandate|owner|clear owner|one owned|one was assigned|budget line|formal)\\b',
    '\\bon my own (?:initiative|time)|\\bof my own accord|\\bunprompted\\b|\\boff my own bat\\b|\\bin my (?:own|spare) time\\b',
    "\\b(?:didn't|did not|wasn't required to|was not required to|wasn't expected to|was not expected to|nobody expected me to)(?: have| need)? to\\b",
    '\\bfell between (?:teams|the cracks|two teams)',
    '\\b(?:above|beyond) (?:my|the) (?:role|job|remit|pay grade|brief)|\\bgo(?:ing|ne)? beyond (?:my|the) (?:role|job|remit|brief|ask)',
  ].join('|'),
  'g',
);

/** Whose the work was, as context: a boundary, but not yet a choice. */
const OTHERS_AREA =
  /\b(?:belonged|belongs) to (?:another|a different|the \w+(?: \w+)?) team|\bowned by (?:another|a different|the \w+(?: \w+)?) (?:team|group|department)|\b(?:another|a different|a sister|a neighbouring|a neighboring|the other) (?:team|department)'?s?\b/g;

/** The speaker chose to act. */
const INITIATIVE =
  /\bi (?:then )?(?:decided|chose|volunteered|offered|took it upon myself|committed|resolved|made it my (?:job|mission|priority|goal|business))\b|\bi took (?:it|this|that|the \w+) on\b|\bi took (?:on )?(?:ownership|the initiative|initiative|responsibility|the lead|charge)\b|\bi (?:stepped up|stepped in|put my hand up|raised my hand|spoke up|pushed for|proposed|pitched)\b|\bend[- ]to[- ]end\b|\bfull ownership\b|\bi (?:personally )?owned (?:it|this|that|the)\b|\b(?:it|this|that|the \w+) myself\b|\bi personally\b|\bon my own\b/g;

/** The work came from someone else. */
const PROMPTED =
  /\b(?:my|our|the) (?:line |direct |engineering |product |sales |team |tech |project )?(?:manager|boss|lead|director|supervisor|vp|head of \w+|cto|ceo|cfo|coo|founder|client|customer|stakeholders?|pm|product owner|senior|mentor)s? (?:had |then |also )?(?:asked|told|mentioned|suggested|wanted|assigned|gave|tasked|instructed|requested|handed|put me|pulled me|brought me|pointed out|noticed|needed|expected|sent)\b|\bi (?:was|got|had been) (?:asked|told|assigned|tasked|given|handed|instructed|brought in|pulled in|put on|put in charge|chosen|selected|picked|expected)\b|\b(?:was|got) assigned to me\b|\b(?:they|he|she|someone|leadership|management) asked me\b|\bassigned (?:to )?me\b|\bas part of my (?:job|role|sprint|duties)\b|\bmy (?:manager|boss|lead)'s (?:request|idea|suggestion)\b/g;

/** Responsibility stated, but not whether it was chosen. */
const STATED_SCOPE =
  /\bmy (?:main |primary |core |specific )?(?:task|goal|job|role|responsibility|objective|mission|remit|brief|part) (?:was|is|became|had been)\b|\bi (?:was|am) (?:responsible|accountable|in charge)\b|\bi (?:led|owned|ran|drove|managed) (?:the|a|our|this|that)\b/g;

function strongest(
  ctx: Context,
  sentences: Sentence[],
): { strong: (Match | Sentence)[]; prompted: Match[]; stated: Match[] } {
  const strong: (Match | Sentence)[] = [
    ...findAll(sentences, BOUNDARY),
    ...findAll(sentences, INITIATIVE),
    ...signalMatches(ctx, 'scope-ownership', sentences),
  ];
  const stated = [...findAll(sentences, OTHERS_AREA), ...findAll(sentences, STATED_SCOPE)];
  return { strong, prompted: findAll(sentences, PROMPTED), stated };
}

export const scopeOwnership: Check = (ctx) => {
  const primary = readSentences(ctx, ['situation', 'task'], ['action']);
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
      evidenceFrom(found.prompted),
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
