import { type Answer, type Sentence, sentencesOf } from '../answer.ts';
import { contentWords, stem } from '../text.ts';
import { blameIn, notOneEvent } from './conduct.ts';
import {
  type Check,
  evidenceFrom,
  judgement,
  partsMissing,
  readSentences,
  signalMatches,
} from './context.ts';

const VIRTUE =
  '(?:good |clear |strong |open |effective |constant |regular |early |proper |better |honest )?(?:communication|communicating|teamwork|team work|team ?spirit|collaboration|collaborating|hard work|persistence|perseverance|patience|planning|preparation|attention to detail|listening|time management|documentation|testing|feedback|trust|transparency|ownership|prioriti[sz]ation|prioriti[sz]ing|flexibility|adaptability|empathy|honesty|leadership|organi[sz]ation|being organi[sz]ed|being proactive|proactivity|asking for help|asking questions|staying calm|staying positive|customer focus|focus|details?|working together|relationships|people skills|soft skills|alignment|stakeholder management)';
const GENERIC = new RegExp(
  [
    `\\b${VIRTUE} (?:is|are|was|were|can be|really is|matters|is always|are always) (?:so |very |really |extremely |super |incredibly |truly |always |absolutely )?(?:important|key|essential|crucial|vital|critical|valuable|everything|paramount|the key|a must|necessary|powerful|helpful)`,
    `\\bthe (?:value|importance|power|benefits?|need|role) of ${VIRTUE}`,
    `\\bhow (?:important|valuable|crucial|essential|key) ${VIRTUE} (?:is|are|was|were|can be)`,
    '\\bnever give up\\b|\\bhard work (?:always )?pays off\\b|\\bteam ?work makes\\b|\\bi learned a lot\\b|\\bi learnt a lot\\b|\\b(?:great|good|valuable) learning experience\\b|\\bi grew a lot\\b|\\balways something (?:new )?to learn\\b',
    '\\b(?:to |should |would |will |need to |must )(?:always )?(?:communicate|collaborate|plan|listen|prepare) (?:more|better|earlier|early|clearly|effectively|with (?:the|my) team)\\b',
    '\\b(?:work|working) (?:harder|smarter|together)\\b|\\bbe (?:more )?(?:proactive|organi[sz]ed|careful|patient|prepared|positive)\\b',
    '\\bteam ?work\\b|\\bteam player\\b',
    // Any "X is very important", "it's important to...": a maxim, not a lesson.
    "\\b(?:[\\w-]+ ){1,3}(?:is|are) (?:so |very |really |extremely |incredibly |super |always )?(?:important|key|essential|crucial|vital|critical)\\b|\\b(?:it's|it is) (?:so |very |really |always )?(?:important|key|essential|crucial|vital|better) to\\b",
    // Slogans that fit any story of their kind.
    "\\b(?:the )?customers? (?:always )?comes? first\\b|\\bcustomer is (?:always )?(?:right|king)\\b|\\bput(?:ting)? (?:the )?customers? first\\b|\\bdo(?:ing)? the right thing\\b|\\bpeople first\\b|\\bquality (?:always )?matters\\b|\\bless is more\\b|\\bevery (?:little )?(?:bit|detail) counts\\b|\\bfail fast\\b|\\bno pain,? no gain\\b|\\bstep out of (?:my|your) comfort zone\\b|\\bthere'?s always (?:a way|room)\\b",
    // Advice to a generic "you": "you can't build X on bad Y", "you have to escalate early".
    "\\b(?:you|one) (?:can't|cannot|can|have to|need to|should|must|always|never|shouldn't|won't)\\b",
  ].join('|'),
);

/** Content words any lesson can use; they say nothing about this story. */
const GENERIC_WORDS = new Set(
  `learn learned learnt lesson lessons important importance key essential crucial vital critical valuable value
  communication communicate communicating teamwork team teams work working hard always never people things thing
  experience great better more lot lots skill skills grow growth help helped helpful everything something
  anything process together others good well time times situation challenge challenges really also make sure
  way ways need needs stay stayed keep kept try tried trying best able think thought know knew understand
  understood realise realised realize realized taught teach approach important matters matter feel felt patience
  planning plan listen listening collaboration collaborate proactive organised organized careful positive
  future next differently different again change changed much many whole entire overall give gave pays pay off
  journey opportunity opportunities small big difference huge large little lot quick quickly early earlier
  right wrong people's someone everyone`
    .split(/\s+/)
    .map(stem),
);

const CHANGED_BEHAVIOUR =
  /\b(?:i learn(?:ed|t) to (?!be\b|value\b|appreciate\b)\w+|now,? i|i now|since then,? i|ever since,? i|these days,? i|from then on,? i|going forward,? i|next time,? i|on my next \w+,? i|i(?:'ve| have) (?:since |now )?(?:started|stopped|begun|made it|changed|added|built)|whenever i|each time i|every time i|before i \w+ (?:a|an|any) \w+,? i|i always (?:\w+ ){0,3}now|i make sure|my rule (?:now )?is|i(?:'d| would) (?:\w+ ){0,8}(?:first|earlier|up front|upfront|before|instead))\b/;
const LESSON_CUE =
  /\b(?:learn(?:ed|t)?|realis|realiz|lesson|taught|would|differently|takeaway|insight|understand|understood|discovered|hindsight|looking back|showed me|i saw that|means|meant that|the real (?:problem|cause|issue)|turned out|now|since then|next time)/;

export const specificReflection: Check = (ctx) => {
  if (partsMissing(ctx, ['reflection'])) {
    return judgement(
      'fail',
      [],
      'There is no Reflection: end with what this story taught you and what you now do differently.',
    );
  }
  const sentences = readSentences(ctx, ['reflection']);
  if (sentences.length === 0) {
    return judgement(
      'fail',
      [],
      'Add a reflection: what this story taught you and what you now do differently.',
    );
  }
  // A lesson about what others got wrong is not the speaker's own lesson.
  const blame = blameIn(sentences);
  if (blame.length > 0) {
    return judgement(
      'fail',
      evidenceFrom(blame),
      'This lesson is about what others did wrong: say what you learned about your own part, and what you now do differently.',
    );
  }
  // A habit or a plan told instead of one event has no story of its own to have taught anything.
  if (notOneEvent(ctx)) {
    return judgement(
      'fail',
      [],
      'Tell one time it happened; then say what that time taught you and what you now do differently.',
    );
  }
  const text = sentences.map((s) => s.lower).join(' ');
  const own = contentWords(text).filter((w) => !GENERIC_WORDS.has(w));
  const specific = new Set(own).size;
  const rest = storyWords(ctx.answer);
  const overlap = new Set(own.filter((w) => rest.has(w))).size;
  const behaviour = sentences.filter((s) => CHANGED_BEHAVIOUR.test(s.lower));
  const lesson = LESSON_CUE.test(text);
  const generic = sentences.filter((s) => GENERIC.test(s.lower));
  const signals = signalMatches(ctx, 'specific-reflection', sentences);
  const tied = overlap >= 1 || behaviour.length > 0 || specific >= 8 || signals.length > 0;
  const best = [...signals, ...behaviour, ...sentences.filter((s) => !generic.includes(s))];

  if (generic.length > 0) {
    if (specific >= 6 && tied) {
      return judgement(
        'partial',
        evidenceFrom(generic),
        'Part of this is a general lesson; keep the part only this story could teach, and what you now do differently.',
      );
    }
    return judgement(
      'fail',
      evidenceFrom(generic),
      'A general lesson that could end any story: name what this story taught you and what you now do differently.',
    );
  }
  const lessonish = lesson || behaviour.length > 0 || signals.length > 0;
  // Rich and tied to the story, or short but built from the story's own words ("check IDs after every migration").
  if ((specific >= 5 && tied && lessonish) || (overlap >= 2 && specific >= 3)) {
    return judgement('pass', evidenceFrom(best), 'A lesson that belongs to this story.');
  }
  if (specific >= 3 || (specific >= 2 && lessonish)) {
    return judgement(
      'partial',
      evidenceFrom(best),
      'Make the lesson sharper: what exactly this story taught you, and what you now do differently because of it.',
    );
  }
  return judgement(
    'fail',
    evidenceFrom(sentences),
    'Too thin to be a lesson: name what this story taught you and what you now do differently.',
  );
};

/** Content words of the rest of the story, to tell a lesson tied to it from a general one. */
function storyWords(answer: Answer): Set<string> {
  const others: Sentence[] = sentencesOf(answer, ['situation', 'task', 'action', 'result']);
  return new Set(contentWords(others.map((s) => s.lower).join(' ')).filter((w) => !GENERIC_WORDS.has(w)));
}
