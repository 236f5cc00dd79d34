import type { ContentBank } from '../content/load.ts';
import type { JobFamilyId, Question } from '../content/schema.ts';
import type { Band, CriterionResult } from '../rubric/types.ts';
import { rankIssues } from './feedback.ts';
import { message } from './messages.ts';
import { questionsFor } from './resolve.ts';
import { pickQuestion } from './start.ts';
import { answerText, bandRank, isSameStory } from './stories.ts';
import type {
  Debrief,
  DebriefMoment,
  DebriefPrinciple,
  MockLink,
  OutgoingMessage,
  SessionState,
} from './types.ts';

/** How many questions a mock asks: a loop's interviewers each take one or two principles. */
export const MOCK_SIZES = [3, 4, 5] as const;
export type MockSize = (typeof MOCK_SIZES)[number];
export const DEFAULT_MOCK_SIZE: MockSize = 4;

/** `3`, `4` or `5`; an empty value is the default size; anything else: undefined. */
export function parseMockSize(text: string | undefined): MockSize | undefined {
  const trimmed = (text ?? '').trim();
  if (trimmed === '') return DEFAULT_MOCK_SIZE;
  return MOCK_SIZES.find((n) => String(n) === trimmed);
}

/** What the plan needs to know of the person's progress, per principle of their pack (pack order). */
export interface PrincipleStanding {
  principleId: string;
  practised: boolean;
  lastBand: Band | null;
  lastPractisedAt: number | null;
}

export interface MockPlanRequest {
  size: MockSize;
  standings: PrincipleStanding[];
  family: JobFamilyId | null;
  recentQuestionIds: string[];
}

/**
 * Principles weakest first: never practised (pack order), then the lowest last band, then practised longest ago.
 * One question each, from the person's family when there is a fresh one.
 */
export function planMock(bank: ContentBank, request: MockPlanRequest): Question[] {
  const ordered = request.standings
    .map((s, order) => ({ s, order }))
    .sort(
      (a, b) =>
        Number(a.s.practised) - Number(b.s.practised) ||
        bandRank(a.s.lastBand) - bandRank(b.s.lastBand) ||
        (a.s.lastPractisedAt ?? 0) - (b.s.lastPractisedAt ?? 0) ||
        a.order - b.order,
    )
    .map(({ s }) => s.principleId);
  return ordered
    .flatMap((id) => pickQuestion(questionsFor(bank, id), request.recentQuestionIds, request.family) ?? [])
    .slice(0, request.size);
}

/** The line that opens each question of a mock. */
export function mockOpening(mock: MockLink): OutgoingMessage {
  const first = mock.index === 0;
  const intro = first
    ? `Mock interview: ${mock.questionIds.length} questions on different principles, back to back, one follow-up each, and a debrief at the end. No feedback until then, as in a real loop. Type \`stop\` to end it; if you leave, it waits for you where you stopped.\n\n`
    : '';
  const thanks = first ? '' : 'Thank you. ';
  return message({
    kind: 'info',
    text: `${intro}${thanks}Question ${mock.index + 1} of ${mock.questionIds.length}.`,
  });
}

const EVIDENCE_EACH = 2;

function moment(bank: ContentBank, principle: string, c: CriterionResult): DebriefMoment | undefined {
  const quote = c.evidence[0];
  if (!quote) return undefined;
  return { principle, criterion: bank.general.criteria[c.id]?.title ?? c.id, quote };
}

function strengths(question: Question | undefined, criteria: CriterionResult[]): CriterionResult[] {
  const weight = (c: CriterionResult) => question?.rubric.weights[c.id] ?? 1;
  return criteria
    .filter((c) => c.verdict === 'pass' && c.evidence.length > 0)
    .sort((a, b) => weight(b) - weight(a));
}

/** Principle names told with the same story, grouped (a story told via "story N" counts too). */
function sameStoryGroups(sessions: SessionState[], name: (s: SessionState) => string): string[][] {
  const groupOf = sessions.map((_, i) => i);
  const root = (i: number): number => (groupOf[i] === i ? i : root(groupOf[i]!));
  sessions.forEach((a, i) => {
    sessions.slice(0, i).forEach((b, j) => {
      const same =
        (a.storyId !== undefined && a.storyId === b.storyId) ||
        isSameStory(answerText(a.parts), answerText(b.parts));
      if (same) groupOf[root(i)] = root(j);
    });
  });
  const groups = new Map<number, string[]>();
  sessions.forEach((s, i) => {
    groups.set(root(i), [...(groups.get(root(i)) ?? []), name(s)]);
  });
  return [...groups.values()].filter((g) => g.length > 1);
}

/**
 * A finished mock's debrief from its sessions (in the order asked): per principle the verdict and the person's own
 * words for and against, the strongest and weakest moment, and which principles heard the same story.
 */
export function buildDebrief(
  bank: ContentBank,
  mockId: string,
  sessions: SessionState[],
  completedAt: number,
): Debrief {
  const asked = [...sessions].sort((a, b) => (a.mock?.index ?? 0) - (b.mock?.index ?? 0));
  const name = (s: SessionState) =>
    bank.principles.find((p) => p.id === s.principleId)?.name ?? s.principleId;
  const principles: DebriefPrinciple[] = asked.map((s) => {
    const question = bank.questions.find((q) => q.id === s.questionId);
    const evaluation = s.evaluation;
    const criteria = evaluation?.criteria ?? [];
    const followUp = s.followUps[0];
    const own = (list: CriterionResult[]) =>
      list.flatMap((c) => moment(bank, name(s), c) ?? []).slice(0, EVIDENCE_EACH);
    return {
      principleId: s.principleId,
      principle: name(s),
      question: question?.question ?? s.questionId,
      ...(evaluation ? { band: evaluation.overall.band, score: evaluation.overall.score } : {}),
      evidenceFor: own(strengths(question, criteria)),
      evidenceAgainst: evaluation ? own(rankIssues(evaluation, question)) : [],
      ...(followUp ? { followUp: { question: followUp.question, answer: followUp.answer ?? null } } : {}),
    };
  });
  const graded = asked.filter((s) => s.evaluation);
  const byScore = [...graded].sort(
    (a, b) => (b.evaluation?.overall.score ?? 0) - (a.evaluation?.overall.score ?? 0),
  );
  const questionOf = (s: SessionState) => bank.questions.find((q) => q.id === s.questionId);
  const strongest = byScore
    .flatMap((s) =>
      strengths(questionOf(s), s.evaluation?.criteria ?? []).map((c) => moment(bank, name(s), c)),
    )
    .find((m) => m !== undefined);
  const weakest = [...byScore]
    .reverse()
    .flatMap((s) =>
      (s.evaluation ? rankIssues(s.evaluation, questionOf(s)) : []).map((c) => moment(bank, name(s), c)),
    )
    .find((m) => m !== undefined);
  return {
    mockId,
    completedAt,
    principles,
    ...(strongest ? { strongest } : {}),
    ...(weakest ? { weakest } : {}),
    sameStory: sameStoryGroups(asked, name),
  };
}

/** Sessions of one mock, as stored: those carrying its id. */
export function mockSessions<T extends { state: SessionState }>(sessions: T[], mockId: string): T[] {
  return sessions.filter((s) => s.state.mock?.id === mockId);
}

/** The finished mocks among a person's sessions (each with all its questions completed), newest first. */
export function finishedMocks<T extends { state: SessionState; updatedAt: number }>(
  bank: ContentBank,
  sessions: T[],
): Debrief[] {
  const byMock = new Map<string, T[]>();
  for (const s of sessions) {
    const id = s.state.mock?.id;
    if (id && s.state.status === 'completed') byMock.set(id, [...(byMock.get(id) ?? []), s]);
  }
  return [...byMock.entries()]
    .filter(([, list]) => list.length === list[0]!.state.mock!.questionIds.length)
    .map(([id, list]) =>
      buildDebrief(
        bank,
        id,
        list.map((s) => s.state),
        Math.max(...list.map((s) => s.updatedAt)),
      ),
    )
    .sort((a, b) => b.completedAt - a.completedAt);
}
