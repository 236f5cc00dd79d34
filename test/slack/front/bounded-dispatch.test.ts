import { describe, expect, it } from 'vitest';
import { BoundedDispatch } from '../../../src/slack/front/bounded-dispatch.ts';

function deferred() {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

describe('BoundedDispatch', () => {
  it('runs at most `limit` tasks at once, starting the rest in arrival order as others finish', async () => {
    const started: number[] = [];
    const gates = new Map<number, ReturnType<typeof deferred>>();
    const dispatch = new BoundedDispatch(2, (n: number) => {
      started.push(n);
      const gate = deferred();
      gates.set(n, gate);
      return gate.promise;
    });
    for (const n of [1, 2, 3, 4, 5]) dispatch.push(n);
    expect(started).toEqual([1, 2]);
    expect(dispatch.counts).toEqual({ running: 2, waiting: 3 });

    gates.get(2)!.resolve();
    await gates.get(2)!.promise;
    await Promise.resolve();
    expect(started).toEqual([1, 2, 3]);

    gates.get(1)!.resolve();
    gates.get(3)!.resolve();
    await new Promise((r) => setTimeout(r, 0));
    expect(started).toEqual([1, 2, 3, 4, 5]);
    expect(dispatch.counts).toEqual({ running: 2, waiting: 0 });
  });

  it('a failed task frees its slot like a finished one', async () => {
    const started: number[] = [];
    const dispatch = new BoundedDispatch(1, async (n: number) => {
      started.push(n);
      if (n === 1) throw new Error('listener failed');
    });
    const unhandled: unknown[] = [];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    process.on('unhandledRejection', onUnhandled);
    try {
      dispatch.push(1);
      dispatch.push(2);
      await new Promise((r) => setTimeout(r, 10));
    } finally {
      process.off('unhandledRejection', onUnhandled);
    }
    expect(started).toEqual([1, 2]);
    expect(dispatch.counts).toEqual({ running: 0, waiting: 0 });
    expect(unhandled).toEqual([]);
  });
});
