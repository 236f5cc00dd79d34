import type { Principle } from '../content/schema.ts';
import { answerText, type StoryView } from './stories.ts';

/** What a story can show, and the principles an interviewer would hear it for. Rules as data. */
interface StorySignal {
  shows: string;
  principles: string[];
  pattern: RegExp;
}

const SIGNALS: StorySignal[] = [
  {
    shows: 'ownership beyond your scope',
    principles: ['ownership'],
    pattern:
      /\b(not (my|our) (job|team|area|responsibility)|no (one|owner|owning team)|nobody owned|outside (my|our) (role|scope|team)|took (it )?on myself|volunteered|stepped in)\b/i,
  },
  {
    shows: 'a number',
    principles: ['deliver-results', 'dive-deep'],
    pattern: /(\d[\d,.]*\s?(%|percent|k\b|m\b|hours?|days?|weeks?|minutes?)|[$£€]\s?\d)/i,
  },
  {
    shows: 'a disagreement',
    principles: ['have-backbone-disagree-and-commit', 'earn-trust'],
    pattern:
      /\b(disagree\w*|pushed back|push back|objected|challenged|argued|conflict\w*|didn't agree|did not agree)\b/i,
  },
  {
    shows: 'a customer',
    principles: ['customer-obsession'],
    pattern:
      /\b(customers?|clients?|patients?|shoppers?|guests?|merchants?|users?|families|parents|students|partners)\b/i,
  },
  {
    shows: 'owning a mistake',
    principles: ['earn-trust', 'ownership'],
    pattern: /\b(my (own )?(mistake|error|fault)|i was wrong|i had made|apologi[sz]ed|admitted)\b/i,
  },
  {
    shows: 'digging into the cause',
    principles: ['dive-deep', 'are-right-a-lot'],
    pattern: /\b(root cause|dug into|digging|traced|logs?|audit\w*|analy[sz]\w*|investigat\w*)\b/i,
  },
  {
    shows: 'a simpler way',
    principles: ['invent-and-simplify'],
    pattern:
      /\b(simplif\w*|automat\w*|removed (a |the )?step|new (tool|process|way)|redesign\w*|prototype\w*)\b/i,
  },
  {
    shows: 'acting fast',
    principles: ['bias-for-action'],
    pattern:
      /\b(same day|within (an? |\d+ )?(hours?|minutes?|day)|that (night|evening|afternoon)|straight away|immediately|before waiting)\b/i,
  },
  {
    shows: 'doing more with less',
    principles: ['frugality'],
    pattern:
      /\b(budget|saved|no extra|without (extra|more|new) (money|budget|headcount|people)|cost\w*|cheaper|spare)\b/i,
  },
  {
    shows: 'developing people',
    principles: ['hire-and-develop-the-best', 'strive-to-be-earths-best-employer'],
    pattern: /\b(mentor\w*|coach\w*|trained|taught|onboard\w*|hired|interview\w*|promot\w*|new starters?)\b/i,
  },
  {
    shows: 'raising the bar',
    principles: ['insist-on-the-highest-standards'],
    pattern: /\b(standards?|quality|defects?|checklists?|review\w*|bar)\b/i,
  },
  {
    shows: 'learning something new',
    principles: ['learn-and-be-curious'],
    pattern: /\b(learn\w*|taught myself|read up|studied|course|curious)\b/i,
  },
  {
    shows: 'a bigger vision',
    principles: ['think-big'],
    pattern:
      /\b(vision|long[- ]term|strategy|roadmap|every (team|site|store|region)|across the (company|org\w*))\b/i,
  },
  {
    shows: 'care for your team',
    principles: ['strive-to-be-earths-best-employer'],
    pattern: /\b(wellbeing|well-being|burn(ed|t)? ?out|safety|workload|morale)\b/i,
  },
  {
    shows: 'effects beyond your team',
    principles: ['success-and-scale-bring-broad-responsibility'],
    pattern: /\b(community|environment\w*|sustainab\w*|accessib\w*|privacy|public)\b/i,
  },
];

export interface Suggestion {
  principleId: string;
  /** What the story shows, in the coach's words: "a disagreement". */
  shows: string;
  /** The person's own words that show it. */
  evidence: string;
}

const MAX_SUGGESTIONS = 3;

/** The sentence holding `index`: a full stop inside a number ("0.3%") does not end one. */
function sentenceAround(text: string, index: number): string {
  const ends = [...text.matchAll(/[.!?](?=\s|$)|\n/g)].map((m) => m.index ?? 0);
  const start = ends.filter((i) => i < index).reduce((_, i) => i + 1, 0);
  const end = ends.find((i) => i >= index);
  const sentence = text
    .slice(start, end === undefined ? text.length : end + 1)
    .replace(/\s+/g, ' ')
    .trim();
  return sentence.length > 140 ? `${sentence.slice(0, 139)}…` : sentence;
}

/**
 * Principles a story could also be told for, from what it shows (ownership beyond scope, a number, a
 * disagreement, a customer…), with the person's words as evidence. Only principles of `principles` (the
 * person's pack) that the story does not have yet; at most three, in the order the signals are listed.
 */
export function suggestPrinciples(story: StoryView, principles: Principle[]): Suggestion[] {
  const text = answerText(story.latestParts);
  const known = new Set(principles.map((p) => p.id));
  const suggestions: Suggestion[] = [];
  for (const signal of SIGNALS) {
    const match = signal.pattern.exec(text);
    if (!match) continue;
    for (const principleId of signal.principles) {
      if (!known.has(principleId) || story.principles.includes(principleId)) continue;
      if (suggestions.some((s) => s.principleId === principleId)) continue;
      suggestions.push({ principleId, shows: signal.shows, evidence: sentenceAround(text, match.index) });
    }
  }
  return suggestions.slice(0, MAX_SUGGESTIONS);
}
