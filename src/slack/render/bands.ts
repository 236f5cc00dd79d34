import { BAND_LABELS } from '../../coach/messages.ts';
import type { Band, Verdict } from '../../rubric/types.ts';

const BAND_RANK: Record<Band, number> = {
  'strongly-not-inclined': 1,
  'not-inclined': 2,
  inclined: 3,
  'strongly-inclined': 4,
};

/** Four squares, filled up to the band: a bar that reads at a glance and in a screen reader's label. */
export function bandBar(band: Band | null): string {
  const filled = band ? BAND_RANK[band] : 0;
  return `${'🟩'.repeat(filled)}${'⬜'.repeat(4 - filled)}`;
}

export const bandLabel = (band: Band | null) => (band ? BAND_LABELS[band] : 'not practised yet');

export const VERDICT_EMOJI: Record<Verdict, string> = {
  pass: ':white_check_mark:',
  partial: ':large_yellow_circle:',
  fail: ':x:',
  'n/a': ':heavy_minus_sign:',
};
