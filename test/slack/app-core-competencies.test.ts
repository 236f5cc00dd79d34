import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { dmOf, FakeSlack, until } from '../helpers/fake-slack.ts';
import { Practiser } from '../helpers/practiser.ts';
import { bank, startTestApp, type TestApp, tempDbPath } from '../helpers/slack-app.ts';

// The bundled core-competencies pack, practised end to end over signed HTTP like the Amazon pack.
const USER = 'U1COMPETE';
const DM = dmOf(USER);
const KEY = { workspaceId: 'T0TEAM', userId: USER };
const question = bank.questions.find((q) => q.id === 'integrity/handover-error')!;

let fake: FakeSlack;
let app: TestApp | undefined;
let db: ReturnType<typeof tempDbPath> | undefined;

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

describe('the core-competencies pack in Slack', () => {
  it('is chosen with /star-practice pack, and a competency question runs from question to follow-ups in the DM', async () => {
    expect(question).toBeDefined();
    db = tempDbPath();
    fake = new FakeSlack().install();
    const running = await startTestApp(db.path, { bank });
    app = running;

    expect(await command(running, 'pack core-competencies')).toContain('Core competencies');
    expect((await running.store.getUser(KEY))?.pack).toBe('core-competencies');
    const listed = await command(running, 'list');
    expect(listed).toMatch(/^12 competencies, 3\d questions/);

    await command(running, question.id);
    await until(() => fake.allText(DM).includes(question.question), 'the question in the DM');
    await say(running, question.parts.situation.good, /\*Task\*/);
    await say(running, question.parts.task.good, /\*Action\*/);
    await say(running, question.parts.action.good, /\*Result\*/);
    await say(running, question.parts.result.good, /\*Reflection\*/);
    const feedback = await say(running, question.parts.reflection.good, /Follow-up 1 of/);
    expect(feedback).toMatch(/Strongly inclined|Inclined/);
    const session = await running.store.getActiveSession(KEY);
    expect(session?.principleId).toBe('integrity');
  });
});
