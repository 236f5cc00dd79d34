/** What counts as the speaker taking a step, read from the verb's lemma: shared by the splitter and the criteria. */
import { CONCRETE_PAST } from './lexicon.ts';
import { analyse, type SpeakerVerb } from './nlp.ts';

/** Verbs that are not steps: states, thoughts, wishes and the auxiliaries' own lemmas. */
export const NOT_A_STEP = new Set(
  `be have do feel think know want need like love hate hope seem believe remember understand realise realize
  learn wonder wish guess mean try stay wait say see look become get go come let help handle manage work`.split(
    /\s+/,
  ),
);
/** "I" followed by a word that is not a regular past form: only such sentences need the analyser. */
export const MAY_HAVE_PRESENT_STEP =
  /\bi(?:'ve| have| do| then| also| first| now)? (?!\w+ed\b|(?:was|had|did|took|ran|wrote|built|made|found|got|went|saw|knew|thought|felt|kept|led|sent|spent|told|gave|began|brought|caught|chose|drew|held|met|paid|said|sold|spoke|stood|understood|won|rewrote|learnt|could|would|should|might|must|will|am|think|know|want|need|feel)\b)[a-z]{2,}/;
let concreteLemmas: Set<string> | undefined;

/** The lemmas of the concrete action verbs ("pulled" gives "pull"), read once through the analyser. */
export function concreteLemmaSet(): Set<string> {
  if (!concreteLemmas) {
    concreteLemmas = new Set();
    for (const entry of CONCRETE_PAST) {
      const word =
        entry
          .replace(/\[sz\]/g, 's')
          .replace(/\+/g, '')
          .split(' ')[0] ?? '';
      if (!/^[a-z-]+$/.test(word)) continue;
      const verb = analyse(`I ${word} it.`).speakerVerbs[0];
      if (verb) concreteLemmas.add(verb.lemma);
    }
  }
  return concreteLemmas;
}

/** How much a speaker verb says about a step: 1 for a concrete action, 0.5 for another action, 0 for none. */
export function stepWeight(verb: SpeakerVerb): number {
  if (verb.tense === 'modal' || verb.negated || NOT_A_STEP.has(verb.lemma)) return 0;
  return concreteLemmaSet().has(verb.lemma) ? 1 : 0.5;
}

/** A sentence that may tell a step as a plan or a habit: "I would call", "I'll check", "I am ringing", "I usually ask". */
export const MAY_HAVE_PLANNED_STEP =
  /\bi(?:'d|'ll| would| will| am|'m| usually| always| normally| then| first)+ [a-z]{2,}/;

/**
 * Where a sentence belongs in the answer: a step told as a plan or a habit ("I would call each supplier") is still a
 * step, so it belongs to the Action (whether it counts as one taken is for the criteria to judge).
 */
export function partStepWeight(verb: SpeakerVerb): number {
  if (verb.tense !== 'modal') return stepWeight(verb);
  if (verb.negated || NOT_A_STEP.has(verb.lemma)) return 0;
  return concreteLemmaSet().has(verb.lemma) ? 0.6 : 0;
}
