import { execFileSync } from 'node:child_process';
import { getPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';
import type { ThreadPriority } from '../../../src/slack/front/thread-priority.ts';

/** Runs lowerThisThreadPriority in a fresh worker thread (loading the TypeScript through tsx, as the app does). */
function inWorker(
  idle: boolean,
): Promise<{ result: ThreadPriority | null; mainAfter: number; mainPolicy: string }> {
  const entry = new URL('../../../src/slack/front/thread-priority.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const script = `
    const { parentPort } = require('node:worker_threads');
    const { getPriority } = require('node:os');
    const { execFileSync } = require('node:child_process');
    const policyOf = (id) => { try { return execFileSync('chrt', ['--pid', String(id)], { encoding: 'utf8' }); } catch { return 'no chrt'; } };
    import(${JSON.stringify(tsx)})
      .then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })
      .then(({ lowerThisThreadPriority }) => {
        const result = lowerThisThreadPriority(10, ${idle});
        parentPort.postMessage({ result, mainAfter: getPriority(process.pid), mainPolicy: policyOf(process.pid) });
      });`;
  return new Promise((resolve, reject) => {
    const worker = new Worker(script, { eval: true });
    worker.once('message', (message) => {
      resolve(message);
      void worker.terminate();
    });
    worker.once('error', reject);
  });
}

function hasChrt(): boolean {
  try {
    execFileSync('chrt', ['--version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

describe('lowerThisThreadPriority', () => {
  it('lowers the calling thread only, leaving the main thread as it was', async () => {
    const before = getPriority(process.pid);
    const { result, mainAfter, mainPolicy } = await inWorker(true);
    if (process.platform !== 'linux') {
      expect(result).toBeNull();
      return;
    }
    expect(result?.niceness).toBe(Math.max(10, before));
    expect(mainAfter).toBe(before);
    // The main thread keeps the normal policy whether or not chrt could move the worker to SCHED_IDLE.
    expect(mainPolicy).not.toContain('SCHED_IDLE');
    if (hasChrt()) expect(result?.idle).toBe(true);
    expect(getPriority(process.pid)).toBe(before);
  });

  it('only raises the niceness when asked not to go idle', async () => {
    const { result } = await inWorker(false);
    if (process.platform !== 'linux') return expect(result).toBeNull();
    expect(result).toEqual({ niceness: Math.max(10, getPriority(process.pid)), idle: false });
  });
});
