/**
 * Action phrases that name an activity but no step: what was escalated, followed up or coordinated, and how, is
 * left out. Fragments for `words()`; they add to the vague activity and routing lists in the lexicon.
 */
export const UNSPECIFIED_ACTIVITY = [
  // A verb with no object, or a stand-in for one: "I followed up.", "communicated throughout".
  'followed up(?: on (?:it|this|that|things|everything|anything(?: that was)? outstanding|(?:the )?(?:actions|next steps)))?(?=\\s*(?:[.,;]|$|and\\b))',
  'documented (?:everything|it all|it|things|what happened)',
  'coordinat(?:ed|ing) (?:with|between|across)',
  'kept (?:the |all |our |key |my )?(?:stakeholders|everyone|everybody|people|them|management|manager|the team|the business)(?: \\w+)? (?:updated|informed|in the loop|posted|aligned|on track)',
  'made sure (?:everyone|everybody|all (?:the )?stakeholders|the team) (?:was|were|stayed|felt) (?:aligned|informed|on board|on the same page|happy|supported)',
  '(?:looked|look) after (?:communications|the day-to-day|everything|things)',
  'oversaw (?:the )?(?:day-to-day|everything|things|the (?:process|work|running))',
];

/** Complaining to someone until they act is routing the problem, not working on it. */
export const COMPLAINT_ROUTING = ['complained (?:\\w+ )?(?:to|about)'];
