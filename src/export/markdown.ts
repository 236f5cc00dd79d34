import { BAND_LABELS, PART_LABELS } from '../coach/messages.ts';
import type { ContentBank } from '../content/load.ts';
import { PART_NAMES } from '../content/schema.ts';
import type { SessionRecord } from '../store/types.ts';

const STATUS = { active: 'in progress', completed: 'completed', abandoned: 'stopped' } as const;

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);

/** Keeps user text as written, but stops it from being read as Markdown headings or rules. */
function quoteBlock(text: string): string {
  return text
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

function sessionMarkdown(bank: ContentBank, session: SessionRecord): string {
  const { state } = session;
  const question = bank.questions.find((q) => q.id === session.questionId);
  const principle = bank.principles.find((p) => p.id === session.principleId);
  const lines = [
    `## ${question?.question ?? session.questionId}`,
    '',
    `${principle?.name ?? session.principleId} · ${day(session.createdAt)} · ${STATUS[session.status]} · level ${state.level}`,
    '',
  ];
  for (const part of PART_NAMES) {
    const text = state.parts[part];
    if (text === undefined) continue;
    lines.push(`### ${PART_LABELS[part]}`, '', quoteBlock(text), '');
  }
  if (state.evaluation) {
    const { overall, criteria, totalSeconds } = state.evaluation;
    lines.push(
      `### Feedback: ${BAND_LABELS[overall.band]} (${overall.score}/100), about ${totalSeconds} s spoken`,
      '',
    );
    for (const c of criteria.filter((x) => x.verdict !== 'n/a')) {
      lines.push(`- **${c.id}**: ${c.verdict}. ${c.verdict === 'pass' ? '' : c.advice}`.trimEnd());
    }
    lines.push('');
  }
  const answered = state.followUps.filter((f) => f.answer !== undefined);
  if (answered.length > 0) {
    lines.push('### Follow-up questions', '');
    for (const f of answered)
      lines.push(`**${f.question}** (${f.verdict ?? 'not graded'})`, '', quoteBlock(f.answer ?? ''), '');
  }
  return lines.join('\n');
}

/** Everything a user practised, as a readable Markdown story bank, newest first. */
export function exportMarkdown(bank: ContentBank, sessions: SessionRecord[], generatedAt: number): string {
  const header = [
    '# My STAR Coach story bank',
    '',
    `Exported ${day(generatedAt)}: ${sessions.length} session(s).`,
    '',
  ];
  if (sessions.length === 0) return [...header, 'Nothing practised yet.', ''].join('\n');
  return [...header, ...sessions.map((s) => sessionMarkdown(bank, s))].join('\n');
}
