import type { Logger } from '@slack/bolt';
import { findPrinciple, findQuestion } from '../coach/resolve.ts';
import { SCORES_SHOWN, viewMessage, viewOf } from '../coach/score-view.ts';
import type { StartSelector } from '../coach/start.ts';
import type { OutgoingMessage } from '../coach/types.ts';
import type { ContentBank } from '../content/load.ts';
import type { DailyScheduler } from '../schedule/scheduler.ts';
import type { PracticeService, Reply, StartOutcome } from '../service/practice-service.ts';
import type { Store, UserKey } from '../store/types.ts';
import { classifyApiError, describeApiError } from './api-errors.ts';
import type { PreRendered } from './deliverer.ts';
import type { EventGate } from './event-gate.ts';
import { renderConflict } from './render/commands.ts';
import { type RenderedMessage, renderText } from './render/message.ts';
import type { SlackApi } from './slack-api.ts';

/** The practice service as the listeners use it. */
export type CoachService = Pick<
  PracticeService,
  'start' | 'turn' | 'getActiveSession' | 'forget' | 'useStory'
>;

/** Everything a listener needs, passed in explicitly (tests pass fakes). */
export interface CoachDeps {
  service: CoachService;
  store: Store;
  bank: ContentBank;
  clock: () => number;
  logger: Logger;
  /** The Web API calls of one workspace, with that workspace's token. */
  slackFor(workspaceId: string): SlackApi;
  /** Drops a workspace's cached clients and DM ids (it left). */
  forgetWorkspaceClients(workspaceId: string): void;
  deliverer: { kick(): void };
  /** Resolves when requests that are waiting have been acknowledged: called between ack and the work. */
  afterPendingRequests: () => Promise<void>;
  gate: EventGate;
  /** Posts a channel's daily question (for `daily now`). */
  scheduler: Pick<DailyScheduler, 'postToday'>;
  /** The app's own user id, to ignore its own messages. */
  botUserId?: string;
}

export const slackReply = (channel: string): Reply => ({ source: 'slack', channel });

/** How a start request reads in a sentence ("start Dive Deep?"). */
export function describeSelector(bank: ContentBank, selector: StartSelector): string {
  if (selector.kind === 'recommended') return 'your recommended question';
  if (selector.kind === 'mock') return `a mock interview of ${selector.size} questions`;
  if (selector.kind === 'principle')
    return `a ${findPrinciple(bank, selector.principleId)?.name ?? selector.principleId} question`;
  return `“${findQuestion(bank, selector.questionId)?.question ?? selector.questionId}”`;
}

export function questionText(bank: ContentBank, questionId: string): string {
  return findQuestion(bank, questionId)?.question ?? questionId;
}

/**
 * Starts a session in the user's DM. Started: the opening messages are already in the outbox, so the deliverer
 * is kicked. A session in progress: the DM gets a question with abandon / keep buttons instead.
 */
export async function startInDm(
  deps: CoachDeps,
  key: UserKey,
  dm: string,
  selector: StartSelector,
  options: { replace?: boolean } = {},
): Promise<StartOutcome> {
  const outcome = await deps.service.start(key, selector, slackReply(dm), options);
  if (outcome.kind === 'started') {
    deps.logger.info(
      `Started session ${outcome.session.id} (${outcome.session.questionId}) for user ${key.userId}.`,
    );
    deps.deliverer.kick();
  }
  if (outcome.kind === 'conflict') {
    const prompt = renderConflict(
      questionText(deps.bank, outcome.active.questionId),
      selector,
      describeSelector(deps.bank, selector),
    );
    await queueReply(deps, key, dm, prompt);
  }
  return outcome;
}

/**
 * Queues replies to a person's channel through the outbox, like a turn's replies: they go out in order with
 * those, paced, and are retried while Slack is unreachable, so a notice is never lost to an outage.
 */
export async function queueReply(
  deps: CoachDeps,
  key: UserKey,
  channel: string,
  messages: OutgoingMessage[] | RenderedMessage,
): Promise<void> {
  // Coaching messages are shown as the person sees results (scores on or off), like a turn's replies.
  const view = Array.isArray(messages) ? viewOf(await deps.store.getUser(key)) : SCORES_SHOWN;
  const payloads = Array.isArray(messages)
    ? messages.map((m) => viewMessage(view, m))
    : [{ rendered: messages } satisfies PreRendered];
  await deps.store.enqueueMessages(
    key,
    payloads.map((payload) => ({ channel, payload })),
    deps.clock(),
  );
  deps.deliverer.kick();
}

/** What to tell the user when something failed, in words they can act on. */
export function userFacingError(error: unknown): RenderedMessage {
  const failure = classifyApiError(error);
  if (failure.kind === 'rate-limited')
    return renderText('Slack is asking me to slow down. Please try again in a minute.');
  if (failure.kind === 'permanent' && failure.code === 'missing_scope') {
    return renderText(
      'I am missing a Slack permission for that. Please ask a workspace admin to reinstall STAR Coach.',
    );
  }
  if (
    failure.kind === 'permanent' &&
    (failure.code === 'channel_not_found' || failure.code === 'not_in_channel')
  ) {
    return renderText(
      'I could not reach our DM. Open STAR Coach from the Apps section of Slack and try again.',
    );
  }
  return renderText(
    'Sorry, something went wrong on my side, so that did not go through. Please try again in a moment.',
  );
}

/** Logs a failure without message text or tokens (the error description carries only codes). */
export function logFailure(
  deps: Pick<CoachDeps, 'logger'>,
  what: string,
  key: UserKey,
  error: unknown,
): void {
  deps.logger.error(
    `${what} failed for user ${key.userId} in ${key.workspaceId}: ${describeApiError(error)}`,
  );
  if (!(error instanceof Error) || !('code' in error)) deps.logger.debug(error);
}
