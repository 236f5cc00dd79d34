import nock from 'nock';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ContentBank } from '../../src/content/load.ts';
import { ACTION } from '../../src/slack/action-ids.ts';
import { blockKitProblems } from '../helpers/block-kit-limits.ts';
import { dmOf, FakeSlack, until, visibleText } from '../helpers/fake-slack.ts';
import {
  contentWithRetail,
  contentWithTestPack,
  loadFrom,
  RETAIL_ID,
  SEED_ID,
  TEST_PACK,
  TEST_PRINCIPLE,
} from '../helpers/pack-fixtures.ts';
import { Practiser } from '../helpers/practiser.ts';
import { sendCommand, sendEvent, sendInteraction } from '../helpers/signed-request.ts';
import { startTestApp, type TestApp, tempDbPath } from '../helpers/slack-app.ts';
import { buttonClick, commandFields, homeOpenedEvent } from '../helpers/slack-payloads.ts';
import type { TempContent } from '../helpers/temp-content.ts';

const USER = 'U1RETAIL';
const DM = dmOf(USER);
const KEY = { workspaceId: 'T0TEAM', userId: USER };

let fake: FakeSlack;
let app: TestApp | undefined;
let db: ReturnType<typeof tempDbPath> | undefined;

async function start(bank: ContentBank): Promise<TestApp> {
  db = tempDbPath();
  fake = new FakeSlack().install();
  app = await startTestApp(db.path, { bank });
  return app;
}

afterEach(async () => {
  await app?.close();
  nock.cleanAll();
  db?.remove();
});

function command(running: TestApp, text: string, channel = 'C0GENERAL'): Promise<string> {
  return new Practiser(running, fake, KEY.workspaceId, USER).commandText(text, channel);
}

function say(running: TestApp, text: string, expected: RegExp): Promise<string> {
  return new Practiser(running, fake, KEY.workspaceId, USER).sayText(text, expected);
}

describe('job family in Slack', () => {
  let content: TempContent;
  let bank: ContentBank;
  beforeAll(() => {
    content = contentWithRetail();
    bank = loadFrom(content);
  });
  afterAll(() => content.remove());

  it('a retail associate who sets family retail sees a retail contrast on a question whose own walkthrough is from another family', async () => {
    const running = await start(bank);
    const seed = bank.questions.find((q) => q.id === SEED_ID)!;
    const retail = bank.questions.find((q) => q.id === RETAIL_ID)!;
    expect(seed.jobFamily).toBe('software-engineering');

    const unknown = await command(running, 'family nurse');
    expect(unknown).toContain('There is no family "nurse"');
    for (const id of ['healthcare', 'retail', 'students']) expect(unknown).toContain(`\`${id}\``);
    expect(await command(running, 'family retail')).toContain('Job family set to Retail');
    expect((await running.store.getUser(KEY))?.jobFamily).toBe('retail');

    await command(running, SEED_ID);
    await until(() => fake.allText(DM).includes(seed.question), 'the question in the DM');
    const hint = await say(running, 'hint', /A strong Situation/);
    expect(hint).toContain('*A strong Situation (from a retail story):*');
    expect(hint).toContain(retail.parts.situation.good.slice(0, 60));

    await say(running, seed.parts.situation.good, /\*Task\*/);
    await say(running, seed.parts.task.good, /\*Action\*/);
    await say(running, seed.parts.action.bad, /\*Result\*/);
    await say(running, seed.parts.result.good, /\*Reflection\*/);
    const feedback = await say(running, seed.parts.reflection.good, /Follow-up 1 of/);
    expect(feedback).toMatch(/\(from a retail story\)\*/);
    expect(feedback).toContain(retail.parts.action.good.slice(0, 80));
    expect(feedback).not.toContain(seed.parts.action.good.slice(0, 80));
  });
});

describe('packs in Slack', () => {
  let content: TempContent;
  let bank: ContentBank;
  beforeAll(() => {
    content = contentWithTestPack();
    bank = loadFrom(content);
  });
  afterAll(() => content.remove());

  it('a pack added as files is chosen, listed, recommended, shown on the Home tab and used by daily prompts', async () => {
    const running = await start(bank);
    const wrong = await command(running, 'pack competencies');
    expect(wrong).toContain('There is no pack "competencies"');
    expect(wrong).toContain(`\`${TEST_PACK}\``);
    expect(await command(running, `pack ${TEST_PACK}`)).toContain(
      `Pack set to Test pack ${TEST_PACK}: 1 Competencies, 3 questions`,
    );

    const list = fake.responses.length;
    await sendCommand(running.url, commandFields('list', USER, 'C0GENERAL'));
    await until(() => fake.responses.length > list, 'the list');
    const listed = JSON.stringify(fake.responses[list]!.body);
    expect(listed).toContain('Competencies and questions');
    expect(listed).toContain(`${TEST_PRINCIPLE}/setback-at-work`);
    expect(listed).not.toContain('dive-deep/unexpected-root-cause');

    await command(running, '');
    await until(() => fake.postsTo(DM).length >= 2, 'the recommended question');
    expect(fake.allText(DM)).toContain('Resilience');
    expect((await running.store.getActiveSession(KEY))?.principleId).toBe(TEST_PRINCIPLE);

    await sendEvent(running.url, homeOpenedEvent(USER));
    await until(() => fake.views.length >= 1, 'the Home tab');
    const home = fake.views[0]!.view;
    expect(blockKitProblems(home.blocks, 100)).toEqual([]);
    const homeJson = JSON.stringify(home);
    expect(homeJson).toContain(`"action_id":"${ACTION.homePack}"`);
    expect(homeJson).toContain(`*Question pack:* Test pack ${TEST_PACK}`);
    expect(homeJson).toContain('"text":"Competencies"');
    expect(homeJson).not.toContain('Dive Deep');

    // The family menu on the Home tab saves the choice and re-publishes the tab.
    const menu = {
      ...buttonClick(USER, ACTION.homeFamily, ''),
      actions: [
        {
          type: 'static_select',
          action_id: ACTION.homeFamily,
          block_id: 'b1',
          selected_option: { text: { type: 'plain_text', text: 'Healthcare' }, value: 'healthcare' },
          action_ts: `${Date.now() / 1000}`,
        },
      ],
    };
    expect((await sendInteraction(running.url, menu)).status).toBe(200);
    await until(() => fake.views.length >= 2, 'the Home tab after the family change');
    expect((await running.store.getUser(KEY))?.jobFamily).toBe('healthcare');
    expect(JSON.stringify(fake.views[1]!.view)).toContain('*Job family:* Healthcare');

    // A channel's daily prompts from the new pack, while the workspace default stays the Amazon pack.
    await sendCommand(running.url, commandFields(`daily on 09:00 UTC pack ${TEST_PACK}`, USER, 'C0TEAM'));
    await until(() => fake.postsTo('C0TEAM').length >= 1, 'the announcement');
    expect(visibleText(fake.postsTo('C0TEAM')[0]!)).toContain(`from Test pack ${TEST_PACK}`);
    // The schedule is saved just after the announcement is posted.
    let saved: string | null | undefined;
    for (let i = 0; i < 400 && saved === undefined; i++) {
      saved = (await running.store.daily.getSchedule({ workspaceId: 'T0TEAM', channelId: 'C0TEAM' }))?.pack;
      if (saved === undefined) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(saved).toBe(TEST_PACK);
    await command(running, 'daily now', 'C0TEAM');
    await until(() => fake.postsTo('C0TEAM').length >= 2, 'the daily question');
    expect(visibleText(fake.postsTo('C0TEAM')[1]!)).toContain('Question of the day · Resilience');
    expect(bank.defaultPack).toBe('amazon-leadership-principles');
  });
});
