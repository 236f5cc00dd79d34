import { getPriority } from 'node:os';
import { Worker } from 'node:worker_threads';
import { describe, expect, it } from 'vitest';

/** Runs lowerThisThreadPriority in a fresh worker thread (loading the TypeScript through tsx, as the app does). */
function inWorker(): Promise<{ result: number | null; mainAfter: number }> {
  const entry = new URL('../../../src/slack/front/thread-priority.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const script = `
    const { parentPort } = require('node:worker_threads');
    const { getPriority } = require('node:os');
    import(${JSON.stringify(tsx)})
      .then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })
      .then(({ lowerThisThreadPriority }) => {
        const result = lowerThisThreadPriority(10);
        parentPort.postMessage({ result, mainAfter: getPriority(process.pid) });
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

describe('lowerThisThreadPriority', () => {
  it('lowers the calling thread only, leaving the main thread as it was', async () => {
    const before = getPriority(process.pid);
    const { result, mainAfter } = await inWorker();
    if (process.platform !== 'linux') {
      expect(result).toBeNull();
      return;
    }
    expect(result).toBe(Math.max(10, before));
    expect(mainAfter).toBe(before);
    expect(getPriority(process.pid)).toBe(before);
  });
});
