import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { webApi } from '@slack/bolt';
import { loadContent } from '../src/content/load.ts';
import { DailyScheduler } from '../src/schedule/scheduler.ts';
import { localDateTime } from '../src/schedule/zoned-time.ts';
import { slackPromptPoster } from '../src/slack/daily-poster.ts';
import { webClientApi } from '../src/slack/slack-api.ts';
import { openSqliteStore } from '../src/store/sqlite.ts';
import { FakeSlack } from './fake-slack.ts';
import { printTable } from './stats.ts';

// Daily fan-out: 1 000 channels due in the same minute, posted through the real scheduler and Slack poster to a
// local fake Web API that enforces chat.postMessage's per-channel and workspace limits with 429 + Retry-After.
const CHANNELS = Number(process.env.BENCH_DAILY_CHANNELS ?? 1_000);
const WORKSPACE_PER_SECOND = Number(process.env.BENCH_DAILY_RATE ?? 100);

export async function benchDaily(): Promise<Record<string, number>> {
  const fake = new FakeSlack({ workspacePerSecond: WORKSPACE_PER_SECOND, channelPerSecond: 1 });
  const apiUrl = await fake.start();
  const dir = mkdtempSync(join(tmpdir(), 'star-bench-daily-'));
  const store = await openSqliteStore({ path: join(dir, 'daily.db') });
  try {
    const now = Date.now();
    const local = localDateTime(now, 'UTC');
    for (let i = 0; i < CHANNELS; i++) {
      await store.daily.saveSchedule(
        {
          workspaceId: 'T1',
          channelId: `C${String(i).padStart(5, '0')}`,
          minutes: local.minutes,
          timeZone: 'UTC',
          days: 'everyday',
          firstDate: local.date,
          createdBy: 'U1',
          createdAt: now,
          pausedReason: null,
        },
        now,
      );
    }
    const client = new webApi.WebClient('xoxb-bench', {
      slackApiUrl: apiUrl,
      rejectRateLimitedCalls: true,
      retryConfig: { retries: 0 },
    });
    const silent = { info() {}, warn() {}, error() {} };
    const scheduler = new DailyScheduler({
      daily: store.daily,
      bank: loadContent(),
      poster: slackPromptPoster({ client: async () => client, slackFor: () => webClientApi(client) }),
      clock: Date.now,
      sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
      logger: silent,
      holder: 'bench',
      maxAttempts: 50,
    });
    const started = performance.now();
    const outcome = await scheduler.tick();
    const seconds = (performance.now() - started) / 1000;
    const perChannel = new Map<string, number>();
    for (const post of fake.posts) perChannel.set(post.channel, (perChannel.get(post.channel) ?? 0) + 1);
    // The fake's bucket starts full (one second's worth), then refills at the workspace rate.
    const ideal = Math.max(0, CHANNELS - WORKSPACE_PER_SECOND) / WORKSPACE_PER_SECOND;
    return {
      channels: CHANNELS,
      posted: outcome.posted,
      distinctChannelsPosted: perChannel.size,
      postedTwice: [...perChannel.values()].filter((n) => n > 1).length,
      failed: outcome.failed,
      rateLimited429: fake.rateLimited,
      seconds,
      idealSeconds: ideal,
      ratioToIdeal: ideal > 0 ? seconds / ideal : Number.NaN,
    };
  } finally {
    await store.close();
    await fake.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const f = await benchDaily();
  printTable('Daily fan-out', [
    ['channels due in one minute', String(f.channels)],
    ['posted (distinct channels)', `${f.posted} (${f.distinctChannelsPosted})`],
    ['posted twice', String(f.postedTwice)],
    ['failed', String(f.failed)],
    ['429 answers from the fake', String(f.rateLimited429)],
    ['time', `${f.seconds!.toFixed(2)} s`],
    [
      'ideal under the limits',
      `${f.idealSeconds!.toFixed(2)} s (${WORKSPACE_PER_SECOND}/s per workspace, 1/s per channel)`,
    ],
    ['ratio to ideal', `${f.ratioToIdeal!.toFixed(2)}x`],
  ]);
  if (f.posted !== f.channels || f.postedTwice !== 0) process.exitCode = 1;
}
