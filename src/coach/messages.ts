import type { PartName } from '../content/schema.ts';
import type { Band } from '../rubric/types.ts';
import { debriefText } from './debrief-text.ts';
import type { Choice, MessagePart, OutgoingMessage } from './types.ts';

export const PART_LABELS: Record<PartName, string> = {
  situation: 'Situation',
  task: 'Task',
  action: 'Action',
  result: 'Result',
  reflection: 'Reflection',
};

export const BAND_LABELS: Record<Band, string> = {
  'strongly-not-inclined': 'Strongly not inclined',
  'not-inclined': 'Not inclined',
  inclined: 'Inclined',
  'strongly-inclined': 'Strongly inclined',
};

const VERDICT_MARK = { pass: '✓', partial: '~', fail: '✗', 'n/a': '-' } as const;

function quote(text: string, max = 280): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

/** A plain-text rendering of one part: the terminal prints it, Slack uses it as the notification fallback. */
export function partToText(part: MessagePart): string {
  switch (part.kind) {
    case 'question':
      return `${part.principle}\n${part.question}`;
    case 'prompt':
      return `${PART_LABELS[part.part]} (aim for ${part.targetSeconds} s): ${part.tip}`;
    case 'nudge':
      return `Note on your ${PART_LABELS[part.part]}: ${part.text}`;
    case 'feedback': {
      const seconds = Object.entries(part.seconds)
        .map(([name, s]) => `${PART_LABELS[name as PartName]} ${s} s`)
        .join(', ');
      const verdict = part.band ? `Verdict: ${BAND_LABELS[part.band]} (${part.score}/100). ` : '';
      const lines = [`${verdict}About ${part.totalSeconds} s spoken: ${seconds}.`];
      for (const issue of part.issues) {
        lines.push(`${VERDICT_MARK[issue.verdict]} ${issue.title}: ${issue.advice}`);
        for (const e of issue.evidence.slice(0, 2)) lines.push(`    You said: "${quote(e)}"`);
        if (issue.measured) lines.push(`    Measured: ${issue.measured}`);
      }
      if (part.strengths.length > 0) lines.push(`Strong: ${part.strengths.map((s) => s.title).join('; ')}.`);
      return lines.join('\n');
    }
    case 'contrast':
      return `${part.title}\n  Weak: ${part.contrast.bad}\n  Why: ${part.contrast.why}\n  Strong: ${part.contrast.good}`;
    case 'follow-up':
      return `Follow-up ${part.index + 1} of ${part.total}: ${part.question}`;
    case 'follow-up-verdict':
      return `${VERDICT_MARK[part.verdict]} ${part.advice}${part.evidence[0] ? ` (you said: "${quote(part.evidence[0])}")` : ''}`;
    case 'example':
      return `A strong ${PART_LABELS[part.part]}${part.from ? ` (from ${part.from})` : ''}: ${part.text}`;
    case 'summary':
      return `Done${part.band ? `: ${BAND_LABELS[part.band]} (${part.score}/100)` : ''}; follow-ups answered ${part.followUpsAnswered} of ${part.followUpsTotal}.`;
    case 'debrief':
      return debriefText(part.debrief);
    case 'choices':
      return `Next: ${part.choices.map((c) => `${c.id} (${c.label})`).join(', ')}`;
    case 'story-offer':
      return `Or tell one of your stories (type \`story N\`): ${part.stories.map((s) => `${s.number}. ${s.title}`).join('; ')}`;
    case 'status':
    case 'info':
    case 'error':
      return part.text;
  }
}

export function message(...parts: MessagePart[]): OutgoingMessage {
  return { text: parts.map(partToText).join('\n\n'), parts };
}

export const info = (text: string): OutgoingMessage => message({ kind: 'info', text });
export const error = (text: string): OutgoingMessage => message({ kind: 'error', text });
export const choices = (...list: Choice[]): MessagePart => ({ kind: 'choices', choices: list });

export const END_CHOICES: Choice[] = [
  { id: 'retry', label: 'Retry this question' },
  { id: 'next', label: 'Next question' },
  { id: 'done', label: 'Done for now' },
];
