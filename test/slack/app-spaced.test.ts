import nock from 'nock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { instantAt } from '../../src/schedule/zoned-time.ts';
import { createSlackApp, type SlackApp } from '../../src/slack/app.ts';
import { AppLogger } from '../../src/slack/logger.ts';
import type { Store, UserKey } from '../../src/store/types.ts';
import {
  actionIds,
  dmOf,
  FakeSlack,
  type PostedMessage,
  TEAM,
  until,
  visibleText,
} from '../helpers/fake-slack.ts';
import { Practiser } from '../helpers/practiser.ts';
import { sendCommand, sendInteraction } from '../helpers/signed-request.ts';
import { bank, type TestApp, tempDbPath, testAppDeps } from '../helpers/slack-app.ts';
import { buttonClick, commandFields } from '../helpers/slack-payloads.ts';
import { openTestStore } from '../helpers/test-store.ts';
import { sessionRecord } from '../store/fixtures.ts';

const ZONE = 'America/New_York';
const USER = 'U0NUDGE';
const key: UserKey = { workspaceId: TEAM, userId: USER };
const DM = dmOf(USER);
/** Local wall-clock time in the person's zone, driven by the test. */
const at = (date: string, hh: number, mm = 0) => instantAt(date, hh * 60 + mm, ZONE);

let now = at('2026-03-02', 15);
let fake: FakeSlack;
let db: ReturnType<typeof tempDbPath>;
let store: Store;
let slack: SlackApp;
let url: string;

async function boot(): Promise<void> {
  store = await openTestStore(db.path);
  slack = createSlackApp({
    ...testAppDeps(store, new AppLogger('info', () => {})),
    clock: () => now,
    nudgeIntervalMs: 0,
  });
  url = `http://127.0.0.1:${await slack.start(0)}/slack/events`;
}

async function shutdown(): Promise<void> {
  await slack.stop();
  await store.close();
}

const nudges = () => fake.postsTo(DM).filter((p) => actionIds(p).includes('spaced.snooze'));

/** Runs one nudger tick at local time `instant`; waits for the outbox to deliver what it queued. */
async function tickAt(instant: number): Promise<number> {
  now = instant;
  const before = nudges().length;
  const { sent } = await slack.nudger.tick();
  if (sent > 0) await until(() => nudges().length > before, 'the nudge to be posted');
  await new Promise((resolve) => setTimeout(resolve, 250));
  return sent;
}

async function command(text: string): Promise<string> {
  const before = fake.responses.length;
  const res = await sendCommand(url, commandFields(text, USER, 'C0SOMEWHERE'));
  expect(res.status).toBe(200);
  await until(() => fake.responses.length > before, `an answer to "${text}"`);
  return visibleText(fake.responses.at(-1)!.body as never);
}

async function click(message: PostedMessage, actionId: string): Promise<void> {
  const before = fake.responses.length;
  const value =
    message.blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === actionId)?.value ?? '';
  const res = await sendInteraction(
    url,
    buttonClick(USER, actionId, value, { ts: '1.1', blocks: message.blocks }),
  );
  expect(res.status).toBe(200);
  await until(() => fake.responses.length > before, `the ${actionId} click to be answered`);
}

beforeAll(async () => {
  db = tempDbPath();
  fake = new FakeSlack().install();
  nock('https://slack.com')
    .persist()
    .post('/api/users.info')
    .reply(200, { ok: true, user: { id: USER, tz: ZONE } });
  await boot();
  // A Dive Deep session finished on Monday 2 March, rated Inclined (FSRS Good): due Thursday 5 March.
  const done = sessionRecord(key, 'seeded-1', {
    status: 'completed',
    step: { kind: 'closed' },
    startedAt: at('2026-03-02', 14),
    updatedAt: at('2026-03-02', 15),
    evaluation: { overall: { band: 'inclined', score: 70 } } as never,
  });
  await store.upsertUser(key, {}, now);
  await store.commitTurn({ key, messageId: null, session: done, now: at('2026-03-02', 15) });
});

afterAll(async () => {
  await shutdown();
  nock.cleanAll();
  db.remove();
});

describe('spaced re-practice nudges (driven clock)', () => {
  it('sends nothing while nudges are off, even when something is due', async () => {
    expect(await tickAt(at('2026-03-05', 9, 5))).toBe(0);
    expect(nudges()).toHaveLength(0);
  });

  it('`nudges on` turns them on at 09:00 in the person’s Slack time zone', async () => {
    const reply = await command('nudges on');
    expect(reply).toContain(`09:00 your time (${ZONE})`);
    expect((await store.spaced.getNudges(key))?.enabled).toBe(true);
  });

  it('posts one nudge at the local nudge time, not before, and never a second that day', async () => {
    // Wednesday: nothing due yet.
    expect(await tickAt(at('2026-03-04', 9, 5))).toBe(0);
    // Thursday before 09:00 local (14:00 UTC is already past 09:00 in London, not in New York).
    expect(await tickAt(at('2026-03-05', 8, 59))).toBe(0);
    expect(await tickAt(at('2026-03-05', 9, 0))).toBe(1);
    expect(nudges()).toHaveLength(1);
    const nudge = nudges()[0]!;
    expect(visibleText(nudge)).toContain('Dive Deep: 2026-03-05 (today)');
    expect(actionIds(nudge)).toEqual(['spaced.practise-now', 'spaced.snooze', 'spaced.stop']);
    expect(await tickAt(at('2026-03-05', 9, 30))).toBe(0);
    expect(await tickAt(at('2026-03-05', 11, 0))).toBe(0);
    expect(nudges()).toHaveLength(1);
  });

  it('does not send that day’s nudge again after a restart', async () => {
    await shutdown();
    await boot();
    expect(await tickAt(at('2026-03-05', 9, 10))).toBe(0);
    expect(nudges()).toHaveLength(1);
  });

  it('Snooze holds everything until the next day’s nudge time', async () => {
    await click(nudges()[0]!, 'spaced.snooze');
    expect(visibleText(fake.responses.at(-1)!.body as never)).toContain(
      'Snoozed until your nudge time on 2026-03-06',
    );
    expect((await store.spaced.getNudges(key))?.snoozedUntil).toBe('2026-03-06');
    expect(await tickAt(at('2026-03-06', 8, 30))).toBe(0);
    expect(await tickAt(at('2026-03-06', 9, 1))).toBe(1);
    expect(nudges()).toHaveLength(2);
  });

  it('never nudges in quiet hours, even when the nudge time was just before them', async () => {
    // Home tab: nudge time 19:00. The app was down from 19:00 until 20:30 local.
    const res = await sendInteraction(url, buttonClick(USER, 'spaced.home.time.1900', String(19 * 60)));
    expect(res.status).toBe(200);
    await until(
      () => fake.views.some((v) => visibleText(v.view).includes('19:00 your time')),
      'the Home tab',
    );
    expect(await tickAt(at('2026-03-07', 20, 30))).toBe(0);
    expect(await tickAt(at('2026-03-08', 7, 59))).toBe(0);
    expect(nudges()).toHaveLength(2);
    // Inside the hours, within the grace after 19:00: it goes out.
    expect(await tickAt(at('2026-03-08', 19, 30))).toBe(1);
  });

  it('keeps to 3 a week', async () => {
    // Sent on 5, 6 and 8 March: the 9th and 10th are in the same 7 days; the 12th is not (6, 8 only).
    expect(await tickAt(at('2026-03-09', 19, 5))).toBe(0);
    expect(await tickAt(at('2026-03-11', 19, 5))).toBe(0);
    expect(await tickAt(at('2026-03-12', 19, 5))).toBe(1);
    expect(nudges()).toHaveLength(4);
  });

  it('Stop these turns nudges off', async () => {
    await click(nudges().at(-1)!, 'spaced.stop');
    expect((await store.spaced.getNudges(key))?.enabled).toBe(false);
    expect(await tickAt(at('2026-03-14', 19, 5))).toBe(0);
    expect(nudges()).toHaveLength(4);
  });

  it('`nudges off` stops them after they were turned back on', async () => {
    await command('nudges on 10:00');
    expect(await tickAt(at('2026-03-15', 10, 5))).toBe(1);
    expect(await command('nudges off')).toContain('Re-practice nudges are off');
    expect(await tickAt(at('2026-03-16', 10, 5))).toBe(0);
    expect(nudges()).toHaveLength(5);
  });

  it('refuses a nudge time in quiet hours and says why', async () => {
    expect(await command('nudges on 21:00')).toContain('quiet hours');
    expect((await store.spaced.getNudges(key))?.enabled).toBe(false);
  });

  it('Practise now starts the due principle in the DM', async () => {
    await click(nudges()[0]!, 'spaced.practise-now');
    await until(
      () => fake.postsTo(DM).some((p) => /Dive Deep/.test(p.text) && !actionIds(p).includes('spaced.snooze')),
      'the question',
    );
    expect((await store.getActiveSession(key))?.principleId).toBe('dive-deep');
  });

  it('the Home tab lists what is due and the nudge settings', async () => {
    const before = fake.views.length;
    await sendInteraction(url, buttonClick(USER, 'spaced.home.on', 'on'));
    await until(() => fake.views.length > before, 'the Home tab');
    const home = visibleText(fake.views.at(-1)!.view);
    expect(home).toContain('Due for re-practice');
    expect(home).toMatch(/Dive Deep: 2026-03-05 \(today; due since \d+ days\)/);
    expect(home).toContain('Re-practice nudges are *on*');
  });

  it('forget-me erases the nudge settings and the record of nudges sent', async () => {
    const report = await store.forgetUser(key);
    expect(report.nudgeSettings).toBe(1);
    expect(report.nudgesSent).toBe(5);
    expect(await store.spaced.getNudges(key)).toBeNull();
    expect(await store.spaced.allSentDates(key)).toEqual([]);
  });

  it('offers nudges once, after a person’s first finished session', async () => {
    const learner = new Practiser({ url, slack } as TestApp, fake, TEAM, 'U0FIRST');
    const question = bank.questions.find((q) => q.id === 'dive-deep/unexpected-root-cause')!;
    const offers = () => fake.postsTo(learner.dm).filter((p) => actionIds(p).includes('spaced.offer.yes'));
    await learner.practise(question);
    for (let i = 0; i < 4 && offers().length === 0; i++) await learner.say('skip', /./);
    await until(() => offers().length === 1, 'the nudge offer');
    expect(visibleText(offers()[0]!)).toContain('Want a gentle nudge');
    await learner.click('spaced.offer.yes', 'yes', learner.dm);
    let settings = await store.spaced.getNudges(learner.key);
    for (let i = 0; i < 100 && !settings?.enabled; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      settings = await store.spaced.getNudges(learner.key);
    }
    expect(settings?.enabled).toBe(true);
    expect(settings?.timeZone).toBe(ZONE);
    // A second finished session offers nothing more.
    await learner.practise(question);
    for (let i = 0; i < 4; i++) await learner.say('skip', /./).catch(() => {});
    expect(offers()).toHaveLength(1);
  }, 60_000);

  it('uninstalling erases every nudge setting and record in the workspace', async () => {
    const report = await store.forgetWorkspace(TEAM);
    expect(report.nudgeSettings).toBeGreaterThanOrEqual(1);
    expect(await store.spaced.listNudgesOn()).toEqual([]);
  });
});
