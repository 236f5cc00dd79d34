import { webApi } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import type { CoachDeps, CoachService } from '../../src/slack/coach.ts';
import { EventGate } from '../../src/slack/event-gate.ts';
import { sessionChoice } from '../../src/slack/listeners/actions/session-choice.ts';
import { starPractice } from '../../src/slack/listeners/commands/star-practice.ts';
import { appHomeOpened } from '../../src/slack/listeners/events/app-home-opened.ts';
import { directMessage } from '../../src/slack/listeners/events/direct-message.ts';
import { AppLogger, type LogLine } from '../../src/slack/logger.ts';
import type { RenderedMessage } from '../../src/slack/render/message.ts';
import type { SlackApi } from '../../src/slack/slack-api.ts';
import type { Store } from '../../src/store/types.ts';
import { bank } from '../helpers/slack-app.ts';
import { openTestStore } from '../helpers/test-store.ts';

const NOW = Date.UTC(2026, 10, 26, 9);
const stores: Store[] = [];

afterEach(async () => {
  for (const store of stores.splice(0)) await store.close();
});

const unusedService: CoachService = {
  start: () => Promise.reject(new Error('not expected')),
  turn: () => Promise.reject(new Error('not expected')),
  getActiveSession: async () => null,
  forget: () => Promise.reject(new Error('not expected')),
  useStory: () => Promise.reject(new Error('not expected')),
};

/** Listener dependencies with a real in-memory store and everything else fake. */
async function fakeDeps(overrides: { service?: CoachService; slack?: Partial<SlackApi> } = {}) {
  const store = await openTestStore(':memory:');
  stores.push(store);
  const posts: { channel: string; message: RenderedMessage }[] = [];
  const logs: LogLine[] = [];
  let kicks = 0;
  const slack: SlackApi = {
    openDm: async (user) => `D${user}`,
    post: async (channel, message) => {
      posts.push({ channel, message });
    },
    publishHome: async () => undefined,
    userTimeZone: async () => 'Europe/London',
    uploadFile: async () => undefined,
    postedFromOutbox: async () => false,
    forgetDm: () => undefined,
    ...overrides.slack,
  };
  const deps: CoachDeps = {
    service: overrides.service ?? unusedService,
    store,
    bank,
    clock: () => NOW,
    logger: new AppLogger('info', (line) => logs.push(line)),
    afterPendingRequests: async () => undefined,
    slackFor: () => slack,
    forgetWorkspaceClients: () => undefined,
    deliverer: { kick: () => (kicks += 1) },
    gate: new EventGate(store, () => NOW),
    scheduler: { postToday: async () => 'posted' },
  };
  return { deps, posts, logs, kicks: () => kicks };
}

const command = (text: string) => ({ text, user_id: 'U1', team_id: 'T1', channel_id: 'C1' });

describe('listeners called directly with fakes', () => {
  it('/star-practice acknowledges before any slow Web API call', async () => {
    let releaseDm: (channel: string) => void = () => undefined;
    const { deps } = await fakeDeps({
      slack: { openDm: () => new Promise<string>((resolve) => (releaseDm = resolve)) },
    });
    const order: string[] = [];
    const handled = starPractice(
      {
        command: command(''),
        ack: async () => {
          order.push('ack');
        },
        respond: async () => order.push('respond'),
      },
      deps,
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(order).toEqual(['ack']);
    releaseDm('DU1');
    await handled;
  });

  it('/star-practice without a text field starts the recommended question like an empty one', async () => {
    const started: unknown[] = [];
    const service: CoachService = {
      ...unusedService,
      start: async (_key, selector) => {
        started.push(selector);
        throw new Error('stop here: only the selector matters');
      },
    };
    const { deps } = await fakeDeps({ service });
    const { text: _, ...noText } = command('');
    await starPractice({ command: noText, ack: async () => undefined, respond: async () => undefined }, deps);
    expect(started).toEqual([{ kind: 'recommended' }]);
  });

  it('/star-practice explains a missing permission instead of failing silently', async () => {
    const { deps, logs } = await fakeDeps({
      slack: {
        openDm: () => Promise.reject(new webApi.WebAPIPlatformError({ ok: false, error: 'missing_scope' })),
      },
    });
    const replies: unknown[] = [];
    await starPractice(
      { command: command('dive-deep'), ack: async () => undefined, respond: async (m) => replies.push(m) },
      deps,
    );
    expect(replies).toEqual([
      expect.objectContaining({ response_type: 'ephemeral', text: expect.stringContaining('reinstall') }),
    ]);
    expect(logs.some((l) => l.level === 'error' && l.message.includes('missing_scope'))).toBe(true);
  });

  it('applies a double-clicked button once', async () => {
    let turns = 0;
    const service: CoachService = {
      ...unusedService,
      turn: async () => {
        turns += 1;
        return { kind: 'farewell', messages: [] };
      },
    };
    const { deps } = await fakeDeps({ service });
    const click = () =>
      sessionChoice(
        {
          ack: async () => undefined,
          respond: async () => undefined,
          action: { action_id: 'coach.choice.done', value: 'done' },
          body: {
            user: { id: 'U1' },
            team: { id: 'T1' },
            channel: { id: 'DU1' },
            message: { ts: '1.1', blocks: [] },
          },
        },
        deps,
      );
    await Promise.all([click(), click()]);
    expect(turns).toBe(1);
  });

  it('a DM that fails is logged without its text, the user is told (through the outbox), and Slack’s retry is let through', async () => {
    let calls = 0;
    const service: CoachService = {
      ...unusedService,
      turn: async () => {
        calls += 1;
        if (calls === 1) throw new Error('database is locked');
        return { kind: 'duplicate' };
      },
    };
    const { deps, logs, kicks } = await fakeDeps({ service });
    const event = {
      type: 'message',
      channel: 'DU1',
      channel_type: 'im',
      user: 'U1',
      text: 'my secret answer',
      ts: '1.2',
    };
    await directMessage({ event, body: { event_id: 'Ev1', team_id: 'T1' } }, deps);
    const queued = await deps.store.pendingOutbox(10);
    expect(queued.map((e) => [e.channel, JSON.stringify(e.payload)])).toEqual([
      ['DU1', expect.stringContaining('something went wrong')],
    ]);
    expect(kicks()).toBe(1);
    expect(logs.map((l) => l.message).join('\n')).toContain('database is locked');
    expect(logs.map((l) => l.message).join('\n')).not.toContain('my secret answer');

    await directMessage({ event, body: { event_id: 'Ev1', team_id: 'T1' } }, deps);
    expect(calls).toBe(2);
    await directMessage({ event, body: { event_id: 'Ev1', team_id: 'T1' } }, deps);
    expect(calls).toBe(2);
  });

  it('a Home tab that cannot be published is logged, not thrown', async () => {
    const { deps, logs } = await fakeDeps({
      slack: {
        publishHome: () => Promise.reject(new webApi.WebAPIPlatformError({ ok: false, error: 'not_authed' })),
      },
    });
    await appHomeOpened({ event: { user: 'U1', tab: 'home' }, body: { team_id: 'T1' } }, deps);
    expect(logs.some((l) => l.level === 'error' && l.message.includes('not_authed'))).toBe(true);
  });
});
