import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { createSlackApp, StartupError } from '../../src/slack/app.ts';
import { AppLogger, type LogLine } from '../../src/slack/logger.ts';
import { BOT_ID, BOT_USER } from '../helpers/fake-slack.ts';
import { BOT_TOKEN, bank } from '../helpers/slack-app.ts';
import { openTestStore } from '../helpers/test-store.ts';

afterEach(() => {
  nock.cleanAll();
});

async function socketApp(logs: LogLine[], knownBot: boolean) {
  const store = await openTestStore(':memory:');
  const slack = createSlackApp({
    config: {
      botToken: BOT_TOKEN,
      signingSecret: null,
      appToken: 'xapp-1-A0APP-0000-app-token',
      slackApiUrl: null,
      botId: knownBot ? BOT_ID : null,
      botUserId: knownBot ? BOT_USER : null,
      logLevel: 'info',
      port: 0,
    },
    store,
    bank,
    clock: Date.now,
    logger: new AppLogger('info', (line) => logs.push(line)),
    clientOptions: { retryConfig: { retries: 0 } },
  });
  return { slack, store };
}

describe('Socket Mode', () => {
  it('is chosen when an app-level token is set, and a rejected token stops start-up with a clear error', async () => {
    const logs: LogLine[] = [];
    const { slack, store } = await socketApp(logs, true);
    expect(slack.mode).toBe('socket');
    const scope = nock('https://slack.com')
      .post('/api/apps.connections.open')
      .reply(200, { ok: false, error: 'invalid_auth' });
    const failure = slack.start();
    await expect(failure).rejects.toBeInstanceOf(StartupError);
    await expect(failure).rejects.toThrow('Slack rejected SLACK_APP_TOKEN (invalid_auth)');
    expect(scope.isDone()).toBe(true);
    await slack.stop();
    await store.close();
    expect(logs.map((l) => l.message).join('\n')).not.toContain('xapp-1-A0APP');
  });

  it('checks the bot token with auth.test first when the bot ids are not configured', async () => {
    const logs: LogLine[] = [];
    const { slack, store } = await socketApp(logs, false);
    const scope = nock('https://slack.com')
      .post('/api/auth.test')
      .reply(200, { ok: false, error: 'token_revoked' });
    await expect(slack.start()).rejects.toThrow('Slack rejected SLACK_BOT_TOKEN (token_revoked)');
    expect(scope.isDone()).toBe(true);
    await slack.stop();
    await store.close();
  });
});
