import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../../src/config.ts';
import { DAY_MS, type RetentionDeps, RetentionJob } from '../../src/slack/retention.ts';

const START = Date.UTC(2026, 2, 10, 12, 0, 0);
const MINUTE = 60_000;

/** A store that records each cutoff it was given, as SQLite would see it. */
function recordingStore(options: { failFirst?: boolean } = {}) {
  const calls: { what: 'sessions' | 'outbox'; cutoff: number }[] = [];
  let failures = options.failFirst ? 1 : 0;
  const store: RetentionDeps['store'] = {
    async deleteSessionsBefore(cutoff) {
      if (failures > 0) {
        failures -= 1;
        throw new Error('database is locked');
      }
      calls.push({ what: 'sessions', cutoff });
      return 3;
    },
    async pruneDeliveredOutbox(cutoff) {
      calls.push({ what: 'outbox', cutoff });
      return 7;
    },
  };
  return { store, calls };
}

function logs() {
  const lines: { level: string; text: string }[] = [];
  return {
    lines,
    logger: {
      info: (...msg: unknown[]) => lines.push({ level: 'info', text: msg.map(String).join(' ') }),
      error: (...msg: unknown[]) => lines.push({ level: 'error', text: msg.map(String).join(' ') }),
    },
  };
}

describe('RetentionJob', () => {
  let job: RetentionJob | undefined;

  beforeEach(() => {
    vi.useFakeTimers({ now: START });
  });

  afterEach(async () => {
    await job?.stop();
    job = undefined;
    vi.useRealTimers();
  });

  it('runs shortly after start, then daily, deleting by the clock it is given', async () => {
    const { store, calls } = recordingStore();
    const { lines, logger } = logs();
    job = new RetentionJob({ store, clock: Date.now, logger, retentionDays: 30 });
    job.start();

    await vi.advanceTimersByTimeAsync(59_000);
    expect(calls).toEqual([]);
    await vi.advanceTimersByTimeAsync(1_000);
    const firstRun = START + MINUTE;
    expect(calls).toEqual([
      { what: 'sessions', cutoff: firstRun - 30 * DAY_MS },
      { what: 'outbox', cutoff: firstRun - DAY_MS },
    ]);
    expect(lines).toEqual([
      {
        level: 'info',
        text: 'Retention: deleted 3 session(s) older than 30 day(s); deleted 7 delivered message(s) older than a day.',
      },
    ]);

    await vi.advanceTimersByTimeAsync(DAY_MS - 1);
    expect(calls).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(calls.slice(2)).toEqual([
      { what: 'sessions', cutoff: firstRun + DAY_MS - 30 * DAY_MS },
      { what: 'outbox', cutoff: firstRun + DAY_MS - DAY_MS },
    ]);
  });

  it('without RETENTION_DAYS keeps sessions but still prunes delivered messages', async () => {
    const { store, calls } = recordingStore();
    const { lines, logger } = logs();
    job = new RetentionJob({ store, clock: Date.now, logger, retentionDays: null, firstRunMs: 10 });
    job.start();
    await vi.advanceTimersByTimeAsync(10);
    expect(calls).toEqual([{ what: 'outbox', cutoff: START + 10 - DAY_MS }]);
    expect(lines[0]?.text).toContain('sessions are kept (no RETENTION_DAYS)');
  });

  it('logs a failed run and tries again the next day', async () => {
    const { store, calls } = recordingStore({ failFirst: true });
    const { lines, logger } = logs();
    job = new RetentionJob({ store, clock: Date.now, logger, retentionDays: 7, firstRunMs: 0 });
    job.start();
    await vi.advanceTimersByTimeAsync(0);
    expect(calls).toEqual([]);
    expect(lines.map((l) => l.level)).toEqual(['error']);
    expect(lines[0]?.text).toContain('database is locked');
    await vi.advanceTimersByTimeAsync(DAY_MS);
    expect(calls.map((c) => c.what)).toEqual(['sessions', 'outbox']);
  });

  it('stop() cancels the timer', async () => {
    const { store, calls } = recordingStore();
    const { logger } = logs();
    job = new RetentionJob({ store, clock: Date.now, logger, retentionDays: 7 });
    job.start();
    await job.stop();
    await vi.advanceTimersByTimeAsync(2 * DAY_MS);
    expect(calls).toEqual([]);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('its timer never keeps the process alive (unref)', () => {
    const setTimeoutSpy = vi.spyOn(globalThis, 'setTimeout');
    const { store } = recordingStore();
    const { logger } = logs();
    job = new RetentionJob({ store, clock: Date.now, logger, retentionDays: 7 });
    job.start();
    const timer = setTimeoutSpy.mock.results.at(-1)?.value as NodeJS.Timeout;
    expect(timer.hasRef()).toBe(false);
    setTimeoutSpy.mockRestore();
  });
});

describe('RETENTION_DAYS', () => {
  const base = { SLACK_BOT_TOKEN: 'xoxb-1', SLACK_SIGNING_SECRET: 'abc' };

  it('is optional and read as whole days', () => {
    const unset = loadConfig({ ...base, RETENTION_DAYS: '' });
    expect(unset.ok && unset.config.retentionDays).toBeUndefined();
    expect(loadConfig({ ...base, RETENTION_DAYS: '90' })).toMatchObject({
      ok: true,
      config: { retentionDays: 90 },
    });
  });

  it.each(['0', '-3', '1.5', 'ninety'])('refuses %s without echoing it', (value) => {
    const result = loadConfig({ ...base, RETENTION_DAYS: value });
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.message).toContain('RETENTION_DAYS must be a whole number of days (1 or more)');
      expect(result.message).not.toContain('ninety');
    }
  });
});
