import { describe, expect, it } from 'vitest';
import { step } from '../../src/coach/engine.ts';
import { buildDebrief, finishedMocks, planMock } from '../../src/coach/mock.ts';
import { SCORES_HIDDEN, viewMessage } from '../../src/coach/score-view.ts';
import { freshState } from '../../src/coach/start.ts';
import type { MockLink, OutgoingMessage, SessionState } from '../../src/coach/types.ts';
import { bank, NOW, say } from './fixtures.ts';

const question = (id: string) => bank.questions.find((q) => q.id === id)!;
const DIVE = question('dive-deep/unexpected-root-cause');
const OWNERSHIP = question('ownership/orphaned-job-after-reorg');
const TRUST = question('earn-trust/admitted-own-mistake');
const ASKED = [DIVE, OWNERSHIP, TRUST];

/** Each question's own strong answer, as one labelled message. */
const ownStory = (q: typeof DIVE) =>
  `Situation: ${q.parts.situation.good}\nTask: ${q.parts.task.good}\nAction: ${q.parts.action.good}\nResult: ${q.parts.result.good}\nReflection: ${q.parts.reflection.good}`;

const WEAK_STORY = [
  'Situation: We had a problem with a system once and it was not great for anyone.',
  'Task: We needed to fix it somehow.',
  'Action: We looked into it and we talked about it and the team sorted things out in the end.',
  'Result: It went well and everyone was happy.',
  'Reflection: I learned a lot about teamwork.',
].join('\n');

/** Runs one mock question with `answer`, then answers its follow-up; returns every state and message. */
function ask(
  mock: MockLink,
  answer: string,
  followUpReply = 'I checked the numbers first because they told me where to look.',
) {
  const q = question(mock.questionIds[mock.index]!);
  let state: SessionState = { ...freshState(q, 'mid', null, NOW), mock };
  const messages: OutgoingMessage[] = [];
  const results = [];
  for (const [i, text] of [answer, followUpReply].entries()) {
    const out = step(bank, state, say(text), NOW + i + 1);
    state = out.state;
    messages.push(...out.messages);
    results.push(out);
  }
  return { state, messages, last: results.at(-1)! };
}

function runMock(answers: string[]) {
  const link = (index: number): MockLink => ({ id: 'mock-1', index, questionIds: ASKED.map((q) => q.id) });
  return answers.map((answer, index) => ask(link(index), answer));
}

describe('planMock', () => {
  const standings = bank.principles.map((p) => ({
    principleId: p.id,
    practised: true,
    lastBand: 'strongly-inclined' as const,
    lastPractisedAt: NOW,
  }));

  it('asks one question per principle, the weakest principles first', () => {
    const weak = standings.map((s) =>
      s.principleId === 'earn-trust'
        ? { ...s, lastBand: 'not-inclined' as const }
        : s.principleId === 'bias-for-action'
          ? { ...s, practised: false, lastBand: null, lastPractisedAt: null }
          : s,
    );
    const plan = planMock(bank, { size: 4, standings: weak, family: null, recentQuestionIds: [] });
    expect(plan).toHaveLength(4);
    expect(plan.map((q) => q.principle).slice(0, 2)).toEqual(['bias-for-action', 'earn-trust']);
    expect(new Set(plan.map((q) => q.principle)).size).toBe(4);
  });

  it('prefers questions from the person’s family and never more than asked', () => {
    const plan = planMock(bank, { size: 3, standings, family: 'retail', recentQuestionIds: [] });
    expect(plan).toHaveLength(3);
    for (const q of plan) {
      const hasRetail = bank.questions.some((x) => x.principle === q.principle && x.jobFamily === 'retail');
      if (hasRetail) expect(q.jobFamily).toBe('retail');
    }
  });
});

describe('a mock question in the engine', () => {
  it('gives no feedback, asks exactly one follow-up, then hands over to the next question', () => {
    const [first] = runMock([ownStory(DIVE)]);
    const kinds = first!.messages.flatMap((m) => m.parts.map((p) => p.kind));
    expect(kinds).not.toContain('feedback');
    expect(kinds).not.toContain('follow-up-verdict');
    expect(kinds.filter((k) => k === 'follow-up')).toHaveLength(1);
    expect(first!.state.followUps).toHaveLength(1);
    expect(first!.state.status).toBe('completed');
    expect(first!.last.startNext).toBe('mock-next');
    expect(first!.state.evaluation?.overall.band).toBeDefined();
  });

  it('keeps the mock when the question is restarted', () => {
    const mock: MockLink = { id: 'm', index: 1, questionIds: ASKED.map((q) => q.id) };
    const state = { ...freshState(OWNERSHIP, 'mid', null, NOW), mock };
    const restarted = step(
      bank,
      step(bank, state, say('We had a bad week.'), NOW).state,
      say('restart'),
      NOW,
    );
    expect(restarted.state.mock).toEqual(mock);
  });
});

describe('buildDebrief', () => {
  it('writes a verdict per principle with the person’s own words, and the strongest and weakest moment', () => {
    const answers = [ownStory(DIVE), WEAK_STORY, ownStory(TRUST)];
    const asked = runMock(answers);
    const debrief = buildDebrief(
      bank,
      'mock-1',
      asked.map((a) => a.state),
      NOW,
    );
    expect(debrief.principles.map((p) => p.principleId)).toEqual(['dive-deep', 'ownership', 'earn-trust']);
    const all = answers.join(' ').replace(/\s+/g, ' ');
    for (const [i, p] of debrief.principles.entries()) {
      expect(p.band).toBe(asked[i]!.state.evaluation!.overall.band);
      // Evidence is the person's words, cut with an ellipsis when long.
      const words = (quote: string) => quote.replace(/\s+/g, ' ').replace(/(\.\.\.|…)$/, '');
      for (const e of [...p.evidenceFor, ...p.evidenceAgainst]) expect(all).toContain(words(e.quote));
      expect(p.followUp?.answer).toContain('I checked the numbers first');
    }
    // The weak answer is the weakest moment; a strong one the strongest.
    expect(debrief.weakest?.principle).toBe('Ownership');
    expect(WEAK_STORY).toContain(debrief.weakest!.quote.replace(/(\.\.\.|…)$/, ''));
    expect(debrief.strongest?.principle).not.toBe('Ownership');
    expect(debrief.principles[1]!.evidenceAgainst.length).toBeGreaterThan(0);
    expect(debrief.sameStory).toEqual([]);
  });

  it('names the principles that heard the same story', () => {
    const asked = runMock([ownStory(DIVE), ownStory(OWNERSHIP), ownStory(DIVE)]);
    const debrief = buildDebrief(
      bank,
      'mock-1',
      asked.map((a) => a.state),
      NOW,
    );
    expect(debrief.sameStory).toEqual([['Dive Deep', 'Earn Trust']]);
  });

  it('is kept: a finished mock’s debrief comes back from its stored sessions, an unfinished one does not', () => {
    const asked = runMock([ownStory(DIVE), ownStory(OWNERSHIP), ownStory(TRUST)]);
    const records = asked.map((a, i) => ({ state: a.state, updatedAt: NOW + i }));
    expect(finishedMocks(bank, records)).toHaveLength(1);
    expect(finishedMocks(bank, records.slice(0, 2))).toEqual([]);
  });
});

describe('scores off', () => {
  it('takes bands and scores out of a debrief and a feedback message, and keeps the quotes', () => {
    const asked = runMock([ownStory(DIVE), WEAK_STORY, ownStory(DIVE)]);
    const debrief = buildDebrief(
      bank,
      'mock-1',
      asked.map((a) => a.state),
      NOW,
    );
    const shown = viewMessage(SCORES_HIDDEN, { text: '', parts: [{ kind: 'debrief', debrief }] });
    expect(shown.text).not.toMatch(/\d+\/100|inclined/i);
    expect(shown.text).toContain(debrief.principles[0]!.evidenceFor[0]!.quote.slice(0, 40));
    expect(shown.text).toMatch(/Same story told twice: Dive Deep and Earn Trust/);
    const practice = step(bank, freshState(DIVE, 'mid', null, NOW), say(ownStory(DIVE)), NOW).messages;
    const visible = practice.map((m) => viewMessage(SCORES_HIDDEN, m).text).join('\n');
    expect(practice.map((m) => m.text).join('\n')).toMatch(/\d+\/100/);
    expect(visible).not.toMatch(/\d+\/100|inclined/i);
    expect(visible).toMatch(/About \d+ s spoken/);
  });
});
