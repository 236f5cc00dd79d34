import { parseEndChoice } from '../coach/commands.ts';
import { type CoachInput, type StepResult, step } from '../coach/engine.ts';
import { choices, info, message, PART_LABELS } from '../coach/messages.ts';
import { buildDebrief, type MockSize, mockOpening, mockSessions, planMock } from '../coach/mock.ts';
import { type ScoreView, viewMessage, viewOf } from '../coach/score-view.ts';
import { type QuestionSelector, type StartSelector, startSession } from '../coach/start.ts';
import { findStory, parseUseStory, type StoryView } from '../coach/stories.ts';
import type { ChoiceId, MessagePart, MockLink, OutgoingMessage, SessionState } from '../coach/types.ts';
import type { ContentBank } from '../content/load.ts';
import { packBank, packIdFor } from '../content/packs.ts';
import type { DeletionReport, SessionRecord, SessionSource, Store, UserKey } from '../store/types.ts';
import { KeyedQueue } from './keyed-queue.ts';
import { loadStories } from './story-bank.ts';

export interface PracticeDeps {
  store: Store;
  bank: ContentBank;
  clock: () => number;
  newId: () => string;
}

/** Where replies go: a chat channel (stored in the outbox, delivered by the adapter) or straight back to the caller. */
export interface Reply {
  source: SessionSource;
  channel: string | null;
}

export type StartOutcome =
  | { kind: 'started'; session: SessionRecord; messages: OutgoingMessage[] }
  | { kind: 'conflict'; active: SessionRecord }
  | { kind: 'error'; message: string };

export type TurnOutcome =
  /** The message was already applied (a retry or duplicate delivery): nothing changed, nothing to send. */
  | { kind: 'duplicate' }
  /** There is no session to apply it to. */
  | { kind: 'no-session' }
  /** Applied and committed; with a reply channel, `messages` are already queued in the outbox. */
  | { kind: 'applied'; messages: OutgoingMessage[]; session: SessionRecord }
  /** A closing word after a finished session: nothing stored, so the adapter sends `messages` itself. */
  | { kind: 'farewell'; messages: OutgoingMessage[] };

const keyOf = (key: UserKey) => `${key.workspaceId}\u0000${key.userId}`;

function endChoiceOf(input: CoachInput): ChoiceId | undefined {
  if (input.kind === 'choice') return input.choice;
  return input.kind === 'message' ? parseEndChoice(input.text) : undefined;
}

/**
 * The imperative shell around the pure coaching engine: loads state, runs one step, and commits the new state,
 * the changed answers and the outgoing messages in one transaction. One user's calls run strictly in order.
 */
export class PracticeService {
  private readonly queue = new KeyedQueue();

  constructor(private readonly deps: PracticeDeps) {}

  get bank(): ContentBank {
    return this.deps.bank;
  }

  /** Starts a session unless one is in progress (then reports the conflict, unless `replace` is set). */
  start(
    key: UserKey,
    selector: StartSelector,
    reply: Reply,
    options: { replace?: boolean } = {},
  ): Promise<StartOutcome> {
    const replace = options.replace ?? false;
    return this.queue.run(keyOf(key), async () =>
      this.viewed(
        key,
        selector.kind === 'mock'
          ? await this.startMockNow(key, selector.size, reply, replace)
          : await this.startNow(key, selector, reply, replace),
      ),
    );
  }

  /** Starts a mock interview of `size` questions, unless a session is in progress (as `start`). */
  startMock(
    key: UserKey,
    size: MockSize,
    reply: Reply,
    options: { replace?: boolean } = {},
  ): Promise<StartOutcome> {
    return this.queue.run(keyOf(key), async () =>
      this.viewed(key, await this.startMockNow(key, size, reply, options.replace ?? false)),
    );
  }

  /** Tells story `number` of the person's story bank for the question just started ("Use one of your stories"). */
  useStory(key: UserKey, number: number, reply: Reply): Promise<TurnOutcome> {
    return this.queue.run(keyOf(key), async () =>
      this.viewed(key, await this.useStoryNow(key, number, reply)),
    );
  }

  /** Applies a user message, edit or button choice to their active session. */
  turn(key: UserKey, input: CoachInput, reply: Reply): Promise<TurnOutcome> {
    return this.queue.run(keyOf(key), async () => this.viewed(key, await this.turnNow(key, input, reply)));
  }

  /** How the person sees results (scores on or off), from their profile. */
  private async scoreView(key: UserKey): Promise<ScoreView> {
    return viewOf(await this.deps.store.getUser(key));
  }

  /** An outcome's messages as the person sees them (the outbox copies were viewed when committed). */
  private async viewed<T extends StartOutcome | TurnOutcome>(key: UserKey, outcome: T): Promise<T> {
    if (!('messages' in outcome)) return outcome;
    const view = await this.scoreView(key);
    return { ...outcome, messages: outcome.messages.map((m) => viewMessage(view, m)) };
  }

  private async startMockNow(
    key: UserKey,
    size: MockSize,
    reply: Reply,
    replace: boolean,
  ): Promise<StartOutcome> {
    const now = this.deps.clock();
    const standing = await this.standingOf(key, now);
    if (standing.active && !replace) return { kind: 'conflict', active: standing.active };
    const questions = planMock(this.deps.bank, {
      size,
      standings: standing.progress.principles,
      family: standing.user.jobFamily,
      recentQuestionIds: standing.recentQuestionIds,
    });
    const first = questions[0];
    if (!first)
      return { kind: 'error', message: 'Your question pack has no questions for a mock interview.' };
    const mock: MockLink = { id: this.deps.newId(), index: 0, questionIds: questions.map((q) => q.id) };
    return this.startNow(key, { kind: 'question', questionId: first.id }, reply, replace, undefined, mock, {
      now,
      standing,
    });
  }

  /** What a new session is chosen from: the active session, the profile, progress in the person's pack, recent questions. */
  private async standingOf(key: UserKey, now: number) {
    const { store, bank } = this.deps;
    const active = await store.getActiveSession(key);
    const user = await store.upsertUser(key, {}, now);
    // Recommendations come from the person's pack; only principles with questions can be recommended.
    const pack = packBank(bank, packIdFor(bank, user.pack));
    const practisable = pack.principles.filter((p) => pack.questions.some((q) => q.principle === p.id));
    const progress = await store.progress(
      key,
      practisable.map((p) => p.id),
      now,
    );
    const recentQuestionIds = (await store.listSessions(key)).map((s) => s.questionId);
    return { active, user, progress, recentQuestionIds };
  }

  getActiveSession(key: UserKey): Promise<SessionRecord | null> {
    return this.deps.store.getActiveSession(key);
  }

  /** Erases the user's data in their queue, after any turn in flight, so none can write their session back. */
  forget(key: UserKey): Promise<DeletionReport> {
    return this.queue.run(keyOf(key), () => this.deps.store.forgetUser(key));
  }

  private async startNow(
    key: UserKey,
    selector: QuestionSelector,
    reply: Reply,
    replace: boolean,
    storyId?: string,
    mock?: MockLink,
    read?: { now: number; standing: Awaited<ReturnType<PracticeService['standingOf']>> },
  ): Promise<StartOutcome> {
    const { bank } = this.deps;
    const now = read?.now ?? this.deps.clock();
    const { active, user, progress, recentQuestionIds } = read?.standing ?? (await this.standingOf(key, now));
    if (active && !replace) return { kind: 'conflict', active };
    const started = startSession(
      bank,
      {
        selector,
        level: user.level,
        lens: user.lens,
        family: user.jobFamily,
        recommendedPrincipleId: progress.recommendedPrincipleId,
        recentQuestionIds,
      },
      now,
    );
    if (!started.ok) return { kind: 'error', message: started.error };
    if (storyId) started.state.storyId = storyId;
    if (mock) {
      started.state.mock = mock;
      started.messages = [mockOpening(mock), ...started.messages];
    } else if (!storyId) {
      // The offer joins the question's message, before the first prompt: one more choice, not one more message.
      const offer = storyOffer(await loadStories(this.deps, key), started.state.principleId);
      const [first, ...rest] = started.messages;
      if (offer && first) started.messages = [message(...first.parts, offer), ...rest];
    }
    if (active) {
      const abandoned: SessionState = { ...active.state, status: 'abandoned', step: { kind: 'closed' } };
      await this.commit(key, active, abandoned, null, { answers: [] }, [], reply, now);
    }
    const session: SessionRecord = {
      ...key,
      id: this.deps.newId(),
      questionId: started.state.questionId,
      principleId: started.state.principleId,
      source: reply.source,
      status: 'active',
      state: started.state,
      createdAt: now,
      updatedAt: now,
    };
    await this.commit(key, session, started.state, null, { answers: [] }, started.messages, reply, now);
    return { kind: 'started', session, messages: started.messages };
  }

  private async turnNow(key: UserKey, input: CoachInput, reply: Reply): Promise<TurnOutcome> {
    const { store, bank, clock } = this.deps;
    const now = clock();
    const messageId = input.kind === 'message' ? input.messageId : null;
    if (messageId && (await store.hasProcessed(key, messageId))) return { kind: 'duplicate' };
    const active = await store.getActiveSession(key);
    const storyNumber = input.kind === 'message' ? parseUseStory(input.text) : undefined;
    if (active && storyNumber !== undefined) return this.useStoryNow(key, storyNumber, reply, messageId);
    if (!active) {
      // A mock whose next question was never started (the process stopped in between) carries on.
      if (await this.unfinishedMock(key)) return this.afterSession(key, 'mock-next', reply);
      return this.afterSession(key, endChoiceOf(input), reply);
    }
    const out: StepResult = step(bank, active.state, input, now);
    const session: SessionRecord = { ...active, state: out.state, status: out.state.status, updatedAt: now };
    const applied = await this.commit(
      key,
      active,
      out.state,
      messageId,
      out.changes,
      out.messages,
      reply,
      now,
    );
    if (!applied) return { kind: 'duplicate' };
    if (!out.startNext) return { kind: 'applied', messages: out.messages, session };
    return this.afterSession(key, out.startNext, reply, out.messages);
  }

  /** The mock of the person's latest session, when that session is a finished question of it but not its last. */
  private async unfinishedMock(key: UserKey): Promise<boolean> {
    const latest = (await this.deps.store.listSessions(key))[0];
    const mock = latest?.state.mock;
    return latest?.status === 'completed' && mock !== undefined && mock.index + 1 < mock.questionIds.length;
  }

  /** After a mock's question: its next question, or after the last, the debrief (queued like a turn's replies). */
  private async nextInMock(
    key: UserKey,
    latest: SessionRecord,
    mock: MockLink,
    reply: Reply,
    before: OutgoingMessage[],
  ): Promise<TurnOutcome> {
    const { store, bank, clock } = this.deps;
    const nextId = mock.questionIds[mock.index + 1];
    if (nextId) {
      const next = { ...mock, index: mock.index + 1 };
      const selector: QuestionSelector = { kind: 'question', questionId: nextId };
      const started = await this.startNow(key, selector, reply, false, undefined, next);
      if (started.kind !== 'started') return { kind: 'no-session' };
      return { kind: 'applied', messages: [...before, ...started.messages], session: started.session };
    }
    const asked = mockSessions(await store.listSessions(key), mock.id).filter(
      (s) => s.status === 'completed',
    );
    const debrief = buildDebrief(
      bank,
      mock.id,
      asked.map((s) => s.state),
      clock(),
    );
    const view = await this.scoreView(key);
    const closing = viewMessage(
      view,
      message(
        { kind: 'debrief', debrief },
        choices({ id: 'next', label: 'Next question' }, { id: 'done', label: 'Done for now' }),
      ),
    );
    if (reply.channel)
      await store.enqueueMessages(key, [{ channel: reply.channel, payload: closing }], clock());
    return { kind: 'applied', messages: [...before, closing], session: latest };
  }

  /** "Retry" or "next" after a session ended starts the follow-on session; "done" just says goodbye. */
  private async afterSession(
    key: UserKey,
    choice: ChoiceId | 'mock-next' | undefined,
    reply: Reply,
    before: OutgoingMessage[] = [],
  ): Promise<TurnOutcome> {
    const latest = (await this.deps.store.listSessions(key))[0];
    const mock = latest?.state.mock;
    if (latest && mock && choice === 'mock-next') return this.nextInMock(key, latest, mock, reply, before);
    if (!latest || (choice !== 'retry' && choice !== 'next' && choice !== 'done'))
      return { kind: 'no-session' };
    if (choice === 'done') {
      return {
        kind: 'farewell',
        messages: [...before, info('Nice work today. Come back any time to practise another story.')],
      };
    }
    const selector: QuestionSelector =
      choice === 'retry' ? { kind: 'question', questionId: latest.questionId } : { kind: 'recommended' };
    // A retry is a new version of the same story.
    const storyId =
      choice === 'retry'
        ? (await loadStories(this.deps, key)).find((s) => s.sessionIds.includes(latest.id))?.id
        : undefined;
    const started = await this.startNow(key, selector, reply, false, storyId);
    if (started.kind !== 'started') return { kind: 'no-session' };
    return { kind: 'applied', messages: [...before, ...started.messages], session: started.session };
  }

  private async useStoryNow(
    key: UserKey,
    number: number,
    reply: Reply,
    messageId: string | null = null,
  ): Promise<TurnOutcome> {
    const now = this.deps.clock();
    const active = await this.deps.store.getActiveSession(key);
    if (!active) return { kind: 'no-session' };
    const story = findStory(await loadStories(this.deps, key), String(number));
    const problem = !opening(active.state)
      ? 'You have started answering this question, so it is told as a new story. Type `restart` first to tell one of your stories instead.'
      : !story
        ? `There is no story ${number} in your story bank.`
        : undefined;
    const messages = problem ? [info(problem)] : [reminder(story!)];
    const state = problem ? active.state : { ...active.state, storyId: story!.id, updatedAt: now };
    const applied = await this.commit(key, active, state, messageId, { answers: [] }, messages, reply, now);
    if (!applied) return { kind: 'duplicate' };
    return { kind: 'applied', messages, session: { ...active, state, updatedAt: now } };
  }

  private async commit(
    key: UserKey,
    session: SessionRecord,
    state: SessionState,
    messageId: string | null,
    changes: StepResult['changes'],
    messages: OutgoingMessage[],
    reply: Reply,
    now: number,
  ): Promise<boolean> {
    const view = await this.scoreView(key);
    const evaluation = changes.evaluation && {
      rubricVersion: changes.evaluation.rubricVersion,
      score: changes.evaluation.overall.score,
      band: changes.evaluation.overall.band,
      criteria: changes.evaluation.criteria,
    };
    return this.deps.store.commitTurn({
      key,
      messageId,
      session: { ...session, state, status: state.status, updatedAt: now },
      answers: changes.answers,
      ...(evaluation ? { evaluation } : {}),
      ...(changes.followUpAnswer ? { followUpAnswer: changes.followUpAnswer } : {}),
      outbox: reply.channel
        ? messages.map((m) => ({ channel: reply.channel, payload: viewMessage(view, m) }))
        : [],
      now,
    });
  }
}

const OFFERED_STORIES = 5;

/** A session that has not heard any of the answer yet can still be told as one of the person's stories. */
const opening = (state: SessionState) =>
  state.status === 'active' && state.step.kind === 'part' && Object.keys(state.parts).length === 0;

/** "Use one of your stories": live stories, those already told or tagged for this principle first. */
function storyOffer(stories: StoryView[], principleId: string): MessagePart | undefined {
  const live = stories.filter((s) => !s.retired);
  if (live.length === 0) return undefined;
  const fitting = [
    ...live.filter((s) => s.principles.includes(principleId)),
    ...live.filter((s) => !s.principles.includes(principleId)),
  ];
  return {
    kind: 'story-offer',
    stories: fitting.slice(0, OFFERED_STORIES).map((s) => ({ number: s.number, title: s.title })),
  };
}

/** The chosen story's last version, as a reminder before the person tells it again for this question. */
function reminder(story: StoryView): OutgoingMessage {
  const parts = Object.entries(story.latestParts)
    .filter(([, text]) => text)
    .map(([part, text]) => `${PART_LABELS[part as keyof typeof PART_LABELS]}: ${clipWords(text ?? '', 30)}`);
  return info(
    [
      `Telling story ${story.number}, “${story.title}”, for this question: your answer becomes its next version.`,
      ...(parts.length ? ['Your last version, as a reminder:', ...parts.map((p) => `• ${p}`)] : []),
      'Now tell it for this question, starting with the Situation.',
    ].join('\n'),
  );
}

function clipWords(text: string, words: number): string {
  const all = text.replace(/\s+/g, ' ').trim().split(' ');
  return all.length <= words ? all.join(' ') : `${all.slice(0, words).join(' ')}…`;
}
