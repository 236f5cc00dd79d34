import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackApp, type SlackApp } from '../../../src/slack/app.ts';
import { ForwardedReceiver } from '../../../src/slack/front/forwarded-receiver.ts';
import { AppLogger, type LogLine } from '../../../src/slack/logger.ts';
import type { Store } from '../../../src/store/types.ts';
import { dmOf, FakeSlack, until } from '../../helpers/fake-slack.ts';
import { bank, testAppDeps } from '../../helpers/slack-app.ts';
import { commandFields, dmEvent } from '../../helpers/slack-payloads.ts';
import { openTestStore, TEST_DATABASE } from '../../helpers/test-store.ts';

const seed = bank.questions.find((q) => q.id === 'dive-deep/unexpected-root-cause')!;
let fake: FakeSlack;
let store: Store;
let slack: SlackApp;
let receiver: ForwardedReceiver;
let logs: LogLine[];

beforeEach(async () => {
  fake = new FakeSlack().install();
  store = await openTestStore(':memory:');
  logs = [];
  const logger = new AppLogger('info', (line) => logs.push(line));
  receiver = new ForwardedReceiver(logger);
  slack = createSlackApp({ ...testAppDeps(store, logger), forwarded: receiver });
  await slack.start();
});

afterEach(async () => {
  await slack.stop();
  await store.close();
  nock.cleanAll();
});

describe('ForwardedReceiver', () => {
  it('runs forwarded requests through the listeners: a command starts a session, a DM answers it', async () => {
    expect(slack.mode).toBe('forwarded');
    await receiver.dispatch({ body: commandFields(seed.id, 'U1') });
    await until(() => fake.allText(dmOf('U1')).includes(seed.question), 'the question in the DM');
    await receiver.dispatch({ body: dmEvent('U1', seed.parts.situation.good) });
    const key = { workspaceId: 'T0TEAM', userId: 'U1' };
    expect((await store.getActiveSession(key))?.state.parts.situation).toBe(seed.parts.situation.good);
    expect(logs.some((l) => l.message.includes('Coaching thread ready'))).toBe(true);
  });

  it('reports health from the database, and ignores a request no listener handles', async () => {
    expect(await slack.health()).toEqual({
      status: 200,
      body: { status: 'ok', mode: 'http', database: 'open', databaseKind: TEST_DATABASE },
    });
    await expect(receiver.dispatch({ body: { type: 'something_new' } })).resolves.toBeUndefined();
    await store.close();
    expect((await slack.health()).status).toBe(503);
  });
});
