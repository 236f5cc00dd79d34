import { debriefText } from '../coach/debrief-text.ts';
import { PART_LABELS } from '../coach/messages.ts';
import { finishedMocks } from '../coach/mock.ts';
import { bandWords, SCORES_SHOWN, type ScoreView, viewDebrief } from '../coach/score-view.ts';
import type { StoryView } from '../coach/stories.ts';
import type { ContentBank, Pack } from '../content/load.ts';
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

function sessionMarkdown(bank: ContentBank, session: SessionRecord, view: ScoreView): string {
  const { state } = session;
  const question = bank.questions.find((q) => q.id === session.questionId);
  const principle = bank.principles.find((p) => p.id === session.principleId);
  const lines = [
    `### ${question?.question ?? session.questionId}`,
    '',
    `${principle?.name ?? session.principleId} · ${day(session.createdAt)} · ${STATUS[session.status]} · level ${state.level}`,
    '',
  ];
  for (const part of PART_NAMES) {
    const text = state.parts[part];
    if (text === undefined) continue;
    lines.push(`#### ${PART_LABELS[part]}`, '', quoteBlock(text), '');
  }
  if (state.evaluation) {
    const { overall, criteria, totalSeconds } = state.evaluation;
    const verdict = bandWords(view, overall.band, overall.score);
    lines.push(`#### Feedback${verdict ? `: ${verdict},` : ':'} about ${totalSeconds} s spoken`, '');
    for (const c of criteria.filter((x) => x.verdict !== 'n/a')) {
      lines.push(`- **${c.id}**: ${c.verdict}. ${c.verdict === 'pass' ? '' : c.advice}`.trimEnd());
    }
    lines.push('');
  }
  const answered = state.followUps.filter((f) => f.answer !== undefined);
  if (answered.length > 0) {
    lines.push('#### Follow-up questions', '');
    for (const f of answered)
      lines.push(`**${f.question}** (${f.verdict ?? 'not graded'})`, '', quoteBlock(f.answer ?? ''), '');
  }
  return lines.join('\n');
}

/** Markdown text that stays on one line and is not read as formatting. */
const inline = (text: string) => text.replace(/\s+/g, ' ').replace(/([*_`[\]#<>|\\])/g, '\\$1');

function storiesMarkdown(bank: ContentBank, stories: StoryView[], view: ScoreView): string[] {
  if (stories.length === 0) return [];
  const name = (id: string) => bank.principles.find((p) => p.id === id)?.name ?? id;
  const lines = ['## Stories', ''];
  for (const s of stories) {
    const band = s.bestBand ? bandWords(view, s.bestBand, s.bestScore) : 'not graded';
    const weakest = s.weakestCriteria.map((c) => bank.general.criteria[c]?.title ?? c).join('; ');
    lines.push(
      `### Story ${s.number}: ${inline(s.title)}${s.retired ? ' (retired)' : ''}`,
      '',
      `- Principles: ${s.principles.map(name).join(', ') || 'none yet'}`,
      ...(band ? [`- Best band: ${band}`] : []),
      `- Versions: ${s.versions}, last practised ${s.lastPractisedAt === null ? 'never' : day(s.lastPractisedAt)}`,
      ...(weakest ? [`- Weakest: ${weakest}`] : []),
      '',
    );
  }
  return lines;
}

/** Everything a user practised, as a readable Markdown story bank: stories first, then sessions newest first. */
export function exportMarkdown(
  bank: ContentBank,
  sessions: SessionRecord[],
  generatedAt: number,
  stories: StoryView[] = [],
  view: ScoreView = SCORES_SHOWN,
): string {
  const header = [
    '# My STAR Coach story bank',
    '',
    `Exported ${day(generatedAt)}: ${stories.length} story(ies), ${sessions.length} session(s).`,
    '',
  ];
  if (sessions.length === 0) return [...header, 'Nothing practised yet.', ''].join('\n');
  const known = new Set(bank.packs.flatMap((p) => p.principles.map((x) => x.id)));
  const groups = [
    ...bank.packs.map((pack) => ({
      pack,
      sessions: sessions.filter((s) => pack.principles.some((p) => p.id === s.principleId)),
    })),
    // Sessions on questions no longer in any pack still belong to the person.
    { pack: undefined, sessions: sessions.filter((s) => !known.has(s.principleId)) },
  ].filter((g) => g.sessions.length > 0);
  return [
    ...header,
    ...storiesMarkdown(bank, stories, view),
    ...mocksMarkdown(bank, sessions, view),
    ...groups.flatMap(({ pack, sessions: own }) => [
      `## ${pack?.name ?? 'Other questions'}`,
      '',
      ...(pack ? [coverage(pack, own), ''] : []),
      ...own.map((s) => sessionMarkdown(bank, s, view)),
    ]),
  ].join('\n');
}

/** Every finished mock interview's debrief, newest first. */
function mocksMarkdown(bank: ContentBank, sessions: SessionRecord[], view: ScoreView): string[] {
  const mocks = finishedMocks(bank, sessions);
  if (mocks.length === 0) return [];
  return [
    '## Mock interviews',
    '',
    ...mocks.flatMap((d) => [
      `### Mock of ${day(d.completedAt)}`,
      '',
      '```',
      debriefText(viewDebrief(view, d)),
      '```',
      '',
    ]),
  ];
}

/** Which of a pack's principles the story bank has a story for, and which it still lacks. */
function coverage(pack: Pack, sessions: SessionRecord[]): string {
  const covered = pack.principles.filter((p) => sessions.some((s) => s.principleId === p.id));
  const missing = pack.principles.filter((p) => !covered.includes(p));
  const names = (list: { name: string }[]) => list.map((p) => p.name).join(', ');
  return [
    `Stories for ${covered.length} of ${pack.principles.length} ${pack.kind.plural}: ${names(covered)}.`,
    missing.length > 0 ? `Not yet: ${names(missing)}.` : `Every one of the ${pack.kind.plural} is covered.`,
  ].join(' ');
}
