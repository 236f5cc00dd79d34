import nock from 'nock';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LIMITS } from '../../src/slack/render/limits.ts';
import { blockKitProblems } from '../helpers/block-kit-limits.ts';
import { FakeFiles } from '../helpers/fake-files.ts';
import { FakeSlack, until, visibleText } from '../helpers/fake-slack.ts';
import { Practiser } from '../helpers/practiser.ts';
import { sendEvent } from '../helpers/signed-request.ts';
import { bank, startTestApp, type TestApp, tempDbPath } from '../helpers/slack-app.ts';
import { homeOpenedEvent } from '../helpers/slack-payloads.ts';

const TEAM = 'T0TEAM';
const STORY = [
  'Situation: Last spring our checkout service at a 40-person online retailer started timing out for about 8 percent of orders every evening.',
  'Task: I owned the checkout service, so it was my job to find the cause and stop the lost orders before the holiday sale.',
  'Action: I pulled two weeks of logs and traced every slow request, found that a nightly stock sync locked the orders table, moved the sync to a replica, added an alert on lock waits, and walked the team through the fix.',
  'Result: Timeouts fell from 8 percent to 0.2 percent within a week, and we kept about 1,200 orders a month, roughly 60,000 dollars.',
  'Reflection: I learned to check scheduled jobs first when a failure follows the clock, and I now add lock alerts to every new service.',
].join('\n');
const REPLY =
  'I looked at the lock wait graphs first, because the timeouts matched the sync schedule to the minute.';
const VERDICT = /(Strongly inclined|Inclined|Not inclined|Strongly not inclined) \(\d+\/100\)/;

let fake: FakeSlack;
let files: FakeFiles;
let app: TestApp;
let db: ReturnType<typeof tempDbPath>;
let alice: Practiser;

beforeEach(async () => {
  db = tempDbPath();
  fake = new FakeSlack().install();
  files = new FakeFiles().install();
  app = await startTestApp(db.path);
  alice = new Practiser(app, fake, TEAM, 'U1ALICE');
});

afterEach(async () => {
  await app.close();
  nock.cleanAll();
  db.remove();
});

/** A new app instance on the same database file: what a restart of the process looks like from outside. */
async function restart(): Promise<void> {
  await app.slack.deliverer.idle();
  await app.close();
  app = await startTestApp(db.path);
  alice = new Practiser(app, fake, TEAM, 'U1ALICE');
}

const debriefPost = () =>
  fake.postsTo(alice.dm).find((p) => visibleText(p).includes('Mock interview debrief'));

describe('a mock interview in Slack (signed HTTP, fake Web API)', () => {
  it('runs three questions in the DM across a restart and ends in a debrief kept on progress, Home and export', async () => {
    const [reply] = await alice.command('mock 3');
    expect(visibleText(reply!)).toContain('sent you a DM');
    await until(() => fake.allText(alice.dm).includes('Question 1 of 3'), 'the first mock question');
    await app.slack.deliverer.idle();
    await alice.say(STORY, /Follow-up 1 of 1/);
    await alice.say(REPLY, /Question 2 of 3/);
    await alice.say(STORY, /Follow-up 1 of 1/);

    await restart();
    const active = await app.store.getActiveSession(alice.key);
    expect(active?.state.mock?.index).toBe(1);
    await alice.say(REPLY, /Question 3 of 3/);
    await alice.say(STORY, /Follow-up 1 of 1/);
    await alice.say(REPLY, /Mock interview debrief/);

    const debrief = debriefPost()!;
    expect(blockKitProblems(debrief.blocks, LIMITS.messageBlocks)).toEqual([]);
    const text = visibleText(debrief);
    const sessions = await app.store.listSessions(alice.key);
    expect(sessions).toHaveLength(3);
    expect(new Set(sessions.map((s) => s.state.mock?.id)).size).toBe(1);
    const names = sessions.map((s) => bank.principles.find((p) => p.id === s.principleId)!.name);
    expect(new Set(names).size).toBe(3);
    for (const name of names) expect(text).toContain(name);
    for (const name of names) expect(text).toMatch(new RegExp(`${name}: ${VERDICT.source}`));
    expect(text).toContain('I owned the checkout service');
    expect(text).toMatch(/Same story told twice/);
    // Feedback waited for the debrief: no verdict was posted during the mock.
    const during = fake.postsTo(alice.dm).filter((p) => p !== debrief);
    expect(during.some((p) => /\d+\/100/.test(visibleText(p)))).toBe(false);

    // Kept: progress shows it; scores off hides every verdict but keeps the warning and the words.
    const [progress] = await alice.command('progress');
    expect(visibleText(progress!)).toMatch(/Mock of \d{4}-\d\d-\d\d/);
    expect(visibleText(progress!)).toMatch(/Inclined|inclined/);
    await alice.command('scores off');
    const [hidden] = await alice.command('progress');
    expect(visibleText(hidden!)).toContain('Same story told twice');
    expect(visibleText(hidden!)).not.toMatch(/inclined|\d+\/100/i);
    const res = await sendEvent(app.url, homeOpenedEvent(alice.user));
    expect(res.status).toBe(200);
    await until(
      () => fake.views.some((v) => JSON.stringify(v.view).includes('Mock interviews')),
      'the Home tab',
    );
    const home = JSON.stringify(fake.views.at(-1)!.view);
    expect(home).toContain('Same story told twice');
    expect(home).not.toMatch(/inclined|\d+\/100|🟩/i);
    await alice.command('stories');
    await until(() => fake.allText(alice.dm).includes('Your story bank ('), 'the story bank');
    const bankPost = fake
      .postsTo(alice.dm)
      .filter((p) => visibleText(p).includes('Your story bank ('))
      .at(-1)!;
    expect(visibleText(bankPost)).not.toMatch(/inclined|\d+\/100|🟩/i);
    await alice.command('export');
    await until(() => files.completed().length === 1, 'the exported story bank');
    const markdown = files.completed()[0]!.body;
    expect(markdown).toContain('## Mock interviews');
    expect(markdown).toContain('Same story told twice');
    expect(markdown).toContain('I owned the checkout service');
    expect(markdown).not.toMatch(/\d+\/100|strongly inclined|not inclined|: inclined/i);
  }, 120_000);

  it('explains a wrong size and keeps the help text from the command table', async () => {
    const [wrong] = await alice.command('mock 7');
    expect(visibleText(wrong!)).toMatch(/3, 4, 5 questions/);
    expect(await app.store.getActiveSession(alice.key)).toBeNull();
    const [help] = await alice.command('help');
    expect(visibleText(help!)).toContain('/star-practice mock [3|4|5]');
    expect(visibleText(help!)).toContain('/star-practice scores off|on');
  }, 60_000);
});
