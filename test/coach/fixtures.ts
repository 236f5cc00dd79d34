import { type CoachInput, step } from '../../src/coach/engine.ts';
import { startSession } from '../../src/coach/start.ts';
import type { SessionState } from '../../src/coach/types.ts';
import { type ContentBank, loadContent } from '../../src/content/load.ts';

export const bank: ContentBank = loadContent();
export const SEED = 'dive-deep/unexpected-root-cause';
export const seed = bank.questions.find((q) => q.id === SEED)!;
export const NOW = Date.UTC(2026, 10, 26, 9, 0, 0);

export const say = (text: string, messageId: string | null = null): CoachInput => ({
  kind: 'message',
  text,
  messageId,
});

export function started(): SessionState {
  const out = startSession(
    bank,
    {
      selector: { kind: 'question', questionId: SEED },
      level: 'mid',
      lens: null,
      recommendedPrincipleId: 'dive-deep',
      recentQuestionIds: [],
    },
    NOW,
  );
  if (!out.ok) throw new Error(out.error);
  return out.state;
}

/** Feeds inputs one after another and returns the final state. */
export function run(state: SessionState, ...inputs: CoachInput[]): SessionState {
  return inputs.reduce((s, input, i) => step(bank, s, input, NOW + i + 1).state, state);
}

export const goodParts = [
  seed.parts.situation.good,
  seed.parts.task.good,
  seed.parts.action.good,
  seed.parts.result.good,
  seed.parts.reflection.good,
];

export const atAction = () => run(started(), say(goodParts[0]!, 'm1'), say(goodParts[1]!, 'm2'));
export const atFollowUp = () => run(started(), ...goodParts.map((t, i) => say(t, `m${i}`)));
export function atSummary(): SessionState {
  let state = atFollowUp();
  while (state.step.kind === 'follow-up') state = run(state, say('skip'));
  return state;
}
