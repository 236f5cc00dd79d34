import { PART_NAMES, type PartName } from '../../content/schema.ts';
import { type Check, judgement, notApplicable, PART_TITLES } from './context.ts';

/** Target seconds per part when no question gives its own. */
export const DEFAULT_TARGETS: Record<PartName, number> = {
  situation: 45,
  task: 20,
  action: 75,
  result: 40,
  reflection: 25,
};
const PASS_RANGE: [number, number] = [90, 180];
const PARTIAL_RANGE: [number, number] = [60, 240];

export function formatSeconds(seconds: number): string {
  if (seconds < 60) return `${seconds} s`;
  const minutes = Math.floor(seconds / 60);
  const rest = seconds % 60;
  return rest === 0 ? `${minutes} min` : `${minutes} min ${rest} s`;
}

export const answerLength: Check = (ctx) => {
  if (ctx.section || ctx.followUp) return notApplicable('Length is judged on a whole answer.');
  const { answer } = ctx;
  const total = answer.seconds;
  const timing = PART_NAMES.flatMap((part) => {
    const stats = answer.parts[part];
    if (!stats || answer.unsplit) return [];
    const target = ctx.question?.parts[part].targetSeconds ?? DEFAULT_TARGETS[part];
    return [`${PART_TITLES[part]} ${stats.seconds} s of ${target} s`];
  });
  const measured = `About ${formatSeconds(total)} spoken (${answer.words} words)${timing.length > 0 ? `: ${timing.join(', ')}` : ''}`;
  if (total >= PASS_RANGE[0] && total <= PASS_RANGE[1]) {
    return judgement('pass', [], 'A good length: about 1.5 to 3 minutes spoken.', measured);
  }
  const longest = PART_NAMES.map((p) => answer.parts[p])
    .filter((p) => p !== undefined)
    .map((p) => ({
      p,
      over: p.seconds - (ctx.question?.parts[p.name].targetSeconds ?? DEFAULT_TARGETS[p.name]),
    }))
    .sort((a, b) => b.over - a.over)[0];
  const tooLong = total > PASS_RANGE[1];
  const verdict = total >= PARTIAL_RANGE[0] && total <= PARTIAL_RANGE[1] ? 'partial' : 'fail';
  const advice = tooLong
    ? `About ${formatSeconds(total)} spoken: cut to 2-3 minutes${
        longest && longest.over > 0 && !answer.unsplit
          ? `, starting with the ${PART_TITLES[longest.p.name]} (${longest.p.seconds} s)`
          : ''
      }.`
    : `Only about ${formatSeconds(total)} spoken: aim for about 2 minutes, most of it on what you did and what changed.`;
  return judgement(verdict, [], advice, measured);
};
