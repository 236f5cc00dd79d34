import { describe, expect, it } from 'vitest';
import { RequestFirst } from '../../src/slack/request-first.ts';

/** Waits for pending I/O callbacks and one round of immediates. */
const ioTurn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

describe('RequestFirst', () => {
  it('releases waiters in order, one per event-loop turn, letting I/O run between them', async () => {
    const gate = new RequestFirst();
    const order: string[] = [];
    const waiters = [1, 2, 3].map((n) => gate.turn().then(() => order.push(`work ${n}`)));
    // Anything else queued for this turn (as a request read from a socket would be) runs before work 2.
    setImmediate(() => order.push('request'));
    await Promise.all(waiters);
    expect(order).toEqual(['work 1', 'request', 'work 2', 'work 3']);
  });

  it('does not release anything synchronously', async () => {
    const gate = new RequestFirst();
    let released = false;
    const waiting = gate.turn().then(() => {
      released = true;
    });
    await Promise.resolve();
    expect(released).toBe(false);
    await waiting;
    await ioTurn();
    expect(released).toBe(true);
  });
});
