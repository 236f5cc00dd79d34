import { describe, expect, it } from 'vitest';
import { KeyedQueue } from '../../src/service/keyed-queue.ts';

/** A task that records when it starts and ends, finishing only when released. */
function gate(log: string[], name: string) {
  let release: () => void = () => undefined;
  const done = new Promise<void>((resolve) => {
    release = resolve;
  });
  const task = async () => {
    log.push(`${name} start`);
    await done;
    log.push(`${name} end`);
    return name;
  };
  return { task, release: () => release() };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('KeyedQueue', () => {
  it('runs one key strictly in order, one task at a time', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const a = gate(log, 'a1');
    const b = gate(log, 'a2');
    const first = queue.run('alice', a.task);
    const second = queue.run('alice', b.task);
    await settle();
    expect(log).toEqual(['a1 start']);
    b.release();
    await settle();
    expect(log).toEqual(['a1 start']);
    a.release();
    expect(await first).toBe('a1');
    expect(await second).toBe('a2');
    expect(log).toEqual(['a1 start', 'a1 end', 'a2 start', 'a2 end']);
  });

  it('runs different keys concurrently', async () => {
    const queue = new KeyedQueue();
    const log: string[] = [];
    const a = gate(log, 'alice');
    const b = gate(log, 'bob');
    const both = Promise.all([queue.run('alice', a.task), queue.run('bob', b.task)]);
    await settle();
    expect(log).toEqual(['alice start', 'bob start']);
    b.release();
    a.release();
    expect(await both).toEqual(['alice', 'bob']);
  });

  it('keeps going after a failed task, which rejects only its own caller', async () => {
    const queue = new KeyedQueue();
    const failed = queue.run('alice', async () => {
      throw new Error('turn failed');
    });
    const next = queue.run('alice', async () => 'still served');
    await expect(failed).rejects.toThrow('turn failed');
    expect(await next).toBe('still served');
  });

  it('forgets a key once its queue is empty', async () => {
    const queue = new KeyedQueue();
    await Promise.all([queue.run('alice', async () => 1), queue.run('bob', async () => 2)]);
    await settle();
    expect(queue.size).toBe(0);
  });
});
