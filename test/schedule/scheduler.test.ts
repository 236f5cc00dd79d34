import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadContent } from '../../src/content/load.ts';
import { PostError } from '../../src/schedule/post-error.ts';
import { DailyScheduler, type PromptPoster } from '../../src/schedule/scheduler.ts';
import type { ChannelKey, DailyScheduleRecord } from '../../src/store/daily-types.ts';
import { openSqliteStore, type SqliteStore } from '../../src/store/sqlite.ts';

const bank = loadContent();
const NINE = Date.parse('2026-11-26T09:00:00Z'); // a Thursday
const stores: SqliteStore[] = [];

afterEach(async () => {
  await Promise.all(stores.splice(0).map((s) => s.close()));
});

async function openStore(path = join(mkdtempSync(join(tmpdir(), 'star-daily-')), 'db.sqlite')) {
  const store = await openSqliteStore({ path });
  stores.push(store);
  return { store, path };
}

const schedule = (channelId: string, workspaceId = 'T1'): Omit<DailyScheduleRecord, 'paused'> => ({
  workspaceId,
  channelId,
  minutes: 9 * 60,
  timeZone: 'UTC',
  days: 'weekdays',
  firstDate: '2026-11-26',
  createdBy: 'U_OWNER',
  createdAt: NINE - 86_400_000,
  pausedReason: null,
});

class FakePoster implements PromptPoster {
  posts: { channel: string; questionId: string }[] = [];
  recaps: { channel: string; threadTs: string; practised: number }[] = [];
  paused: { channel: string; code: string; owner: string | null }[] = [];
  failures: PostError[] = [];

  async postPrompt(channel: ChannelKey, prompt: { question: { id: string } }) {
    const failure = this.failures.shift();
    if (failure) throw failure;
    this.posts.push({ channel: channel.channelId, questionId: prompt.question.id });
    return { ts: `${this.posts.length}.000100` };
  }
  async postRecap(channel: ChannelKey, threadTs: string, practised: number) {
    this.recaps.push({ channel: channel.channelId, threadTs, practised });
  }
  async notifyPaused(s: DailyScheduleRecord, code: string) {
    this.paused.push({ channel: s.channelId, code, owner: s.createdBy });
  }
}

const silent = { info() {}, warn() {}, error() {} };

function scheduler(store: SqliteStore, poster: FakePoster, clock: { now: number }, holder = 'A') {
  const sleeps: number[] = [];
  const s = new DailyScheduler({
    daily: store.daily,
    bank,
    poster,
    clock: () => clock.now,
    sleep: async (ms) => {
      sleeps.push(ms);
      clock.now += ms;
    },
    logger: silent,
    holder,
    leaseMs: 120_000,
  });
  return { s, sleeps };
}

describe('DailyScheduler', () => {
  it('posts a due prompt once, and the same question on a re-post the same day', async () => {
    const { store } = await openStore();
    await store.daily.saveSchedule(schedule('C1'), NINE);
    const poster = new FakePoster();
    const clock = { now: NINE + 60_000 };
    const { s } = scheduler(store, poster, clock);
    expect(await s.tick()).toMatchObject({ posted: 1 });
    expect(await s.tick()).toMatchObject({ posted: 0, 'already-posted': 1 });
    expect(poster.posts).toHaveLength(1);
    const post = await store.daily.getPost({ workspaceId: 'T1', channelId: 'C1' }, '2026-11-26');
    expect(post).toMatchObject({
      status: 'posted',
      messageTs: '1.000100',
      questionId: poster.posts[0]!.questionId,
    });
  });

  it('a restart after claiming but before posting posts once the dead claim expires', async () => {
    const { store } = await openStore();
    await store.daily.saveSchedule(schedule('C1'), NINE);
    // The previous process claimed, then died before posting.
    await store.daily.claimPost(
      { workspaceId: 'T1', channelId: 'C1' },
      '2026-11-26',
      'x',
      'dead-process',
      NINE,
      120_000,
    );
    const poster = new FakePoster();
    const clock = { now: NINE + 60_000 };
    const { s } = scheduler(store, poster, clock, 'B');
    expect((await s.tick()).posted).toBe(0);
    clock.now = NINE + 121_000;
    expect((await s.tick()).posted).toBe(1);
    expect(poster.posts).toHaveLength(1);
  });

  it('a restart after posting never posts again', async () => {
    const { store, path } = await openStore();
    await store.daily.saveSchedule(schedule('C1'), NINE);
    const clock = { now: NINE + 60_000 };
    await scheduler(store, new FakePoster(), clock).s.tick();
    await store.close();
    const { store: reopened } = await openStore(path);
    const poster = new FakePoster();
    clock.now += 10 * 60_000;
    expect((await scheduler(reopened, poster, clock, 'B').s.tick()).posted).toBe(0);
    expect(poster.posts).toHaveLength(0);
  });

  it('two schedulers sharing one database post each prompt exactly once', async () => {
    const { store, path } = await openStore();
    const { store: second } = await openStore(path);
    for (let i = 0; i < 30; i++) await store.daily.saveSchedule(schedule(`C${i}`), NINE);
    const poster = new FakePoster();
    const clock = { now: NINE + 60_000 };
    const results = await Promise.all([
      scheduler(store, poster, clock, 'A').s.tick(),
      scheduler(second, poster, clock, 'B').s.tick(),
    ]);
    expect(results[0]!.posted + results[1]!.posted).toBe(30);
    expect(new Set(poster.posts.map((p) => p.channel)).size).toBe(30);
    expect(poster.posts).toHaveLength(30);
  });

  it('waits out a 429 and then posts', async () => {
    const { store } = await openStore();
    await store.daily.saveSchedule(schedule('C1'), NINE);
    const poster = new FakePoster();
    poster.failures.push(new PostError({ kind: 'rate-limited', retryAfterMs: 3_000 }));
    const clock = { now: NINE };
    const { s, sleeps } = scheduler(store, poster, clock);
    expect((await s.tick()).posted).toBe(1);
    expect(sleeps).toEqual([3_000]);
  });

  it('not_in_channel pauses the schedule, tells its owner, and other channels still post', async () => {
    const { store } = await openStore();
    await store.daily.saveSchedule(schedule('C1'), NINE);
    await store.daily.saveSchedule(schedule('C2'), NINE);
    const poster = new FakePoster();
    poster.failures.push(new PostError({ kind: 'channel-unavailable', code: 'not_in_channel' }));
    const clock = { now: NINE };
    const { s } = scheduler(store, poster, clock);
    expect(await s.tick()).toMatchObject({ posted: 1, paused: 1 });
    expect(poster.paused).toEqual([{ channel: 'C1', code: 'not_in_channel', owner: 'U_OWNER' }]);
    expect((await store.daily.getSchedule({ workspaceId: 'T1', channelId: 'C1' }))?.paused).toBe(true);
    clock.now += 60_000;
    expect(await s.tick()).toMatchObject({ posted: 0, paused: 0, 'already-posted': 1 });
  });

  it('gives a failed post back so a later tick retries it', async () => {
    const { store } = await openStore();
    await store.daily.saveSchedule(schedule('C1'), NINE);
    const poster = new FakePoster();
    for (let i = 0; i < 6; i++)
      poster.failures.push(new PostError({ kind: 'transient', detail: 'HTTP 503' }));
    const clock = { now: NINE };
    const { s } = scheduler(store, poster, clock);
    expect((await s.tick()).failed).toBe(1);
    expect((await s.tick()).posted).toBe(1);
  });

  it('recaps yesterday with a count only, once', async () => {
    const { store } = await openStore();
    await store.daily.saveSchedule(schedule('C1'), NINE);
    const poster = new FakePoster();
    const clock = { now: NINE };
    const { s } = scheduler(store, poster, clock);
    await s.tick();
    const channel = { workspaceId: 'T1', channelId: 'C1' };
    await store.daily.recordPractice(channel, '2026-11-26', 'U1', NINE);
    await store.daily.recordPractice(channel, '2026-11-26', 'U2', NINE);
    await store.daily.recordPractice(channel, '2026-11-26', 'U2', NINE + 1);
    clock.now = NINE + 86_400_000;
    await s.tick();
    expect(poster.recaps).toEqual([{ channel: 'C1', threadTs: '1.000100', practised: 2 }]);
  });
});
