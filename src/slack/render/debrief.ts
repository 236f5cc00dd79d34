import { sameStoryWarning, verdictHeading } from '../../coach/debrief-text.ts';
import type { Debrief, DebriefMoment } from '../../coach/types.ts';
import { bandBar } from './bands.ts';
import { type Block, escapeText, header, quoteUser, section } from './limits.ts';

const momentLine = (label: string, m: DebriefMoment) =>
  `${label} *${escapeText(m.criterion)}*: ${quoteUser(m.quote, 160)}`;

/** A mock's debrief as Block Kit: one section per principle, then the moments and the same-story warning. */
export function debriefBlocks(debrief: Debrief): Block[] {
  const blocks: Block[] = [header(`Mock interview debrief: ${debrief.principles.length} questions`)];
  for (const p of debrief.principles) {
    const lines = [
      `${p.band ? `${bandBar(p.band)} ` : ''}*${escapeText(verdictHeading(p))}*`,
      `_${escapeText(p.question)}_`,
      ...p.evidenceFor.map((e) => momentLine(':white_check_mark: For:', e)),
      ...p.evidenceAgainst.map((e) => momentLine(':x: Against:', e)),
      ...(p.followUp
        ? [
            `Follow-up: ${escapeText(p.followUp.question)}${p.followUp.answer ? `\n>You said: ${quoteUser(p.followUp.answer, 160)}` : ' _(skipped)_'}`,
          ]
        : []),
    ];
    blocks.push(section(lines.join('\n')));
  }
  const moments = [
    ...(debrief.strongest
      ? [
          momentLine(
            `:star: Strongest moment (${escapeText(debrief.strongest.principle)}),`,
            debrief.strongest,
          ),
        ]
      : []),
    ...(debrief.weakest
      ? [
          momentLine(
            `:small_red_triangle_down: Weakest moment (${escapeText(debrief.weakest.principle)}),`,
            debrief.weakest,
          ),
        ]
      : []),
  ];
  if (moments.length > 0) blocks.push(section(moments.join('\n')));
  const warning = sameStoryWarning(debrief.sameStory);
  if (warning) blocks.push(section(`:warning: *${escapeText(warning)}*`));
  return blocks;
}
