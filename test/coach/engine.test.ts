import { describe, expect, it } from 'vitest';
import { resumeMessages, step } from '../../src/coach/engine.ts';
import type { SessionState, Step } from '../../src/coach/types.ts';
import {
  atAction,
  atFollowUp,
  atSummary,
  bank,
  goodParts,
  NOW,
  run,
  SEED,
  say,
  seed,
  started,
} from './fixtures.ts';

const kinds = (s: SessionState, text: string) =>
  step(bank, s, say(text), NOW)
    .messages.flatMap((m) => m.parts)
    .map((p) => p.kind);

type StateName = 'fresh' | 'action' | 'follow-up' | 'summary' | 'closed';
const states: Record<StateName, () => SessionState> = {
  fresh: started,
  action: atAction,
  'follow-up': atFollowUp,
  summary: atSummary,
  closed: () => run(started(), say('stop')),
};

// Every in-session command in every state: the step it leads to and the status afterwards.
const table: [StateName, string, Step['kind'], string | number | null, SessionState['status']][] = [
  ['fresh', 'help', 'part', 'situation', 'active'],
  ['fresh', 'status', 'part', 'situation', 'active'],
  ['fresh', 'hint', 'part', 'situation', 'active'],
  ['fresh', 'back', 'part', 'situation', 'active'],
  ['fresh', 'skip', 'part', 'task', 'active'],
  ['fresh', 'restart', 'part', 'situation', 'active'],
  ['fresh', 'stop', 'closed', null, 'abandoned'],
  ['action', 'help', 'part', 'action', 'active'],
  ['action', 'status', 'part', 'action', 'active'],
  ['action', 'hint', 'part', 'action', 'active'],
  ['action', 'back', 'part', 'task', 'active'],
  ['action', 'skip', 'part', 'result', 'active'],
  ['action', 'restart', 'part', 'situation', 'active'],
  ['action', 'stop', 'closed', null, 'abandoned'],
  ['follow-up', 'help', 'follow-up', 0, 'active'],
  ['follow-up', 'status', 'follow-up', 0, 'active'],
  ['follow-up', 'hint', 'follow-up', 0, 'active'],
  ['follow-up', 'back', 'follow-up', 0, 'active'],
  ['follow-up', 'skip', 'follow-up', 1, 'active'],
  ['follow-up', 'restart', 'part', 'situation', 'active'],
  ['follow-up', 'stop', 'closed', null, 'abandoned'],
  ['summary', 'help', 'summary', null, 'completed'],
  ['summary', 'status', 'summary', null, 'completed'],
  ['summary', 'hint', 'summary', null, 'completed'],
  ['summary', 'back', 'summary', null, 'completed'],
  ['summary', 'skip', 'summary', null, 'completed'],
  ['summary', 'done', 'closed', null, 'completed'],
  ['closed', 'help', 'closed', null, 'abandoned'],
  ['closed', 'hello', 'closed', null, 'abandoned'],
];

describe('engine commands in every state', () => {
  it.each(table)('%s + %s -> %s %s (%s)', (name, text, kind, where, status) => {
    const before = states[name]();
    const out = step(bank, before, say(text), NOW + 10);
    expect(out.state.step.kind).toBe(kind);
    if (out.state.step.kind === 'part') expect(out.state.step.part).toBe(where);
    if (out.state.step.kind === 'follow-up') expect(out.state.step.index).toBe(where);
    expect(out.state.status).toBe(status);
    expect(out.messages.length).toBeGreaterThan(0);
    expect(out.changes.answers).toEqual([]);
  });
});

describe('collecting parts', () => {
  it('opens with the question and the Situation tip and target', () => {
    const out = step(bank, started(), say('status'), NOW);
    expect(out.messages[0]!.text).toContain('answering the Situation');
    const opening = resumeMessages(bank, started());
    expect(opening.flatMap((m) => m.parts)).toContainEqual(
      expect.objectContaining({ kind: 'prompt', part: 'situation', targetSeconds: 45 }),
    );
  });

  it('stores each part and asks for the next one', () => {
    const out = step(bank, started(), say(goodParts[0]!, 'm1'), NOW);
    expect(out.state.parts.situation).toBe(goodParts[0]);
    expect(out.state.step).toEqual({ kind: 'part', part: 'task' });
    expect(out.changes.answers).toEqual([{ part: 'situation', text: goodParts[0], messageId: 'm1' }]);
    expect(out.messages.at(-1)!.parts[0]).toMatchObject({ kind: 'prompt', part: 'task' });
  });

  it('nudges a Situation that runs past its target time, quoting the seconds', () => {
    const out = step(bank, started(), say(seed.parts.situation.bad), NOW);
    const nudge = out.messages.flatMap((m) => m.parts).find((p) => p.kind === 'nudge');
    expect(nudge).toMatchObject({ kind: 'nudge', part: 'situation', criterion: 'situation-concise' });
    expect(nudge?.kind === 'nudge' && nudge.text).toMatch(/about \d+ s spoken; aim to stop by 45 s/);
  });

  it('does not nudge a good Situation', () => {
    expect(kinds(started(), goodParts[0]!)).not.toContain('nudge');
  });

  it('nudges a Task that never states the scope boundary', () => {
    const state = run(started(), say(goodParts[0]!));
    const out = step(bank, state, say(seed.parts.task.bad), NOW);
    expect(out.messages.flatMap((m) => m.parts)).toContainEqual(
      expect.objectContaining({ kind: 'nudge', criterion: 'scope-ownership' }),
    );
  });

  it('rejects an empty message without losing anything', () => {
    const state = atAction();
    const out = step(bank, state, say('   \n '), NOW);
    expect(out.state.parts).toEqual(state.parts);
    expect(out.state.step).toEqual(state.step);
    expect(out.messages[0]!.parts[0]!.kind).toBe('error');
  });

  it.each([
    ['a code block alone', '```\nconst lock = await db.acquire();\n```'],
    ['emoji alone', '🔥🔥 🚀'],
    ['punctuation alone', '... ?!'],
  ])('asks for words when a message holds %s, storing nothing', (_, text) => {
    const state = atAction();
    const out = step(bank, state, say(text), NOW);
    expect(out.state.parts).toEqual(state.parts);
    expect(out.state.step).toEqual(state.step);
    expect(out.changes.answers ?? []).toEqual([]);
    const reply = out.messages[0]!.parts[0]!;
    expect(reply.kind === 'error' && reply.text).toMatch(/no words to grade.*your Action in words/);
  });

  it('takes an answer with a code block beside its words', () => {
    const out = step(bank, atAction(), say('I added a lock timeout:\n```\nSET lock_timeout = 5s;\n```'), NOW);
    expect(out.state.parts.action).toContain('I added a lock timeout');
  });

  it('fills every part of a whole labelled first message at once', () => {
    const whole = goodParts
      .map((t, i) => `${['Situation', 'Task', 'Action', 'Result', 'Reflection'][i]}: ${t}`)
      .join('\n');
    const out = step(bank, started(), say(whole, 'w1'), NOW);
    expect(Object.keys(out.state.parts).sort()).toEqual([
      'action',
      'reflection',
      'result',
      'situation',
      'task',
    ]);
    expect(out.state.step.kind).toBe('follow-up');
    expect(out.changes.evaluation).toBeDefined();
  });

  it('splits an unlabelled whole story sent first, and says how to answer part by part instead', () => {
    const story = goodParts.join(' ');
    const out = step(bank, started(), say(story, 'w1'), NOW);
    const found = Object.keys(out.state.parts);
    expect(found.length).toBeGreaterThanOrEqual(4);
    expect(found).toEqual(expect.arrayContaining(['action', 'result']));
    expect(out.changes.answers.every((a) => a.messageId === 'w1')).toBe(true);
    const first = out.messages[0]!.parts[0]!;
    expect(first.kind === 'info' && first.text).toMatch(
      /whole story.*`restart` to answer one part at a time/,
    );
  });

  it('keeps a long, rambling Situation as the Situation', () => {
    const out = step(bank, started(), say(seed.parts.situation.bad), NOW);
    expect(Object.keys(out.state.parts)).toEqual(['situation']);
    expect(out.state.step).toEqual({ kind: 'part', part: 'task' });
  });

  it('takes an unlabelled whole story sent after the Situation as the part asked for', () => {
    const state = run(started(), say(goodParts[0]!));
    const out = step(bank, state, say(goodParts.join(' ')), NOW);
    expect(Object.keys(out.state.parts).sort()).toEqual(['situation', 'task']);
  });

  it('a labelled message later in the session is just that part', () => {
    const out = step(bank, atAction(), say('Result: it got better\nReflection: teamwork'), NOW);
    expect(out.state.parts.action).toContain('Result: it got better');
  });

  it('back then a new answer replaces the previous part', () => {
    const state = run(atAction(), say('back'), say('A new task statement, not my team and no ticket.', 'm9'));
    expect(state.parts.task).toBe('A new task statement, not my team and no ticket.');
    expect(state.step).toEqual({ kind: 'part', part: 'action' });
  });

  it('skip keeps moving and the skipped part counts as answered', () => {
    const state = run(started(), say('skip'), say('skip'), say('skip'), say('skip'), say('skip'));
    expect(state.skipped).toEqual(['situation', 'task', 'action', 'result', 'reflection']);
    expect(state.evaluation).not.toBeNull();
  });
});

describe('edits', () => {
  it('an edit replaces the part before feedback', () => {
    const out = step(bank, atAction(), { kind: 'edit', messageId: 'm1', text: 'Edited situation.' }, NOW);
    expect(out.state.parts.situation).toBe('Edited situation.');
    expect(out.changes.answers).toEqual([{ part: 'situation', text: 'Edited situation.', messageId: 'm1' }]);
  });

  it('an edit after feedback changes nothing', () => {
    const state = atFollowUp();
    const out = step(bank, state, { kind: 'edit', messageId: 'm0', text: 'Edited.' }, NOW);
    expect(out.state.parts).toEqual(state.parts);
    expect(out.changes.answers).toEqual([]);
  });

  it('an edit of an unknown message is ignored', () => {
    const out = step(bank, atAction(), { kind: 'edit', messageId: 'nope', text: 'x' }, NOW);
    expect(out.messages).toEqual([]);
  });
});

describe('feedback and follow-ups', () => {
  it('gives feedback with band, seconds and contrasts for a weak answer', () => {
    const weak = [
      seed.parts.situation.bad,
      seed.parts.task.bad,
      seed.parts.action.bad,
      seed.parts.result.bad,
      seed.parts.reflection.bad,
    ];
    const out = weak.reduce((acc, text) => step(bank, acc.state, say(text), NOW), {
      state: started(),
      messages: [],
    } as {
      state: SessionState;
      messages: { parts: { kind: string }[] }[];
    });
    const parts = out.messages.flatMap((m) => m.parts);
    const feedback = parts.find((p) => p.kind === 'feedback');
    expect(feedback).toBeDefined();
    expect(parts.some((p) => p.kind === 'contrast')).toBe(true);
    expect(out.state.evaluation?.overall.band).toMatch(/not-inclined/);
  });

  it('asks 2-3 follow-ups chosen from the question bank, then one on the person’s own words', () => {
    const state = atFollowUp();
    const stored = state.followUps.filter((f) => f.id !== 'own-words');
    expect(stored.length).toBeGreaterThanOrEqual(2);
    expect(stored.length).toBeLessThanOrEqual(3);
    for (const f of stored) expect(seed.followUps.map((x) => x.id)).toContain(f.id);
    expect(state.followUps.at(-1)?.id).toBe('own-words');
  });

  it('grades a stored follow-up on its question, showing its weak and strong examples', () => {
    const state = atFollowUp();
    const id = state.followUps[0]!.id;
    const followUp = seed.followUps.find((f) => f.id === id)!;
    const weak = step(bank, state, say(followUp.bad, 'f1'), NOW);
    expect(weak.changes.followUpAnswer).toMatchObject({ followUpId: id, messageId: 'f1', verdict: 'fail' });
    expect(weak.messages[0]!.parts.map((p) => p.kind)).toEqual(['follow-up-verdict', 'contrast']);
    const strong = step(bank, state, say(followUp.good), NOW);
    expect(strong.changes.followUpAnswer?.verdict).toBe('pass');
  });

  it('asks about the weakest sentence in the person’s own words, and grades the reply like the others', () => {
    const action =
      'We looked at the logs for a few days. I wrote a fix for the retry timeout and tested it against 200 replayed webhooks.';
    const parts = [goodParts[0]!, goodParts[1]!, action, goodParts[3]!, goodParts[4]!];
    let state = run(started(), ...parts.map((t) => say(t)));
    const own = state.followUps.find((f) => f.id === 'own-words');
    expect(own?.question).toBe(
      "You said 'We looked at the logs for a few days': what did you look for first, and what did it show?",
    );
    while (state.step.kind === 'follow-up' && state.followUps[state.step.index]!.id !== 'own-words')
      state = run(state, say('skip'));
    const asked = step(bank, state, say('skip'), NOW);
    expect(asked.state.step.kind).toBe('summary');
    const vague = step(
      bank,
      state,
      say('We looked for anything unusual and eventually found it.', 'o1'),
      NOW,
    );
    expect(vague.changes.followUpAnswer).toMatchObject({ followUpId: 'own-words', verdict: 'fail' });
    expect(vague.messages.flatMap((m) => m.parts.map((p) => p.kind))).toEqual([
      'follow-up-verdict',
      'summary',
      'choices',
    ]);
    const specific = step(
      bank,
      state,
      say(
        'I filtered the webhook logs for 5xx responses first and saw the same 30-second gap before every dropped delivery, which pointed at the retry client timing out.',
      ),
      NOW,
    );
    expect(specific.changes.followUpAnswer).toMatchObject({ followUpId: 'own-words', verdict: 'pass' });
  });

  it('continues a session stored before own-words follow-ups existed', () => {
    const before = atFollowUp();
    const old: SessionState = {
      ...before,
      followUps: before.followUps.filter((f) => f.id !== 'own-words'),
      evaluation: before.evaluation && {
        ...before.evaluation,
        followUps: before.evaluation.followUps.filter((f) => f.id !== 'own-words'),
      },
    };
    const restored = JSON.parse(JSON.stringify(old)) as SessionState;
    expect(resumeMessages(bank, restored).flatMap((m) => m.parts.map((p) => p.kind))).toContain('follow-up');
    const first = seed.followUps.find((f) => f.id === restored.followUps[0]!.id)!;
    const out = step(bank, restored, say(first.good), NOW);
    expect(out.changes.followUpAnswer).toMatchObject({ followUpId: first.id, verdict: 'pass' });
    let state = out.state;
    while (state.step.kind === 'follow-up') state = run(state, say('skip'));
    expect(state.status).toBe('completed');
    expect(state.followUps.map((f) => f.id)).not.toContain('own-words');
  });

  it('ends with a summary and choices, and the session counts as completed', () => {
    const state = atSummary();
    expect(state.status).toBe('completed');
    const out = resumeMessages(bank, state).flatMap((m) => m.parts);
    expect(out.find((p) => p.kind === 'choices')).toBeDefined();
  });

  it('retry and next ask the adapter to start the next session', () => {
    expect(step(bank, atSummary(), say('retry'), NOW).startNext).toBe('retry');
    expect(step(bank, atSummary(), { kind: 'choice', choice: 'next' }, NOW).startNext).toBe('next');
  });

  it('show-example at the summary shows a strong answer for every part', () => {
    const out = step(bank, atSummary(), { kind: 'choice', choice: 'show-example' }, NOW);
    expect(out.messages[0]!.parts.filter((p) => p.kind === 'example')).toHaveLength(5);
  });
});

describe('level and lens', () => {
  const at = (level: 'junior' | 'senior', lens: 'technical' | 'senior-leader' | null) => ({
    ...started(),
    level,
    lens,
  });

  it('level changes which follow-ups are asked', () => {
    const junior = run(at('junior', null), ...goodParts.map((t) => say(t)));
    expect(junior.followUps.map((f) => f.id)).not.toContain('do-differently');
  });

  it('the lens changes the advice and the order of follow-ups', () => {
    const weak = [goodParts[0]!, seed.parts.task.bad, goodParts[2]!, seed.parts.result.bad, goodParts[4]!];
    const advice = (state: ReturnType<typeof started>) =>
      state.evaluation?.criteria.find((c) => c.id === 'business-impact')?.advice ?? '';
    const plain = run(at('senior', null), ...weak.map((t) => say(t)));
    const leader = run(at('senior', 'senior-leader'), ...weak.map((t) => say(t)));
    expect(advice(leader)).not.toBe(advice(plain));
    expect(leader.followUps.map((f) => f.id)).not.toEqual(plain.followUps.map((f) => f.id));
  });

  it('a senior is told about organisational reach; a junior is not', () => {
    const weak = goodParts.map((t, i) => (i === 3 ? seed.parts.result.bad : t));
    const senior = run(at('senior', null), ...weak.map((t) => say(t)));
    const junior = run(at('junior', null), ...weak.map((t) => say(t)));
    const text = (s: ReturnType<typeof started>) =>
      s.evaluation?.criteria.map((c) => c.advice).join(' ') ?? '';
    expect(text(senior)).toMatch(/senior/i);
    expect(text(junior)).not.toMatch(/at senior level/i);
  });

  it('a session for an unknown question ends cleanly', () => {
    const out = step(bank, { ...started(), questionId: 'gone/away' }, say('hello'), NOW);
    expect(out.state.status).toBe('abandoned');
    expect(out.messages[0]!.parts[0]!.kind).toBe('error');
  });

  it('the question is the one asked for', () => {
    expect(started().questionId).toBe(SEED);
  });
});
