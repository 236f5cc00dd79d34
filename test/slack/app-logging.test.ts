import nock from 'nock';
import { afterEach, describe, expect, it } from 'vitest';
import { ACTION } from '../../src/slack/action-ids.ts';
import { FakeFiles } from '../helpers/fake-files.ts';
import { FakeSlack, until } from '../helpers/fake-slack.ts';
import { Practiser } from '../helpers/practiser.ts';
import { SIGNING_SECRET } from '../helpers/signed-request.ts';
import { BOT_TOKEN, bank, startTestApp, type TestApp, tempDbPath } from '../helpers/slack-app.ts';

const seed = bank.questions.find((q) => q.id === 'dive-deep/unexpected-root-cause')!;
const ANSWERS = [...Object.values(seed.parts).map((p) => p.good), seed.followUps[0]!.good];

let app: TestApp | undefined;
let db: ReturnType<typeof tempDbPath> | undefined;

afterEach(async () => {
  await app?.close();
  nock.cleanAll();
  db?.remove();
});

/** The fake Slack, with chat.postMessage failing (HTTP 500) whenever `failing` is set. */
function slackWithOutage() {
  const fake = new FakeSlack().install({ postMessage: false });
  const outage = { failing: false, failures: 0 };
  nock('https://slack.com')
    .persist()
    .post('/api/chat.postMessage')
    .reply((_uri, body) => {
      if (!outage.failing) return [200, fake.recordPost(body)];
      outage.failures += 1;
      outage.failing = false;
      return [500, 'temporarily unavailable'];
    });
  return { fake, outage };
}

/** Distinctive slices of every answer: none may appear in a log line. */
const answerSlices = ANSWERS.flatMap((text) => [text.slice(0, 40), text.slice(-40)]);

describe('logs', () => {
  it('at info, a whole session with failures, an export and forget-me logs no answer text and no token', async () => {
    db = tempDbPath();
    const { fake, outage } = slackWithOutage();
    const files = new FakeFiles().install();
    app = await startTestApp(db.path, { logLevel: 'info' });
    const alice = new Practiser(app, fake, 'T0TEAM', 'U1ALICE');

    outage.failing = true;
    await alice.practise(seed);
    expect(outage.failures).toBe(1);
    await alice.command('export');
    await until(() => files.completed().length === 1, 'the export');
    files.mode = 'missing_scope';
    await alice.command('export');
    await alice.command('forget-me');
    const url = await alice.click(ACTION.forgetConfirm, 'confirm');
    await until(() => alice.responsesTo(url).length > 0, 'the forget-me report');

    const lines = app.logs;
    const text = lines.map((l) => l.message).join('\n');
    // The failures and the work were logged (so this test reads real output)...
    expect(text).toMatch(/Started session \S+ \(dive-deep\/unexpected-root-cause\) for user U1ALICE/);
    expect(text).toMatch(/Outbox: message \d+ for user U1ALICE in DU1ALICE not delivered \(http_500/);
    expect(text).toMatch(/Exported 1 session\(s\) for user U1ALICE/);
    expect(text).toMatch(/Exporting the story bank failed for user U1ALICE in T0TEAM: missing_scope/);
    expect(text).toMatch(/Deleted a user's data in T0TEAM \(forget-me\)/);
    expect(lines.every((l) => l.level !== 'debug')).toBe(true);
    // ...and none of it quotes the person or leaks a secret.
    for (const slice of answerSlices) expect(text).not.toContain(slice);
    expect(text).not.toContain(BOT_TOKEN);
    expect(text).not.toMatch(/xox[a-z]-\d/);
    expect(text).not.toContain(SIGNING_SECRET);
  });

  it('at debug, answer text appears, only in debug lines, and tokens still never do', async () => {
    db = tempDbPath();
    const { fake } = slackWithOutage();
    app = await startTestApp(db.path, { logLevel: 'debug' });
    const alice = new Practiser(app, fake, 'T0TEAM', 'U1ALICE');
    await alice.command(seed.id, alice.dm, 0);
    await until(() => fake.allText(alice.dm).includes(seed.question), 'the question');
    await alice.say(seed.parts.situation.good, /\*Task\*/);

    const quoting = app.logs.filter((l) => l.message.includes(seed.parts.situation.good.slice(0, 40)));
    expect(quoting.length).toBeGreaterThan(0);
    expect(quoting.every((l) => l.level === 'debug')).toBe(true);
    const text = app.logs.map((l) => l.message).join('\n');
    expect(text).not.toContain(BOT_TOKEN);
    expect(text).not.toMatch(/xox[a-z]-\d/);
  });
});
