/**
 * Phrases that state whose work it was and who chose to do it. Used by the scope-ownership criterion and,
 * as cues, by the splitter (such sentences belong to the Task). All patterns are global and lowercase.
 */

const AREA =
  "(?:team'?s?|job|area|responsibilit(?:y|ies)|project|role|system|service|code|codebase|remit|problem|department|product|account|client|portfolio|territory|call|domain|scope|plate|roadmap|backlog|sprint|brief|lane|function|process|queue|patch|decision|task|ticket|objectives?|targets?|goals?|kpis?|okrs?|plan|job description|content|report|feature|budget|area of responsibility)";
/** An optional softener between the subject and the verb: "I sort of took it on", "nobody had really looked". */
const SOFT =
  '(?:(?:sort of|kind of|just|then|quickly|eventually|actually|finally|also|really|ever|even|simply) )?';

/** The work sat outside the speaker's remit, or nobody had asked for it. */
export const BOUNDARY = new RegExp(
  [
    `\\bnot (?:my|our|part of (?:my|our)|in (?:my|our)|on (?:my|our)) (?:own )?${AREA}`,
    `\\b(?:wasn't|was not|isn't|is not|weren't|were not) (?:really |strictly |formally |even )?(?:my|our|part of (?:my|our)|in (?:my|our)|on (?:my|our)|within (?:my|our)) (?:own |job |team's )?${AREA}`,
    "\\b(?:wasn't|was not|weren't|were not|isn't) (?:really |strictly )?(?:mine|ours)\\b",
    `\\boutside (?:of )?(?:my|our|the) (?:own |immediate |direct |team's )?(?:team|area|scope|role|remit|responsibilit\\w+|job|department|brief|lane|domain|expertise|comfort zone|function|org|objectives|targets|plan)`,
    `\\b(?:nobody|no one|no-one|noone|none of us) (?:else )?(?:had |has |was |were )?${SOFT}(?:ask(?:ed|s)?|assign(?:ed|s)?|own(?:ed|s)?|been (?:named|assigned|given|put in charge)|look(?:ed|s|ing)?|responsible|owning|took|takes?|taking|pick(?:ed|s)?|want(?:ed|s)?|claim(?:ed|s)?|volunteer(?:ed|s)?|expect(?:ed|s)?|flag(?:ged|s)?|notic(?:ed|es?)|rais(?:ed|es?)|report(?:ed|s)?|spott(?:ed)?|spots?|link(?:ed|s)?|connect(?:ed|s)?|touch(?:ed|es)?|investigat(?:ed|es?)|follow(?:ed|s)? up|had time|had the time|track(?:ed|s)?)`,
    '\\b(?:nobody|no one|no-one) (?:had )?told (?:me|us) to\\b',
    '\\bwithout (?:being (?:asked|told)|anyone (?:asking|telling)|a ticket|any (?:ticket|mandate|request))',
    '\\bno (?:ticket|jira|request|mandate|owner|clear owner|one owned|one was assigned|budget line)\\b',
    '\\bon my own (?:initiative|time)|\\bof my own accord|\\bunprompted\\b|\\boff my own bat\\b|\\bin my (?:own|spare) time\\b',
    "\\b(?:wasn't|was not|weren't|were not) (?:required|expected|supposed|asked) to\\b|\\bnobody expected me to\\b|\\b(?:didn't|did not) (?:have|need) to\\b",
    '\\bfell between (?:teams|the cracks|two teams)',
    // "I'm not on the outage team", "my manager not asked me" (grammar does not decide the verdict).
    "\\bi(?:'m| am| was) ?(?:not|n't) (?:even )?(?:on|in|part of|from) (?:the|that|a)? ?(?:[\\w-]+ ){0,2}(?:team|department|desk|unit|crew|squad|group|call|rota|shift)\\b",
    "\\b(?:my|our|the) (?:[\\w-]+ )?(?:manager|boss|lead|supervisor|director|teacher|head) (?:had |did |has |does )?(?:not|never|didn't|did not|hadn't|had not|doesn't|does not) (?:ask|asked|tell|told) (?:me|us)\\b",
    '\\b(?:above|beyond) (?:my|the) (?:role|job|remit|pay grade|brief)|\\bgo(?:ing|ne)? beyond (?:my|the) (?:role|job|remit|brief|ask)',
  ].join('|'),
  'g',
);

/** Whose the work was, as context: a boundary, but not yet a choice. */
export const OTHERS_AREA =
  /\b(?:belonged|belongs) to (?:another|a different|the [\w-]+(?: [\w-]+)?) (?:team|group|department)|\b(?:owned|run|managed|set|handled) by (?:another|a different|the [\w-]+(?: [\w-]+)?) (?:team|group|department|managers?)\b|\b(?:is|was|are|were) (?:done|owned|run|handled|planned|managed) by (?!me\b|us\b|myself\b)(?:an? |the )?[\w-]+(?: [\w-]+)?(?:,? not (?:by )?(?:me|us))?|\b(?:is|was) (?:the )?[\w-]+(?: [\w-]+){0,2}'s (?:job|responsibility|area|number|call|problem|decision)\b|\b(?:another|a different|a sister|a neighbouring|a neighboring|the other) (?:team|department)'?s?\b|\bsat with (?:a|another|the) (?:separate |different )?(?:team|group)\b/g;

/** The speaker took the work on: volunteering, taking ownership, claiming it as theirs. */
export const INITIATIVE = new RegExp(
  [
    `\\b(?:i|and|but|so) ${SOFT}(?:volunteered|offered|took it upon myself|made it my (?:job|mission|priority|goal|business|project))\\b|\\bi ${SOFT}(?:volunteer|offer|make it my (?:job|mission|priority|goal|business|project))\\b`,
    `\\bi ${SOFT}took (?:it|this|that|the [\\w-]+) on\\b|\\bi ${SOFT}took (?:on )?(?:ownership|the initiative|initiative|responsibility|the lead|charge)\\b`,
    `\\bi ${SOFT}(?:stepped up|put my hand up|raised my hand|ask(?:ed)? (?:if|whether) i (?:could|can))\\b|\\bi ${SOFT}ask(?:ed)? (?:him|her|them|(?:my|our|the) [\\w-]+(?: [\\w-]+)?) (?:if i (?:could|can)|whether i (?:could|can)|to (?:give|let|hand) me)\\b`,
    '\\bend[- ]to[- ]end\\b|\\bfull ownership\\b|\\bi (?:personally )?owned (?:it|this|that|the)\\b',
    '\\b(?:it|this|that|the [\\w-]+) myself\\b|\\bi personally\\b|\\bmy own idea\\b',
    '\\b(?:was|were|is) (?:all )?(?:mine|my call|my decision|on me)\\b|\\bit was on me\\b',
    // A goal the speaker set themselves, with what it was: "I set myself the goal of opening both sites".
    "\\bi set myself (?:a|the|an) (?:\\w+ )?(?:goal|target|challenge|deadline)\\b|\\bi (?:said |told (?:[\\w-]+ ){1,3})(?:that )?i(?:'d| would|'ll| will) (?:take (?:it|this|that|them) on|own|take (?:ownership|charge|responsibility))\\b",
  ].join('|'),
  'g',
);

/** Whose problem it was, loosely: "wasn't one of my categories", "not my patient", "anyway". */
export const NOT_MINE =
  /\b(?:wasn't|was not|isn't|is not|weren't|were not|not) (?:\w+ ){0,3}?(?:my|our|mine|ours)\b|\b(?:but|although|even though|though)\b[^.;]{0,60}\b(?:i|so i) (?:\w+ )?(?:decided|decide|chose|choose|proposed|set out)\b|\b(?:decided|decide|chose) to [^.;]{3,80}\banyway\b/;

/**
 * A decision to act ("I decided to", "I proposed"): initiative only next to whose problem it was (a boundary
 * or another team's area), and only when it says what was decided, not "so I decided to fix it".
 */
export const DECISION = new RegExp(
  `\\b(?:i|and|but|so) ${SOFT}(?:decided|decide|decides|chose|choose|committed|resolved|set out|wanted to|want to|spoke up|pushed for|proposed|pitched|said i'?d|said i would|asked to)\\b`,
  'g',
);
/** What follows a decision says nothing: "decided to fix it", "chose to sort things out". */
export const EMPTY_DECISION =
  /^(?: to)? (?:\w+ )?(?:it|this|that|things|everything|something|the (?:problem|issue|situation|matter))(?: (?:out|up|myself|properly|right away|quickly|on my own))*\s*[.!,]?$|^(?: to)? (?:act|help|step in|do something|take action|get involved)\s*[.!,]?$/;

/** A choice set against the default: "the standard route was X; I decided to own the diagnosis first instead". */
export const AGAINST_DEFAULT =
  /\b(?:instead|rather than|the (?:standard|default|usual|normal|obvious|easy) (?:route|way|move|process|option|answer|thing)|by default|the process (?:was|said)|first,? before)\b/;

/** The work came from someone else. */
export const PROMPTED = new RegExp(
  [
    '\\b(?:my|our|the) (?:[\\w-]+ )?(?:manager|boss|lead|director|supervisor|vp|head of \\w+|cto|ceo|cfo|coo|founder|client|customer|stakeholders?|pm|product owner|senior|mentor|matron|partner)s? (?:had |then |also |first )?(?:asked|told|mentioned|suggested|wanted|assigned|gave|tasked|instructed|requested|handed|put me|pulled me|brought me|pointed out|needed|expected|sent|made it clear|decided|set|said|(?:asks? (?:me|us)|tells? (?:me|us) to|wants (?:me|us) to|gives (?:me|us)|sends (?:me|us)|assigns|puts (?:me|us))\\b)\\b',
    '\\bi (?:was|got|had been) (?:asked|told|assigned|tasked|given|handed|instructed|brought in|pulled in|put on|put in charge|chosen|selected|picked|expected)\\b',
    "\\b(?:was|got) (?:assigned|given|handed) to (?:me|my (?:team|squad))\\b|\\b(?:they|he|she|someone|leadership|management) asked me\\b|\\bassigned (?:to )?me\\b|\\bas part of my (?:job|role|sprint|duties)\\b|\\bmy (?:manager|boss|lead)'s (?:request|idea|suggestion)\\b|\\b(?:was|were) (?:identified|set|chosen) as (?:a|the|our) (?:priority|goal)\\b",
  ].join('|'),
  'g',
);

/** Responsibility stated, but not whether it was chosen. */
export const STATED_SCOPE =
  /\bmy (?:main |primary |core |specific |first )?(?:task|goal|job|role|responsibility|objective|mission|remit|brief|part|priority|problem) (?:was|is|became|had been)\b|\b(?:made|make) it my problem\b|\bi (?:was|am) (?:responsible|accountable|in charge)\b|\bi (?:led|owned|ran|drove|managed) (?:the|a|our|this|that)\b|\bi (?:had|needed) to\b|\bi (?:picked it up|took (?:it|this|the \w+) over|noticed|spotted)\b|\bon my own\b|\bmy (?:area|responsibility)\b|\bwas (?:my|on my) (?:plate|area|patch)\b|\bit was my (?:job|responsibility|role|task|duty)\b|\bon[- ]call\b/g;
