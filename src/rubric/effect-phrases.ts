/** Phrases for what a result changed beyond the fix itself; used by second-order-effect and as Result cues. */

const W = '[\\w\'"-]+';
const WIDER =
  '(?:all|every|each|other|the other|another|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|a dozen|dozens of|hundreds of|several|many|more|most|\\d+|the (?:whole|entire|wider|rest|two|three|four|five|other|\\d+)|our other|the (?:company|group|business|division|org|organi[sz]ation|network|region|country))';
const STANDARD =
  '(?:standard|default|template|norm|process|playbook|best practice|blueprint|baseline|benchmark|reference|requirement|required|mandatory|policy|checklist|guideline|practice|principles?|manual|tooling|handbook|onboarding|way we|go-to)';

/** The work spread beyond the fix: adopted elsewhere, made standard, stopped recurring, taught to others. */
export const SPREAD = new RegExp(
  [
    `(?<!\\b(?:i|we) )\\b(?:adopted|reused|copied|replicated|picked up)\\b`,
    `\\b(?:team|teams|department|group|division|company|org|managers?|sites?|regions?|stores?|offices?|wards?|leadership|director|matron|they|others|colleagues) (?:then |later |also |has |have |had |since |quickly )*(?:used|asked for|requested|took (?:it |this |that )?up|started using|rolled (?:${W} ){0,5}?out|extended|copied|made (?:it|this|that|my|the))\\b`,
    `\\b(?:adopt\\w*|reus\\w*|cop(?:y|ied|ies)|rolled (?:${W} ){0,5}?out|extended|expanded|scaled|replicated|applied|spread|added|used|introduced|shared|went out|sent out) (?:${W} ){0,6}?(?:by|to|across|for|in|at|on|into) ${WIDER}\\b`,
    `\\b(?:then|later|afterwards|since|subsequently) (?:been )?(?:rolled out|extended|expanded|adopted|reused|copied|applied|added|used|made)\\b`,
    // Became the standard, with who adopted it: "for all five wards", "the ward's standard", not "it became the standard".
    `\\bbec(?:a|o)me (?:${W} ){0,5}?${STANDARD}s?\\b(?= (?:${W} ){0,3}?(?:for|across|in|at|on|throughout|by) )|\\bbec(?:a|o)me (?:the |our |their )?[\\w-]+'s? (?:${W} )?${STANDARD}`,
    `\\bma(?:de|ke) (?:${W} ){0,6}?(?:the |a |our )?(?:${STANDARD}|part of)\\b`,
    `\\b(?:is|are|was) now (?:part of|the|a|used|in|standard|mandatory|required)\\b|\\bnow part of\\b|\\bstill (?:in use|used|running|uses?|the (?:standard|default))\\b`,
    `\\bnow (?:(?:we|they|everyone|the (?:team|ward|unit|shift|store|site)) (?:all )?)?(?:run|use|do|apply|include|check)s? (?:${W} ){0,10}?(?:in|for|across|on|with) (?:every|all|each|any)\\b`,
    // A standing way of working changed: "the firm's checklist for landlord clients is updated".
    `\\b(?:checklists?|templates?|procedures?|polic(?:y|ies)|forms?|guidance|sops?|rotas?|handbooks?|audit (?:lists?|programmes?)|induction|training) (?:${W} ){0,5}?(?:is|was|are|were|has been|have been|gets?|got) (?:now )?(?:updated|changed|amended|rewritten|revised)\\b`,
    // Others keeping it up: "the other nurses still fill in the logbook every morning".
    `(?<!\\b(?:i|we) )\\b(?:still|now) (?:${W} ){1,5}?every (?:day|morning|evening|night|shift|week|month|round)\\b`,
    '\\basked (?:me )?for the same (?:approach|process|tool|template|checklist|system|set-?up|fix|report|sheet)\\b',
    // Who made what part of their way of working: "the unit added a lactate check to the night-shift checklist".
    `\\b(?!(?:i|we|me|us)\\b)[\\w-]+ (?:then |later |also |has |have |had |since |now )*(?:added|adds|wrote|writes|built|builds|put|puts|made|makes) (?:${W} ){1,8}?(?:to|into|in|part of) (?:the |our |their |its |every |each )?(?:${W} ){0,3}?${STANDARD}s?\\b`,
    // Kept as the way of working: "the unit kept the drying rota as standing practice".
    '\\bas (?:standing|standard|normal|routine|permanent|everyday) (?:practice|procedure|policy|process)\\b|\\bbec(?:a|o)me (?:a )?permanent(?: part of)?\\b',
    '\\b(?:company|org|organi[sz]ation|department|business|division|group|industry|network)[- ]wide\\b|\\bacross the (?:company|org|organi[sz]ation|business|department|division|group|region|country|fleet|estate|network)\\b',
    `\\b(?:prevent\\w*|stopp?\\w*|avoid\\w*) (?:${W} ){0,4}(?:recurr\\w*|happening again|coming back|repeat\\w*|future|further|similar|again)\\b`,
    "\\b(?:hasn't|has not|haven't|have not|never|didn't|did not) (?:\\w+ ){0,2}(?:happened|recurred|come back|returned|occurred|repeated)\\b",
    `\\b(?:zero|no|none|not a single|not one) (?:${W} ){0,5}?(?:since|ever since|recurrence|repeats?)\\b`,
    '\\b(?:has|have) since (?:caught|prevented|found|saved|flagged|stopped|been (?:used|adopted|reused|copied|applied))\\b|\\blater (?:it |they |this )?(?:caught|prevented|flagged|found)\\b',
    `\\b(?:wrote|created|published|documented|built|ran|delivered|recorded|turned|shared) (?:${W} ){0,4}(?:runbook|playbook|guide|wiki|docs?|documentation|training|workshop|template|checklist|lunch-and-learn|session|course|library|toolkit|pack)s?\\b[^.;]{0,50}?\\b(?:for|so|that|to|into) (?:other|the (?:rest|wider|whole|other)|new|future|every|everyone|all|anyone|teams?|managers|engineers|colleagues|reps)\\b`,
    `\\btrained (?:${W} ){0,3}(?:others|other|new|the (?:rest|wider|whole|other)|\\d+|two|three|four|five|several|all|every)\\b`,
    '\\b(?:led|leading|lead) to (?:a|the) (?:new|company|wider|broader|permanent|formal)\\b|\\bkick(?:ed)?[- ]?started\\b|\\bfollow-?on\\b',
  ].join('|'),
  'g',
);
/** Something lasted or went a little further, without saying who else it changed things for. */
export const RIPPLE =
  /\b(?:since then|ever since|going forward|from then on|long[- ]term|lasting|permanent(?:ly)?|sustain\w*|reusable|repeatable|template|playbook|runbook|framework|documented|knock-on|side effect|as a bonus|in addition|promoted|recogni[sz]ed|award\w*|invited to|asked me to (?:lead|present|run|share)|kept using|continued to use|still (?:on|in|live|available|up|there)|(?:the|our) team now)\b|\bnow (?:uses?|runs?|has|have|gets?|checks?|reviews?|includes?)\b|\bso (?:we|they|the team|anyone|others)(?:'d| would| can| could| will) (?:see|catch|spot|know|notice)\b|\b(?:after that|afterwards|since then),? i (?:also )?(?:started|began|set up|introduced)\b|\balso\b(?: \w+){0,6} (?:helped|improved|led|meant|made|gave|unblocked|freed|reduced)\b/;
