import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { packBank } from '../../src/content/packs.ts';
import { blockKitProblems } from '../helpers/block-kit-limits.ts';
import { dmOf, FakeSlack, until, visibleText } from '../helpers/fake-slack.ts';
import { sendCommand, sendEvent } from '../helpers/signed-request.ts';
import { bank, startTestApp, type TestApp, tempDbPath } from '../helpers/slack-app.ts';
import { commandFields, dmEvent } from '../helpers/slack-payloads.ts';

const USER = 'U4DANA';
const DM = dmOf(USER);
const KEY = { workspaceId: 'T0TEAM', userId: USER };

let fake: FakeSlack;
let app: TestApp;
let db: ReturnType<typeof tempDbPath>;

beforeAll(async () => {
  db = tempDbPath();
  fake = new FakeSlack().install();
  app = await startTestApp(db.path);
});

afterAll(async () => {
  await app.close();
  nock.cleanAll();
  db.remove();
});

interface Reply {
  text: string;
  blocks: { type: string; text?: { text: string } }[];
  response_type?: string;
}

/** Sends `/star-practice <text>` from a channel and returns the ephemeral reply. */
async function ephemeral(text: string, channel = 'C0GENERAL'): Promise<Reply> {
  const before = fake.responses.length;
  const res = await sendCommand(app.url, commandFields(text, USER, channel));
  expect(res.status).toBe(200);
  await until(() => fake.responses.length > before, `a reply to "${text}"`);
  const body = fake.responses[fake.responses.length - 1]!.body;
  const reply: Reply = {
    text: String(body.text ?? ''),
    blocks: Array.isArray(body.blocks) ? body.blocks : [],
    ...(typeof body.response_type === 'string' ? { response_type: body.response_type } : {}),
  };
  expect(reply.response_type).toBe('ephemeral');
  expect(blockKitProblems(reply.blocks, 50)).toEqual([]);
  return reply;
}

const shown = (reply: Reply) => visibleText(reply as Parameters<typeof visibleText>[0]);

describe('/star-practice subcommands', () => {
  it('help lists every command', async () => {
    const text = shown(await ephemeral('help'));
    for (const word of ['list', 'progress', 'level junior|mid|senior', 'lens', 'stop'])
      expect(text).toContain(word);
  });

  it('list shows every principle and question', async () => {
    const text = shown(await ephemeral('list'));
    for (const principle of packBank(bank, bank.defaultPack).principles)
      expect(text).toContain(principle.name);
    for (const question of packBank(bank, bank.defaultPack).questions.slice(0, 10))
      expect(text).toContain(question.id);
  });

  it('level and lens change the profile, and wrong values get a suggestion', async () => {
    expect(shown(await ephemeral('level Senior'))).toContain('Level set to Senior');
    expect((await app.store.getUser(KEY))?.level).toBe('senior');
    expect(shown(await ephemeral('level senor'))).toContain('Did you mean `level senior`?');
    expect(shown(await ephemeral('lens hiring manager'))).toContain('Lens set to Hiring manager');
    expect((await app.store.getUser(KEY))?.lens).toBe('hiring-manager');
    expect(shown(await ephemeral('lens off'))).toContain('Lens cleared');
    expect((await app.store.getUser(KEY))?.lens).toBeNull();
    expect(shown(await ephemeral('lens'))).toContain('Which lens?');
  });

  it('progress shows bands, streak and the recommendation', async () => {
    const text = shown(await ephemeral('progress'));
    expect(text).toContain('Streak');
    expect(text).toContain('Recommended next');
    expect(text).toContain('Level: Senior');
    for (const principle of packBank(bank, bank.defaultPack).principles)
      expect(text).toContain(principle.name);
  });

  it('anything else gets short help with the closest match', async () => {
    expect(shown(await ephemeral('dive-dep'))).toContain('Did you mean `dive-deep`?');
    const text = shown(await ephemeral('<!channel> please'));
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('/star-practice help');
  });

  it('stop without a session says so', async () => {
    expect(shown(await ephemeral('stop'))).toContain('no session in progress');
  });

  it('a principle typed in a channel starts the session in the DM, and stop ends it', async () => {
    const before = fake.postsTo(DM).length;
    expect(shown(await ephemeral('Dive Deep'))).toContain('sent you a DM');
    await until(() => fake.postsTo(DM).length >= before + 2, 'the question in the DM');
    expect(fake.allText(DM)).toContain('Dive Deep');
    expect(fake.allText(DM)).toContain('At senior level');
    expect((await app.store.getActiveSession(KEY))?.principleId).toBe('dive-deep');

    expect(shown(await ephemeral('stop'))).toContain('Stopped your session');
    await until(() => /Session stopped/.test(fake.allText(DM)), 'the stop message in the DM');
    expect(await app.store.getActiveSession(KEY)).toBeNull();
  });

  it('a question id typed in the DM starts there without an ephemeral note', async () => {
    const question = bank.questions[bank.questions.length - 1]!;
    const responses = fake.responses.length;
    const before = fake.postsTo(DM).length;
    await sendCommand(app.url, commandFields(question.id, USER, DM));
    await until(() => fake.postsTo(DM).length >= before + 2, 'the question');
    expect(fake.allText(DM)).toContain(question.question);
    expect(fake.responses.length).toBe(responses);
    expect((await app.store.getActiveSession(KEY))?.questionId).toBe(question.id);
    await ephemeral('stop');
  });

  it('an empty command starts the recommended question', async () => {
    const before = fake.postsTo(DM).length;
    await ephemeral('');
    await until(() => fake.postsTo(DM).length >= before + 2, 'the recommended question');
    const active = (await app.store.getActiveSession(KEY))!;
    const progress = await app.store.progress(
      KEY,
      bank.principles.map((p) => p.id),
      Date.now(),
    );
    expect(bank.questions.some((q) => q.id === active.questionId)).toBe(true);
    expect(active.principleId).toBe(progress.recommendedPrincipleId);
    await ephemeral('stop');
  });

  it('a principle without questions yet is explained, not failed', async () => {
    const empty = bank.principles.find((p) => !bank.questions.some((q) => q.principle === p.id));
    if (!empty) return;
    expect(shown(await ephemeral(empty.name))).toContain(`No questions yet for ${empty.name}`);
  });

  it('typed in the DM with no session, the same words work as commands', async () => {
    // The farewell of the session stopped by the test before may still be on its way to the DM.
    await until(
      () => /Session stopped/.test(visibleText(fake.postsTo(DM).at(-1) ?? {})),
      'the last farewell',
    );
    await app.slack.deliverer.idle();
    let before = fake.postsTo(DM).length;
    await sendEvent(app.url, dmEvent(USER, 'list'));
    // Replies to earlier tests' commands may still arrive first (later on a networked database).
    const posted = (words: string) =>
      fake
        .postsTo(DM)
        .slice(before)
        .some((post) => visibleText(post).includes(words));
    await until(() => posted('Principles and questions'), 'the list in the DM');
    await app.slack.deliverer.idle();

    before = fake.postsTo(DM).length;
    await sendEvent(app.url, dmEvent(USER, 'what now?'));
    await until(() => fake.postsTo(DM).length > before, 'the hint');
    expect(visibleText(fake.postsTo(DM)[before]!)).toContain('no practice session in progress');
  });
});
