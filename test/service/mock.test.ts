import { describe, expect, it } from 'vitest';
import { PracticeService, type Reply } from '../../src/service/practice-service.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import type { Store, TurnCommit } from '../../src/store/types.ts';
import { bank } from '../coach/fixtures.ts';

const key = { workspaceId: 'local', userId: 'mock-tester' };
const REPLY: Reply = { source: 'cli', channel: null };
const dive = bank.questions.find((q) => q.id === 'dive-deep/unexpected-root-cause')!;
const whole = `Situation: ${dive.parts.situation.good}\nTask: ${dive.parts.task.good}\nAction: ${dive.parts.action.good}\nResult: ${dive.parts.result.good}\nReflection: ${dive.parts.reflection.good}`;

/** The service over a real SQLite store; `failNextStartOf(i)` makes the start of the mock's question i fail once. */
async function setup() {
  const store = await openSqliteStore({ path: ':memory:' });
  let failIndex: number | undefined;
  const flaky: Store = Object.create(store, {
    commitTurn: {
      value: (commit: TurnCommit) => {
        const index = commit.session.state.mock?.index;
        const starting =
          index !== undefined && index === failIndex && commit.session.createdAt === commit.now;
        if (starting && Object.keys(commit.session.state.parts).length === 0) {
          failIndex = undefined;
          return Promise.reject(new Error('the process stopped here'));
        }
        return store.commitTurn(commit);
      },
    },
  });
  let t = Date.UTC(2026, 10, 26, 9);
  let n = 0;
  const service = new PracticeService({ store: flaky, bank, clock: () => t++, newId: () => `id-${++n}` });
  const say = (text: string) => service.turn(key, { kind: 'message', text, messageId: `m-${++n}` }, REPLY);
  return { store, service, say, failNextStartOf: (i: number) => (failIndex = i) };
}

describe('a mock interview in the practice service', () => {
  it('carries on with the next question when the process stopped between two questions', async () => {
    const { store, service, say, failNextStartOf } = await setup();
    const started = await service.start(key, { kind: 'mock', size: 3 }, REPLY);
    expect(started.kind).toBe('started');
    await say(whole);
    failNextStartOf(1);
    await expect(say('I looked at the logs first.')).rejects.toThrow('the process stopped here');
    expect(await store.getActiveSession(key)).toBeNull();
    const next = await say('hello?');
    expect(next.kind).toBe('applied');
    const text = next.kind === 'applied' ? next.messages.map((m) => m.text).join('\n') : '';
    expect(text).toContain('Question 2 of 3.');
    const active = await store.getActiveSession(key);
    expect(active?.state.mock?.index).toBe(1);
    expect(active?.state.mock?.id).toBe((await store.listSessions(key)).at(-1)?.state.mock?.id);
  });

  it('asks before replacing a session in progress, and starts the mock when told to', async () => {
    const { store, service } = await setup();
    await service.start(key, { kind: 'question', questionId: dive.id }, REPLY);
    const conflict = await service.start(key, { kind: 'mock', size: 4 }, REPLY);
    expect(conflict.kind).toBe('conflict');
    const replaced = await service.start(key, { kind: 'mock', size: 4 }, REPLY, { replace: true });
    expect(replaced.kind).toBe('started');
    const active = await store.getActiveSession(key);
    expect(active?.state.mock?.questionIds).toHaveLength(4);
    const principles = active!.state.mock!.questionIds.map(
      (id) => bank.questions.find((q) => q.id === id)!.principle,
    );
    expect(new Set(principles).size).toBe(4);
  });

  it('shows a practice session’s feedback without scores when the person turned them off', async () => {
    const { store, service, say } = await setup();
    await store.upsertUser(key, { showScores: false }, Date.UTC(2026, 10, 26, 8));
    await service.start(key, { kind: 'question', questionId: dive.id }, REPLY);
    const out = await say(whole);
    const text = out.kind === 'applied' ? out.messages.map((m) => m.text).join('\n') : '';
    expect(text).toMatch(/About \d+ s spoken/);
    expect(text).not.toMatch(/\d+\/100|inclined/i);
    expect((await store.getActiveSession(key))?.state.evaluation?.overall.score).toBeGreaterThan(0);
  });
});
