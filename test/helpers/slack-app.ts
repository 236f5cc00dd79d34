import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ContentBank, loadContent } from '../../src/content/load.ts';
import { createSlackApp, type SlackApp, type SlackAppDeps } from '../../src/slack/app.ts';
import type { DeliveryOptions } from '../../src/slack/deliverer.ts';
import { AppLogger, type LogLine } from '../../src/slack/logger.ts';
import type { Store } from '../../src/store/types.ts';
import { BOT_ID, BOT_USER } from './fake-slack.ts';
import { SIGNING_SECRET } from './signed-request.ts';
import { openTestStore, TEST_DATABASE } from './test-store.ts';

export const BOT_TOKEN = 'xoxb-test-0000-secret-token';
export const bank: ContentBank = loadContent();

export interface TestApp {
  url: string;
  base: string;
  slack: SlackApp;
  store: Store;
  logs: LogLine[];
  dbPath: string;
  /** Stops the app and closes the store (the database file stays). */
  close(): Promise<void>;
}

export function tempDbPath(): { path: string; remove: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'star-slack-'));
  return { path: join(dir, 'coach.db'), remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** No pacing: the fake Slack has no rate limit, and tests would wait a second per message to one DM. */
const TEST_DELIVERY: Partial<DeliveryOptions> = {
  pollIntervalMs: 200,
  baseBackoffMs: 100,
  channelIntervalMs: 0,
};

/** What createSlackApp needs in tests: test tokens and ids, no Web API retries, no scheduler timer. */
export function testAppDeps(store: Store, logger: AppLogger, content: ContentBank = bank): SlackAppDeps {
  return {
    config: {
      botToken: BOT_TOKEN,
      signingSecret: SIGNING_SECRET,
      appToken: null,
      slackApiUrl: null,
      botId: BOT_ID,
      botUserId: BOT_USER,
      logLevel: 'info',
      port: 0,
    },
    store,
    databaseKind: TEST_DATABASE,
    bank: content,
    clock: Date.now,
    logger,
    clientOptions: { retryConfig: { retries: 0 } },
    delivery: TEST_DELIVERY,
    // Tests drive the daily scheduler themselves: a timer would post by the wall clock.
    dailyIntervalMs: 0,
  };
}

/**
 * The real app on an ephemeral port, over a SQLite file (or its PostgreSQL stand-in under TEST_DATABASE=postgres),
 * with Slack's Web API faked by nock.
 */
export async function startTestApp(
  dbPath: string,
  options: { delivery?: Partial<DeliveryOptions>; logLevel?: 'debug' | 'info'; bank?: ContentBank } = {},
): Promise<TestApp> {
  const store = await openTestStore(dbPath);
  const logs: LogLine[] = [];
  const slack = createSlackApp({
    ...testAppDeps(store, new AppLogger(options.logLevel ?? 'info', (line) => logs.push(line)), options.bank),
    delivery: { ...TEST_DELIVERY, ...options.delivery },
  });
  const port = await slack.start(0);
  const base = `http://127.0.0.1:${port}`;
  return {
    url: `${base}/slack/events`,
    base,
    slack,
    store,
    logs,
    dbPath,
    async close() {
      await slack.stop();
      await store.close();
    },
  };
}

/** Waits until an async check holds (a store read), polling like `until`. */
export async function eventually(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 8000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
