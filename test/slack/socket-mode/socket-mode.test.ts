import { afterEach, describe, expect, it } from 'vitest';
import { createSlackApp, type SlackApp } from '../../../src/slack/app.ts';
import { AppLogger, type LogLine } from '../../../src/slack/logger.ts';
import type { Store } from '../../../src/store/types.ts';
import { StormSlackServer } from '../../faults/storm-slack-server.ts';
import { until } from '../../helpers/fake-slack.ts';
import { eventually, FakeSocketMode } from '../../helpers/fake-socket-mode.ts';
import { bank, tempDbPath, testAppDeps } from '../../helpers/slack-app.ts';
import { commandFields, dmEvent } from '../../helpers/slack-payloads.ts';
import { openTestStore, TEST_DATABASE } from '../../helpers/test-store.ts';

// The app in Socket Mode, in this process, against a local Socket Mode server (hello, envelopes, acks, pings,
// refresh) and a local Web API serving apps.connections.open and the posts.

const seed = bank.questions.find((q) => q.id === 'dive-deep/unexpected-root-cause')!;
const APP_TOKEN = 'xapp-1-A0APP-0000-socket-test';

interface Running {
  slack: SlackApp;
  store: Store;
  web: StormSlackServer;
  socket: FakeSocketMode;
  logs: LogLine[];
  health: () => Promise<{ status: number; body: Record<string, unknown> }>;
  healthPort: number;
  close(): Promise<void>;
}

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** Starts the app; `wrap` may stand between the app and its store (to slow or fail the inbox write). */
async function startSocketApp(
  options: {
    wrap?: (store: Store) => Store;
    socket?: ConstructorParameters<typeof FakeSocketMode>[0];
    startHealthPort?: (port: number) => void;
  } = {},
): Promise<Running> {
  const web = await new StormSlackServer().start();
  const socket = await new FakeSocketMode(options.socket).start();
  web.socketMode = socket;
  const db = tempDbPath();
  const store = await openTestStore(db.path);
  const logs: LogLine[] = [];
  const deps = testAppDeps(
    options.wrap ? options.wrap(store) : store,
    new AppLogger('info', (l) => logs.push(l)),
  );
  const slack = createSlackApp({
    ...deps,
    config: { ...deps.config, appToken: APP_TOKEN, signingSecret: null, slackApiUrl: web.apiUrl },
  });
  const healthPort = await slack.start(0);
  const close = async () => {
    await slack.stop();
    await store.close();
    await socket.stop();
    await web.stop();
    db.remove();
  };
  cleanups.push(close);
  const health = async () => {
    const res = await fetch(`http://127.0.0.1:${healthPort}/healthz`);
    return { status: res.status, body: (await res.json()) as Record<string, unknown> };
  };
  return { slack, store, web, socket, logs, health, healthPort, close };
}

const KEY = { workspaceId: 'T0TEAM', userId: 'U1' };

describe('Socket Mode over a local Socket Mode server', () => {
  it('runs a session from envelopes, acknowledging each one only after it is in the inbox', async () => {
    let holdWrites = false;
    let release: () => void = () => undefined;
    let failWrites = false;
    const app = await startSocketApp({
      wrap: (store) =>
        new Proxy(store, {
          get(target, prop, receiver) {
            if (prop !== 'recordInbound') return Reflect.get(target, prop, receiver);
            return async (request: Parameters<Store['recordInbound']>[0]) => {
              if (failWrites) throw new Error('disk I/O error');
              if (holdWrites) await new Promise<void>((resolve) => (release = resolve));
              return target.recordInbound(request);
            };
          },
        }),
    });
    expect(app.slack.mode).toBe('socket');
    expect(await app.health()).toEqual({
      status: 200,
      body: {
        status: 'ok',
        mode: 'socket',
        database: 'open',
        databaseKind: TEST_DATABASE,
        socket: 'connected',
      },
    });

    const start = app.socket.send('slash_commands', commandFields(seed.id, 'U1'));
    await start.acked;
    await until(() => app.web.allText('DU1').includes('*Situation*'), 'the first prompt');

    // The ack waits for the write: held, nothing is acknowledged; released, it is.
    holdWrites = true;
    const answer = app.socket.send('events_api', dmEvent('U1', seed.parts.situation.good));
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(app.socket.acked.has(answer.envelopeId)).toBe(false);
    release();
    await answer.acked;
    holdWrites = false;
    await until(() => app.web.allText('DU1').includes('*Task*'), 'the task prompt');
    expect((await app.store.getActiveSession(KEY))?.state.parts.situation).toBe(seed.parts.situation.good);

    // A failed write is never acknowledged, so Slack would send the envelope again.
    failWrites = true;
    const lost = app.socket.send('events_api', dmEvent('U1', seed.parts.task.good));
    await until(
      () => app.logs.some((l) => l.message.includes('not acknowledged')),
      'the failure to be logged',
    );
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(app.socket.acked.has(lost.envelopeId)).toBe(false);
    failWrites = false;
    const retried = app.socket.send('events_api', dmEvent('U1', seed.parts.task.good), {
      retryAttempt: 1,
      retryReason: 'timeout',
    });
    await retried.acked;
    await until(() => app.web.allText('DU1').includes('*Action*'), 'the action prompt');
    expect(await app.store.inboxSize()).toBe(0);
  });

  it('is 503 before the first hello, answers pings, and follows a refresh to a new connection', async () => {
    const web = await new StormSlackServer().start();
    const socket = await new FakeSocketMode({ pingIntervalMs: 300, helloDelayMs: 1_500 }).start();
    web.socketMode = socket;
    const db = tempDbPath();
    const store = await openTestStore(db.path);
    const deps = testAppDeps(store, new AppLogger('info', () => undefined));
    const slack = createSlackApp({
      ...deps,
      config: { ...deps.config, appToken: APP_TOKEN, signingSecret: null, slackApiUrl: web.apiUrl },
    });
    cleanups.push(async () => {
      await slack.stop();
      await store.close();
      await socket.stop();
      await web.stop();
      db.remove();
    });
    // A fixed health port, so /healthz can be asked while start() still waits for hello.
    const port = 20_000 + Math.floor(Math.random() * 20_000);
    const healthz = async () => {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const starting = slack.start(port);
    let early: Awaited<ReturnType<typeof healthz>> | undefined;
    while (!early) early = await healthz().catch(() => undefined);
    expect(early).toEqual({
      status: 503,
      body: {
        status: 'unavailable',
        mode: 'socket',
        database: 'open',
        databaseKind: TEST_DATABASE,
        socket: 'disconnected',
      },
    });
    await starting;
    expect((await healthz()).body.socket).toBe('connected');

    await until(() => socket.stats.pongsFromClient >= 2, 'the client to answer pings', 5_000);
    socket.refresh();
    await until(() => socket.stats.connectionsOpened === 2, 'a new connection', 10_000);
    // Until the new connection's hello, the lost one is within its 10 s grace: still 200, but disconnected.
    expect(await healthz()).toMatchObject({ status: 200, body: { status: 'ok', socket: 'disconnected' } });
    await eventually(
      async () => (await healthz()).body.socket === 'connected',
      'hello on the new connection',
    );
    const sent = socket.send('slash_commands', commandFields(seed.id, 'U2'));
    await sent.acked;
    await until(() => web.allText('DU2').includes('*Situation*'), 'the session over the new connection');
    expect((await healthz()).body.socket).toBe('connected');
  });

  it('keeps reconnecting with backoff through a 20 s apps.connections.open outage, 503 while it lasts', async () => {
    const app = await startSocketApp();
    expect((await app.health()).status).toBe(200);
    app.socket.outage = true;
    const lostAt = Date.now();
    app.socket.refresh();
    const samples: { at: number; status: number; socket: unknown }[] = [];
    while (Date.now() - lostAt < 20_000) {
      const { status, body } = await app.health();
      samples.push({ at: Date.now() - lostAt, status, socket: body.socket });
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    const refusedDuringOutage = app.socket.stats.openRefused;
    app.socket.outage = false;
    const endedAt = Date.now();
    await eventually(
      async () => (await app.health()).body.socket === 'connected',
      'the reconnection',
      15_000,
    );
    const reconnectedAfterMs = Date.now() - endedAt;
    console.log(
      `outage: ${refusedDuringOutage} refused apps.connections.open calls in 20 s, reconnected ${reconnectedAfterMs} ms after it ended`,
    );

    // Healthy within the 10 s grace, then 503 until the end of the outage.
    expect(samples.filter((s) => s.at < 9_000).every((s) => s.status === 200)).toBe(true);
    const late = samples.filter((s) => s.at > 10_500);
    expect(late.length).toBeGreaterThan(20);
    expect(late.every((s) => s.status === 503 && s.socket === 'disconnected')).toBe(true);
    // It kept trying, spaced out by the backoff (0.5 s doubling to 5 s), never giving up or spinning.
    expect(refusedDuringOutage).toBeGreaterThanOrEqual(5);
    expect(refusedDuringOutage).toBeLessThanOrEqual(15);
    expect(reconnectedAfterMs).toBeLessThan(7_000);
    expect(app.logs.some((l) => l.message.includes('Unhandled'))).toBe(false);

    // And it hears again: an answer over the new connection is applied.
    await app.socket.send('slash_commands', commandFields(seed.id, 'U3')).acked;
    await until(() => app.web.allText('DU3').includes('*Situation*'), 'a session over the new connection');
    expect(await app.health()).toEqual({
      status: 200,
      body: {
        status: 'ok',
        mode: 'socket',
        database: 'open',
        databaseKind: TEST_DATABASE,
        socket: 'connected',
      },
    });
  }, 60_000);
});
