import type { Debrief, DebriefMoment } from './types.ts';

/** Band words as interviewers write them in a debrief. */
const VERDICT_WORDS = {
  'strongly-not-inclined': 'Strongly not inclined',
  'not-inclined': 'Not inclined',
  inclined: 'Inclined',
  'strongly-inclined': 'Strongly inclined',
} as const;

function clip(text: string, max = 200): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

export const momentText = (m: DebriefMoment) => `${m.criterion}: "${clip(m.quote)}"`;

/** The same-story warning: which principles heard one story, and why it matters in a loop. */
export function sameStoryWarning(groups: string[][]): string | undefined {
  if (groups.length === 0) return undefined;
  const named = groups.map((g) => `${g.slice(0, -1).join(', ')} and ${g[g.length - 1]}`).join('; ');
  return `Same story told twice: ${named}. A loop's interviewers compare notes in the debrief, so each principle needs its own story.`;
}

/** A verdict heading for one principle: its name, with the verdict and score when scores are shown. */
export function verdictHeading(p: Debrief['principles'][number]): string {
  if (p.band === undefined) return p.principle;
  return `${p.principle}: ${VERDICT_WORDS[p.band]}${p.score === undefined ? '' : ` (${p.score}/100)`}`;
}

/** The debrief as plain text (the terminal, the export and Slack's notification fallback). */
export function debriefText(debrief: Debrief): string {
  const lines = [`Mock interview debrief: ${debrief.principles.length} questions`];
  for (const p of debrief.principles) {
    lines.push('', verdictHeading(p), `  Asked: ${p.question}`);
    for (const e of p.evidenceFor) lines.push(`  For: ${momentText(e)}`);
    for (const e of p.evidenceAgainst) lines.push(`  Against: ${momentText(e)}`);
    if (p.evidenceFor.length + p.evidenceAgainst.length === 0) lines.push('  No evidence either way.');
    if (p.followUp)
      lines.push(
        `  Follow-up: ${p.followUp.question} ${p.followUp.answer ? `You said: "${clip(p.followUp.answer)}"` : '(skipped)'}`,
      );
  }
  lines.push('');
  if (debrief.strongest)
    lines.push(`Strongest moment (${debrief.strongest.principle}): ${momentText(debrief.strongest)}`);
  if (debrief.weakest)
    lines.push(`Weakest moment (${debrief.weakest.principle}): ${momentText(debrief.weakest)}`);
  const warning = sameStoryWarning(debrief.sameStory);
  if (warning) lines.push(`Warning: ${warning}`);
  return lines.join('\n');
}
