import type { Band } from '../rubric/types.ts';
import { BAND_LABELS, message } from './messages.ts';
import type { Debrief, MessagePart, OutgoingMessage } from './types.ts';

/**
 * How a person sees their results: with or without numeric scores and verdict bands (`scores off`). Every
 * renderer takes one; what hides a score is this file, not a check in each renderer. Feedback, quotes,
 * contrasts and follow-ups are never hidden.
 */
export interface ScoreView {
  showScores: boolean;
}

export const SCORES_SHOWN: ScoreView = { showScores: true };
export const SCORES_HIDDEN: ScoreView = { showScores: false };

export const viewOf = (profile: { showScores: boolean } | null | undefined): ScoreView =>
  profile?.showScores === false ? SCORES_HIDDEN : SCORES_SHOWN;

/** A band (and score) in words, or undefined when scores are hidden or there is none. */
export function bandWords(view: ScoreView, band: Band | null, score?: number | null): string | undefined {
  if (!view.showScores || band === null) return undefined;
  return score === null || score === undefined ? BAND_LABELS[band] : `${BAND_LABELS[band]} (${score}/100)`;
}

/** A band, or `fallback` when there is none; when scores are hidden, `hidden`. */
export function bandOr(view: ScoreView, band: Band | null, fallback: string, hidden: string): string {
  if (!view.showScores) return hidden;
  return band ? BAND_LABELS[band] : fallback;
}

/** A debrief as the person sees it. */
export function viewDebrief(view: ScoreView, debrief: Debrief): Debrief {
  if (view.showScores) return debrief;
  return { ...debrief, principles: debrief.principles.map(({ band: _b, score: _s, ...rest }) => rest) };
}

function viewPart(part: MessagePart): MessagePart {
  switch (part.kind) {
    case 'feedback':
    case 'summary': {
      const { band: _band, score: _score, ...rest } = part;
      return rest;
    }
    case 'debrief':
      return { ...part, debrief: viewDebrief(SCORES_HIDDEN, part.debrief) };
    default:
      return part;
  }
}

/** A coaching message as the person sees it: without bands and scores when they practise without them. */
export function viewMessage(view: ScoreView, outgoing: OutgoingMessage): OutgoingMessage {
  if (view.showScores) return outgoing;
  return message(...outgoing.parts.map(viewPart));
}
