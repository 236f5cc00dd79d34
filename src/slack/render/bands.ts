import { BAND_LABELS } from '../../coach/messages.ts';
import { SCORES_SHOWN, type ScoreView } from '../../coach/score-view.ts';
import type { Band, Verdict } from '../../rubric/types.ts';

const BAND_RANK: Record<Band, number> = {
  'strongly-not-inclined': 1,
  'not-inclined': 2,
  inclined: 3,
  'strongly-inclined': 4,
};

/** Four squares, filled up to the band: a bar that reads at a glance and in a screen reader's label. */
export function bandBar(band: Band | null, view: ScoreView = SCORES_SHOWN): string {
  if (!view.showScores) return '';
  const filled = band ? BAND_RANK[band] : 0;
  return `${'🟩'.repeat(filled)}${'⬜'.repeat(4 - filled)}`;
}

/** The band in words; when scores are hidden, undefined (the caller leaves the verdict out). */
export function bandLabel(band: Band | null, view: ScoreView = SCORES_SHOWN): string | undefined {
  if (!view.showScores) return undefined;
  return band ? BAND_LABELS[band] : 'not practised yet';
}

export const VERDICT_EMOJI: Record<Verdict, string> = {
  pass: ':white_check_mark:',
  partial: ':large_yellow_circle:',
  fail: ':x:',
  'n/a': ':heavy_minus_sign:',
};
