import type { ContentBank } from '../content/load.ts';
import type { JobFamilyId, LensId, Level, Question } from '../content/schema.ts';
import { message } from './messages.ts';
import { findPrinciple, findQuestion, questionsFor } from './resolve.ts';
import type { MessagePart, OutgoingMessage, SessionState } from './types.ts';

/** One question to start. */
export type QuestionSelector =
  | { kind: 'question'; questionId: string }
  | { kind: 'principle'; principleId: string }
  | { kind: 'recommended' };

/** What a person asks to start: one question, or a mock interview of several (see mock.ts). */
export type StartSelector = QuestionSelector | { kind: 'mock'; size: 3 | 4 | 5 };

export interface StartRequest {
  selector: QuestionSelector;
  level: Level;
  lens: LensId | null;
  /** The person's job family: their family's questions are recommended first, and examples come from it. */
  family?: JobFamilyId | null;
  /** From the user's progress: the principle to practise when none is asked for. */
  recommendedPrincipleId: string;
  /** Question ids the user practised, most recent first: a principle's unpractised questions come first. */
  recentQuestionIds: string[];
}

export type StartResult =
  | { ok: true; state: SessionState; messages: OutgoingMessage[] }
  | { ok: false; error: string };

export function pickQuestion(
  candidates: Question[],
  recent: string[],
  family: JobFamilyId | null,
): Question | undefined {
  const fresh = candidates.filter((q) => !recent.includes(q.id));
  const pick = fresh.find((q) => q.jobFamily === family) ?? fresh[0];
  if (pick) return pick;
  // All practised: the one practised longest ago.
  return [...candidates].sort((a, b) => recent.indexOf(b.id) - recent.indexOf(a.id))[0];
}

function resolveQuestion(bank: ContentBank, request: StartRequest): Question | string {
  const { selector } = request;
  if (selector.kind === 'question') {
    return findQuestion(bank, selector.questionId) ?? `There is no question "${selector.questionId}".`;
  }
  const principleId = selector.kind === 'principle' ? selector.principleId : request.recommendedPrincipleId;
  const principle = findPrinciple(bank, principleId);
  if (!principle) return `There is no principle "${principleId}".`;
  return (
    pickQuestion(questionsFor(bank, principle.id), request.recentQuestionIds, request.family ?? null) ??
    `No questions yet for ${principle.name}.`
  );
}

/** The question, the first part's prompt, and any level or lens guidance. */
export function openingMessages(
  bank: ContentBank,
  question: Question,
  level: Level,
  lens: LensId | null,
): OutgoingMessage[] {
  const principle = bank.principles.find((p) => p.id === question.principle);
  const parts: MessagePart[] = [
    {
      kind: 'question',
      principle: principle?.name ?? question.principle,
      question: question.question,
      questionId: question.id,
    },
  ];
  if (level !== 'mid') parts.push({ kind: 'info', text: `At ${level} level: ${question.levels[level]}` });
  if (lens) {
    const guide = question.lenses[lens];
    parts.push({ kind: 'info', text: `${guide.name} lens: ${guide.leadWith} ${guide.avoid}` });
  }
  parts.push({
    kind: 'info',
    text: 'Answer one part per message, or paste your whole answer in one go. Type `help` for commands.',
  });
  const situation = question.parts.situation;
  return [
    message(...parts),
    message({
      kind: 'prompt',
      part: 'situation',
      tip: situation.tip,
      targetSeconds: situation.targetSeconds,
    }),
  ];
}

export function freshState(
  question: Question,
  level: Level,
  lens: LensId | null,
  now: number,
  family: JobFamilyId | null = null,
): SessionState {
  return {
    version: 1,
    questionId: question.id,
    principleId: question.principle,
    level,
    lens,
    family,
    step: { kind: 'part', part: 'situation' },
    parts: {},
    skipped: [],
    partMessageIds: {},
    evaluation: null,
    followUps: [],
    status: 'active',
    startedAt: now,
    updatedAt: now,
  };
}

export function startSession(bank: ContentBank, request: StartRequest, now: number): StartResult {
  const question = resolveQuestion(bank, request);
  if (typeof question === 'string') return { ok: false, error: question };
  return {
    ok: true,
    state: freshState(question, request.level, request.lens, now, request.family ?? null),
    messages: openingMessages(bank, question, request.level, request.lens),
  };
}
