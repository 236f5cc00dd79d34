import { afterEach, describe, expect, it, vi } from 'vitest';
import { Ticker } from '../../src/schedule/ticker.ts';

describe('Ticker', () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it('runs at start, then every interval, and never two passes at once', async () => {
    vi.useFakeTimers();
    let passes = 0;
    let release: () => void = () => {};
    const ticker = new Ticker(
      () => {
        passes += 1;
        return new Promise<void>((resolve) => {
          release = resolve;
        });
      },
      () => {},
    );
    ticker.start(1_000);
    expect(passes).toBe(1);
    await vi.advanceTimersByTimeAsync(3_000); // the first pass is still running: ticks are skipped
    expect(passes).toBe(1);
    release();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(passes).toBe(2);
    release();
    await ticker.stop();
  });

  it('waits for the first delay, reports failures and keeps ticking', async () => {
    vi.useFakeTimers();
    const errors: unknown[] = [];
    let passes = 0;
    const ticker = new Ticker(
      async () => {
        passes += 1;
        throw new Error(`pass ${passes}`);
      },
      (error) => errors.push(error),
    );
    ticker.start(1_000, 5_000);
    await vi.advanceTimersByTimeAsync(4_999);
    expect(passes).toBe(0);
    await vi.advanceTimersByTimeAsync(2_001);
    expect(passes).toBe(3);
    expect(errors.map(String)).toEqual(['Error: pass 1', 'Error: pass 2', 'Error: pass 3']);
    await ticker.stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(passes).toBe(3);
  });

  it('stop waits for the pass under way', async () => {
    let finished = false;
    const ticker = new Ticker(
      () =>
        new Promise<void>((resolve) =>
          setTimeout(() => {
            finished = true;
            resolve();
          }, 30),
        ),
      () => {},
    );
    ticker.start(60_000);
    await ticker.stop();
    expect(finished).toBe(true);
  });
});
