import type { PartName } from '../content/schema.ts';

/** Label words (lowercase) and the part each one names. */
const LABEL_WORDS: Record<string, PartName> = {
  situation: 'situation',
  context: 'situation',
  background: 'situation',
  setting: 'situation',
  scenario: 'situation',
  problem: 'situation',
  challenge: 'situation',
  'the situation': 'situation',
  'the problem': 'situation',
  'the challenge': 'situation',
  task: 'task',
  tasks: 'task',
  'the task': 'task',
  'my task': 'task',
  goal: 'task',
  goals: 'task',
  'my goal': 'task',
  objective: 'task',
  objectives: 'task',
  role: 'task',
  'my role': 'task',
  responsibility: 'task',
  'my responsibility': 'task',
  'the ask': 'task',
  mission: 'task',
  action: 'action',
  actions: 'action',
  'actions taken': 'action',
  'the action': 'action',
  'my actions': 'action',
  'what i did': 'action',
  approach: 'action',
  'my approach': 'action',
  steps: 'action',
  'steps taken': 'action',
  'what i did about it': 'action',
  result: 'result',
  results: 'result',
  'the result': 'result',
  'the results': 'result',
  outcome: 'result',
  outcomes: 'result',
  'the outcome': 'result',
  impact: 'result',
  'result and impact': 'result',
  'results and impact': 'result',
  'impact and results': 'result',
  reflection: 'reflection',
  reflections: 'reflection',
  learning: 'reflection',
  learnings: 'reflection',
  lesson: 'reflection',
  lessons: 'reflection',
  'lesson learned': 'reflection',
  'lessons learned': 'reflection',
  'lesson learnt': 'reflection',
  'lessons learnt': 'reflection',
  'what i learned': 'reflection',
  learned: 'reflection',
  learnt: 'reflection',
  'key learning': 'reflection',
  'key learnings': 'reflection',
  'what i learnt': 'reflection',
  takeaway: 'reflection',
  takeaways: 'reflection',
  'key takeaway': 'reflection',
  'key takeaways': 'reflection',
  'looking back': 'reflection',
  retrospective: 'reflection',
  'what i would do differently': 'reflection',
  "what i'd do differently": 'reflection',
};

/** The canonical STAR words may be followed by " -" or stand alone in bold; other label words need a colon or a line of their own. */
const CANONICAL = new Set([
  'situation',
  'task',
  'action',
  'actions',
  'result',
  'results',
  'reflection',
  'learning',
  'learnings',
  'outcome',
  'context',
]);
/** S, T, A, R, and L for the Learning some people add as a fifth part. */
const LETTERS: Record<string, PartName> = {
  s: 'situation',
  t: 'task',
  a: 'action',
  r: 'result',
  l: 'reflection',
};

const WORD_ALTERNATION = Object.keys(LABEL_WORDS)
  .sort((a, b) => b.length - a.length)
  .map((w) => w.replace(/'/g, "'?"))
  .join('|');
const PREFIX = String.raw`^[\s>#*+•·▪‣◦=|-]*(?:\d{1,2}[.)]\s*)?[\[(]?\s*`;
/** "Situation:", "## Situation", "- Situation -", "[Situation]", "Situation (S):" ... */
const WORD_LABEL = new RegExp(
  `${PREFIX}(${WORD_ALTERNATION})\\s*([\\])])?(?:\\s*\\(\\s*[star]\\s*\\))?(?:\\s*(:|[-=|]+(?=\\s|$)|\\.$|$))?\\s*`,
  'iu',
);
/** "S:", "(S)", "S -", "[T]" and "S)" at the start of a line. */
const LETTER_LABEL = /^[\s>#*+•·▪‣◦|-]*(?:\(([starl])\)|\[([starl])\]|([starl])\s*(?::|\)|\s[-–]\s|$))\s*/iu;

export interface LabelMatch {
  part: PartName;
  /** Length of the label at the start of the line, including trailing punctuation and spaces. */
  length: number;
}

/** The part a line starts with a label for, if any. */
export function matchLabel(line: string): LabelMatch | undefined {
  const word = WORD_LABEL.exec(line);
  if (word) {
    const key = word[1]!.toLowerCase().replace(/^what id /, "what i'd ");
    const part = LABEL_WORDS[key];
    const punctuation = word[3] ?? '';
    const rest = line.slice(word[0].length);
    const ownLine = rest.trim() === '';
    const bracketed = word[2] !== undefined;
    const allowed =
      punctuation === ':' ||
      ownLine ||
      bracketed ||
      (CANONICAL.has(key) && punctuation !== '.' && punctuation !== '');
    if (part && allowed) return { part, length: word[0].length };
  }
  const letter = LETTER_LABEL.exec(line);
  const key = (letter?.[1] ?? letter?.[2] ?? letter?.[3])?.toLowerCase();
  if (letter && key) {
    const part = LETTERS[key];
    if (part) return { part, length: letter[0].length };
  }
  return undefined;
}

/** Puts mid-paragraph labels ("... done. Result: ...", "... (T) ...") on lines of their own. */
export function breakInlineLabels(text: string): string {
  return text
    .replace(
      /([.!?)"'])[ \t]+(?=(?:situation|task|actions?|results?|reflection|learnings?|lessons? learn[et]d?|context|outcome|impact)\s*:)/giu,
      '$1\n',
    )
    .replace(/([.!?"'])[ \t]+(?=\((?:S|T|A|R|L)\)\s)/gu, '$1\n')
    .replace(/([.!?"'])[ \t]+(?=(?:S|T|A|R):\s)/gu, '$1\n');
}
