import type { ContentBank } from '../content/load.ts';
import { PART_NAMES, type PartName, type Question } from '../content/schema.ts';
import { compileRules, countWords, grade, gradeFollowUp, splitAnswer } from '../rubric/index.ts';
import type { AnswerParts, GradeResult, Verdict } from '../rubric/types.ts';
import { HELP_TEXT, parseEndChoice, parseSessionCommand, type SessionCommand } from './commands.ts';
import { familyExample, storyFrom } from './family.ts';
import { feedbackMessages } from './feedback.ts';
import { countExplicitLabels } from './labels.ts';
import { choices, END_CHOICES, error, info, message, PART_LABELS } from './messages.ts';
import { freshState, openingMessages } from './start.ts';
import type { ChoiceId, OutgoingMessage, SessionState } from './types.ts';

export type CoachInput =
  | { kind: 'message'; text: string; messageId: string | null }
  | { kind: 'edit'; messageId: string; text: string }
  | { kind: 'choice'; choice: ChoiceId };

/** What a turn changed, for the store to record alongside the new state. */
export interface TurnChanges {
  answers: { part: PartName; text: string; messageId: string | null }[];
  evaluation?: GradeResult;
  followUpAnswer?: { followUpId: string; text: string; verdict: Verdict; messageId: string | null };
}

export interface StepResult {
  state: SessionState;
  messages: OutgoingMessage[];
  changes: TurnChanges;
  /**
   * The user asked for another session: the adapter starts it (same question again, or the next one); or a
   * mock's question is done: the adapter asks the mock's next question, or gives the debrief after the last.
   */
  startNext?: 'retry' | 'next' | 'mock-next';
}

interface Turn {
  bank: ContentBank;
  question: Question;
  now: number;
}

const MOCK_FOLLOW_UPS = 1;

const noChanges = (): TurnChanges => ({ answers: [] });

function result(state: SessionState, messages: OutgoingMessage[], changes = noChanges()): StepResult {
  return { state, messages, changes };
}

function isDone(state: SessionState, part: PartName): boolean {
  return state.parts[part] !== undefined || state.skipped.includes(part);
}

/** The next part still to answer, looking forward from `after` first, then from the start. */
function nextOpenPart(state: SessionState, after: PartName | null): PartName | undefined {
  const start = after ? PART_NAMES.indexOf(after) + 1 : 0;
  const ordered = [...PART_NAMES.slice(start), ...PART_NAMES.slice(0, start)];
  return ordered.find((p) => !isDone(state, p));
}

function promptFor(question: Question, part: PartName): OutgoingMessage {
  const guide = question.parts[part];
  return message({ kind: 'prompt', part, tip: guide.tip, targetSeconds: guide.targetSeconds });
}

/** A one-line nudge when the part just given already shows a red flag. */
function nudgeFor(
  turn: Turn,
  state: SessionState,
  part: PartName,
  text: string,
): OutgoingMessage | undefined {
  const verdicts = grade({ [part]: text }, turn.bank, {
    questionId: turn.question.id,
    section: part,
    level: state.level,
    ...(state.lens ? { lens: state.lens } : {}),
  });
  const seconds = verdicts.sections[part]?.seconds ?? 0;
  const target = turn.question.parts[part].targetSeconds;
  const concise = verdicts.criteria.find((c) => c.id === 'situation-concise');
  if (part === 'situation' && concise && (concise.verdict === 'fail' || concise.verdict === 'partial')) {
    return message({
      kind: 'nudge',
      part,
      criterion: 'situation-concise',
      text: `about ${seconds} s spoken; aim to stop by ${target} s. ${concise.advice}`,
    });
  }
  const flagged = verdicts.criteria.find((c) => c.verdict === 'fail');
  if (!flagged) return undefined;
  return message({ kind: 'nudge', part, criterion: flagged.id, text: flagged.advice });
}

function gradeOptions(state: SessionState) {
  return { questionId: state.questionId, level: state.level, ...(state.lens ? { lens: state.lens } : {}) };
}

function followUpMessage(state: SessionState, index: number): OutgoingMessage {
  const followUp = state.followUps[index]!;
  return message(
    { kind: 'follow-up', id: followUp.id, index, total: state.followUps.length, question: followUp.question },
    { kind: 'choices', choices: [{ id: 'skip-follow-up', label: 'Skip this follow-up' }] },
  );
}

function summaryMessage(state: SessionState): OutgoingMessage {
  const evaluation = state.evaluation;
  return message(
    {
      kind: 'summary',
      band: evaluation?.overall.band ?? 'strongly-not-inclined',
      score: evaluation?.overall.score ?? 0,
      followUpsAnswered: state.followUps.filter((f) => f.answer !== undefined).length,
      followUpsTotal: state.followUps.length,
    },
    choices(...END_CHOICES, { id: 'show-example', label: 'Show a strong example' }),
  );
}

/** After the last follow-up (or when there are none): the summary, and the session counts as completed. */
function finish(state: SessionState, messages: OutgoingMessage[], changes: TurnChanges): StepResult {
  if (state.mock) {
    // A mock moves straight on: its feedback is the debrief at the end.
    const asked: SessionState = { ...state, step: { kind: 'closed' }, status: 'completed' };
    return { ...result(asked, messages, changes), startNext: 'mock-next' };
  }
  const done: SessionState = { ...state, step: { kind: 'summary' }, status: 'completed' };
  return result(done, [...messages, summaryMessage(done)], changes);
}

function giveFeedback(
  turn: Turn,
  state: SessionState,
  changes: TurnChanges,
  before: OutgoingMessage[],
): StepResult {
  const evaluation = grade(state.parts, turn.bank, gradeOptions(state));
  // A mock's interviewer asks one follow-up and keeps the verdict for the debrief.
  const followUps = evaluation.followUps
    .map((f) => ({ id: f.id, question: f.question }))
    .slice(0, state.mock ? MOCK_FOLLOW_UPS : undefined);
  const graded: SessionState = { ...state, evaluation, followUps };
  const feedback = state.mock ? [] : feedbackMessages(turn.bank, evaluation, turn.question, state.family);
  const messages = [...before, ...feedback];
  const withEvaluation = { ...changes, evaluation };
  if (followUps.length === 0) return finish(graded, messages, withEvaluation);
  const asking: SessionState = { ...graded, step: { kind: 'follow-up', index: 0 } };
  return result(asking, [...messages, followUpMessage(asking, 0)], withEvaluation);
}

/** Moves on after a part was answered or skipped: the next open part, or feedback when none is left. */
function advance(
  turn: Turn,
  state: SessionState,
  after: PartName,
  changes: TurnChanges,
  before: OutgoingMessage[],
) {
  const next = nextOpenPart(state, after);
  if (!next) return giveFeedback(turn, state, changes, before);
  return result(
    { ...state, step: { kind: 'part', part: next } },
    [...before, promptFor(turn.question, next)],
    changes,
  );
}

/**
 * An unlabelled first message of 100 words or more in which the cues find four parts, an Action and a Result
 * among them, is a whole story pasted at once. Measured on the question bank: of its 480 part examples, 2 long,
 * rambling Situations are taken for whole stories (10 would be with three parts; the word count changes little),
 * every question's good parts joined into one unlabelled story are found, and 24 of the 32 unlabelled whole
 * answers of the rubric's tuning corpus.
 */
const WHOLE_STORY = { minWords: 100, minParts: 4 };

/** The parts a split answer holds text for, in STAR order. */
const partsIn = (split: AnswerParts) => PART_NAMES.filter((p) => (split[p] ?? '').trim() !== '');

function wholeStoryParts(text: string): AnswerParts | null {
  if (countWords(text) < WHOLE_STORY.minWords) return null;
  const split = splitAnswer(text);
  const found = partsIn(split);
  const whole = found.length >= WHOLE_STORY.minParts && found.includes('action') && found.includes('result');
  return whole ? split : null;
}

function answerPart(turn: Turn, state: SessionState, part: PartName, text: string, messageId: string | null) {
  if (Object.keys(state.parts).length === 0) {
    if (countExplicitLabels(text) >= 2) return answerWhole(turn, state, splitAnswer(text), messageId, false);
    const story = part === 'situation' ? wholeStoryParts(text) : null;
    if (story) return answerWhole(turn, state, story, messageId, true);
  }
  const updated: SessionState = {
    ...state,
    parts: { ...state.parts, [part]: text },
    skipped: state.skipped.filter((p) => p !== part),
    partMessageIds: messageId ? { ...state.partMessageIds, [part]: messageId } : state.partMessageIds,
  };
  const nudge = nudgeFor(turn, updated, part, text);
  return advance(turn, updated, part, { answers: [{ part, text, messageId }] }, nudge ? [nudge] : []);
}

/** A first message holding a whole answer fills every part found in it. */
function answerWhole(
  turn: Turn,
  state: SessionState,
  split: AnswerParts,
  messageId: string | null,
  unlabelled: boolean,
): StepResult {
  const found = partsIn(split);
  const parts = Object.fromEntries(found.map((p) => [p, split[p]!]));
  const updated: SessionState = {
    ...state,
    parts,
    partMessageIds: messageId ? Object.fromEntries(found.map((p) => [p, messageId])) : {},
  };
  const changes = { answers: found.map((part) => ({ part, text: parts[part]!, messageId })) };
  const got = `Got ${found.map((p) => PART_LABELS[p]).join(', ')} from that message.`;
  const noted = info(
    unlabelled
      ? `That reads as your whole story, so I split it into parts. ${got} Type \`status\` to see the parts, or \`restart\` to answer one part at a time.`
      : got,
  );
  const last = found[found.length - 1] ?? 'situation';
  return advance(turn, updated, last, changes, [noted]);
}

function statusText(state: SessionState, question: Question): string {
  const done = PART_NAMES.filter((p) => state.parts[p] !== undefined).map((p) => PART_LABELS[p]);
  const skipped = state.skipped.map((p) => PART_LABELS[p]);
  const where =
    state.step.kind === 'part'
      ? `answering the ${PART_LABELS[state.step.part]} (${PART_NAMES.indexOf(state.step.part) + 1} of 5)`
      : state.step.kind === 'follow-up'
        ? `on follow-up ${state.step.index + 1} of ${state.followUps.length}`
        : 'finished';
  const mock = state.mock
    ? [`Mock interview: question ${state.mock.index + 1} of ${state.mock.questionIds.length}.`]
    : [];
  return [
    ...mock,
    `Question: ${question.question}`,
    `You are ${where}.`,
    `Answered: ${done.join(', ') || 'nothing yet'}.${skipped.length ? ` Skipped: ${skipped.join(', ')}.` : ''}`,
  ].join('\n');
}

function restart(turn: Turn, state: SessionState): StepResult {
  const fresh = {
    ...freshState(turn.question, state.level, state.lens, turn.now, state.family),
    startedAt: state.startedAt,
    ...(state.mock ? { mock: state.mock } : {}),
  };
  return result(fresh, [
    info('Starting this question again.'),
    ...openingMessages(turn.bank, turn.question, state.level, state.lens),
  ]);
}

function stop(state: SessionState): StepResult {
  const stopped: SessionState = { ...state, status: 'abandoned', step: { kind: 'closed' } };
  return result(stopped, [info('Session stopped. What you typed is saved. Start again whenever you like.')]);
}

function hint(turn: Turn, state: SessionState): OutgoingMessage {
  if (state.step.kind === 'part') {
    const guide = turn.question.parts[state.step.part];
    const borrowed = familyExample(turn.bank, state.step.part, turn.question, state.family);
    return message(
      { kind: 'prompt', part: state.step.part, tip: guide.tip, targetSeconds: guide.targetSeconds },
      borrowed && state.family
        ? { kind: 'example', part: state.step.part, text: borrowed.text, from: storyFrom(state.family) }
        : { kind: 'example', part: state.step.part, text: guide.good },
    );
  }
  return info(
    'Answer with one real example: what you did, in the first person, with the details and numbers.',
  );
}

function command(turn: Turn, state: SessionState, name: SessionCommand): StepResult {
  switch (name) {
    case 'help':
      return result(state, [info(HELP_TEXT)]);
    case 'status':
      return result(state, [message({ kind: 'status', text: statusText(state, turn.question) })]);
    case 'hint':
      return result(state, [hint(turn, state)]);
    case 'restart':
      return restart(turn, state);
    case 'stop':
      return stop(state);
    case 'back':
      return back(turn, state);
    case 'skip':
      return skip(turn, state);
  }
}

function back(turn: Turn, state: SessionState): StepResult {
  if (state.step.kind !== 'part') {
    return result(state, [
      info('Feedback has been given, so the parts are fixed now. Type `restart` to answer again.'),
    ]);
  }
  const index = PART_NAMES.indexOf(state.step.part);
  const previous = PART_NAMES[index - 1];
  if (!previous) return result(state, [info('This is the first part already.')]);
  const current = state.parts[previous];
  const reminder = current
    ? info(
        `Your ${PART_LABELS[previous]} so far: "${current}". Send a new one to replace it, or \`skip\` to keep it.`,
      )
    : undefined;
  const messages = [promptFor(turn.question, previous), ...(reminder ? [reminder] : [])];
  return result({ ...state, step: { kind: 'part', part: previous } }, messages);
}

function skip(turn: Turn, state: SessionState): StepResult {
  const { step } = state;
  if (step.kind === 'part') {
    const kept = state.parts[step.part] !== undefined;
    const updated = kept ? state : { ...state, skipped: [...state.skipped, step.part] };
    return advance(turn, updated, step.part, noChanges(), [info(`Skipped the ${PART_LABELS[step.part]}.`)]);
  }
  if (step.kind === 'follow-up') return nextFollowUp(state, step.index, { skipped: true }, noChanges(), []);
  return result(state, [info('Nothing to skip: this session is finished.')]);
}

function nextFollowUp(
  state: SessionState,
  index: number,
  outcome: { answer?: string; verdict?: Verdict; skipped?: boolean },
  changes: TurnChanges,
  messages: OutgoingMessage[],
): StepResult {
  const followUps = state.followUps.map((f, i) => (i === index ? { ...f, ...outcome } : f));
  const updated = { ...state, followUps };
  if (index + 1 >= followUps.length) return finish(updated, messages, changes);
  const asking: SessionState = { ...updated, step: { kind: 'follow-up', index: index + 1 } };
  return result(asking, [...messages, followUpMessage(asking, index + 1)], changes);
}

function answerFollowUp(
  turn: Turn,
  state: SessionState,
  index: number,
  text: string,
  messageId: string | null,
) {
  const current = state.followUps[index];
  if (!current) return nextFollowUp(state, index, { skipped: true }, noChanges(), []);
  // Graded on the question asked (stored or on the person's own words); a stored one's examples are shown.
  const stored = turn.question.followUps.find((f) => f.id === current.id);
  const verdict = gradeFollowUp(text, current.question, compileRules(turn.bank.followUpKinds), stored);
  const reply = message(
    {
      kind: 'follow-up-verdict',
      id: current.id,
      verdict: verdict.verdict,
      evidence: verdict.evidence,
      advice: verdict.advice,
    },
    ...(verdict.verdict === 'pass' || !verdict.contrast
      ? []
      : [
          {
            kind: 'contrast',
            criterion: null,
            title: 'How a strong answer sounds',
            contrast: verdict.contrast,
          } as const,
        ]),
  );
  const changes: TurnChanges = {
    answers: [],
    followUpAnswer: { followUpId: current.id, text, verdict: verdict.verdict, messageId },
  };
  const replies = state.mock ? [] : [reply];
  return nextFollowUp(state, index, { answer: text, verdict: verdict.verdict }, changes, replies);
}

function strongExample(question: Question): OutgoingMessage {
  return message(
    ...PART_NAMES.map((part) => ({ kind: 'example', part, text: question.parts[part].good }) as const),
  );
}

function choose(turn: Turn, state: SessionState, choice: ChoiceId): StepResult {
  switch (choice) {
    case 'show-example':
      return result(state, [state.step.kind === 'part' ? hint(turn, state) : strongExample(turn.question)]);
    case 'skip-follow-up':
      return state.step.kind === 'follow-up'
        ? skip(turn, state)
        : result(state, [info('There is no follow-up to skip right now.')]);
    case 'retry':
    case 'next':
      return { ...result({ ...state, step: { kind: 'closed' } }, []), startNext: choice };
    case 'done':
      return result({ ...state, step: { kind: 'closed' } }, [
        info('Nice work today. Come back any time to practise another story.'),
      ]);
    case 'abandon-and-start':
    case 'keep-session':
      return result(state, [info('That button belongs to another message; nothing changed.')]);
  }
}

function receive(turn: Turn, state: SessionState, text: string, messageId: string | null): StepResult {
  const trimmed = text.trim();
  const name = parseSessionCommand(trimmed);
  if (name) return command(turn, state, name);
  const { step } = state;
  if (step.kind === 'summary') {
    const choice = parseEndChoice(trimmed);
    if (choice) return choose(turn, state, choice);
    return result(state, [
      message({ kind: 'info', text: 'This session is finished. What next?' }, choices(...END_CHOICES)),
    ]);
  }
  if (step.kind === 'closed')
    return result(state, [info('This session is closed. Start a new one whenever you like.')]);
  const what = step.kind === 'part' ? `your ${PART_LABELS[step.part]}` : 'your answer to the follow-up';
  if (trimmed === '') {
    return result(state, [
      error(`That message was empty. Send ${what} as text, or type \`skip\` or \`help\`.`),
    ]);
  }
  if (countWords(trimmed) === 0) {
    // Only code, emoji or punctuation: nothing an interviewer would hear, so nothing to store or grade.
    return result(state, [
      error(
        `That message has no words to grade: code blocks and emoji are shown, not spoken. Send ${what} in words (code can stay alongside), or type \`skip\` or \`help\`.`,
      ),
    ]);
  }
  if (step.kind === 'follow-up') return answerFollowUp(turn, state, step.index, text, messageId);
  return answerPart(turn, state, step.part, text, messageId);
}

function edit(state: SessionState, messageId: string, text: string): StepResult {
  const part = PART_NAMES.find((p) => state.partMessageIds[p] === messageId);
  if (!part) return result(state, []);
  if (state.evaluation) {
    return result(state, [
      info(
        'You edited an answer after the feedback; the feedback stays as it was. Type `restart` to answer again.',
      ),
    ]);
  }
  if (text.trim() === '')
    return result(state, [
      error(`Your edit left the ${PART_LABELS[part]} empty, so I kept the earlier text.`),
    ]);
  const updated = { ...state, parts: { ...state.parts, [part]: text } };
  return result(updated, [info(`Updated your ${PART_LABELS[part]}.`)], {
    answers: [{ part, text, messageId }],
  });
}

/** One turn of a coaching session: pure, `(state, input, now) -> (new state, outgoing messages, changes)`. */
export function step(bank: ContentBank, state: SessionState, input: CoachInput, now: number): StepResult {
  const question = bank.questions.find((q) => q.id === state.questionId);
  if (!question) {
    const closed: SessionState = { ...state, status: 'abandoned', step: { kind: 'closed' }, updatedAt: now };
    return result(closed, [
      error(
        'This question is no longer in the question bank, so this session has ended. Please start a new one.',
      ),
    ]);
  }
  const turn: Turn = { bank, question, now };
  const out =
    input.kind === 'message'
      ? receive(turn, state, input.text, input.messageId)
      : input.kind === 'edit'
        ? edit(state, input.messageId, input.text)
        : choose(turn, state, input.choice);
  return { ...out, state: { ...out.state, updatedAt: now } };
}

/** What to show a user coming back to an unfinished session: where they are, and the question waiting for them. */
export function resumeMessages(bank: ContentBank, state: SessionState): OutgoingMessage[] {
  const question = bank.questions.find((q) => q.id === state.questionId);
  if (!question)
    return [error('This question is no longer in the question bank. Please start a new session.')];
  const status = message({ kind: 'status', text: statusText(state, question) });
  if (state.step.kind === 'part') return [status, promptFor(question, state.step.part)];
  if (state.step.kind === 'follow-up') return [status, followUpMessage(state, state.step.index)];
  return [status, summaryMessage(state)];
}
