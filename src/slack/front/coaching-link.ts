import { type ResourceLimits, Worker } from 'node:worker_threads';
import type { FromCoaching, ToCoaching } from './protocol.ts';

const STOP_TIMEOUT_MS = 15_000;

/**
 * Compiled (`npm start`), the thread's entry sits next to this file as JavaScript. From the TypeScript source (tests,
 * tsx), tsx's loader hooks do not reach worker threads, so the thread registers them before importing its entry.
 */
/**
 * The coaching thread's old generation, in MB (COACHING_HEAP_MB). Without a cap V8 lets garbage pile up to about
 * four times the live heap before a full collection: under the ack bench's load the thread's heap reached 200 MB
 * with 60 MB live (question bank, language model, code). Capped, V8 collects sooner; the live heap has twice its
 * size in headroom. A thread that still runs out ends the process, which is restarted and loses nothing (the
 * inbox is durable).
 */
export const DEFAULT_COACHING_HEAP_MB = 128;
export const MIN_COACHING_HEAP_MB = 64;

/** The resource limits for the coaching thread, from COACHING_HEAP_MB (main.ts reports a bad value and stops). */
export function coachingResourceLimits(env: Record<string, string | undefined>): ResourceLimits {
  const heapMb = Number(env.COACHING_HEAP_MB?.trim() || DEFAULT_COACHING_HEAP_MB);
  return {
    // 12 MB instead of V8's default 48 MB: more, shorter scavenges, a smaller peak RSS.
    maxYoungGenerationSizeMb: 12,
    maxOldGenerationSizeMb:
      Number.isInteger(heapMb) && heapMb >= MIN_COACHING_HEAP_MB ? heapMb : DEFAULT_COACHING_HEAP_MB,
  };
}

function spawnCoachingThread(resourceLimits: ResourceLimits): Worker {
  if (import.meta.url.endsWith('.js'))
    return new Worker(new URL('./coaching-thread.js', import.meta.url), { resourceLimits });
  const entry = new URL('./coaching-thread.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(bootstrap, { eval: true, resourceLimits });
}

export type LinkStart = { ok: true; link: CoachingLink } | { ok: false; code: number };

/** The main thread's handle on the coaching thread: tells it the inbox has work, stops it. */
export class CoachingLink {
  private stopping = false;
  private kickPending = false;
  private stopped: (() => void) | undefined;

  private constructor(private readonly worker: Worker) {
    worker.on('message', (message: FromCoaching) => {
      if (message.type === 'stopped') this.stopped?.();
    });
  }

  /** Starts the coaching thread and waits until it is ready, or has ended because start-up failed. */
  static start(
    onUnexpectedExit: (code: number) => void,
    env: Record<string, string | undefined> = process.env,
  ): Promise<LinkStart> {
    const worker = spawnCoachingThread(coachingResourceLimits(env));
    return new Promise((resolve) => {
      let settled = false;
      const link = new CoachingLink(worker);
      const onMessage = (message: FromCoaching) => {
        if (message.type !== 'ready') return;
        settled = true;
        resolve({ ok: true, link });
        worker.off('message', onMessage);
      };
      worker.on('message', onMessage);
      // A thrown error reaches 'error' and then 'exit'; the exit decides.
      worker.on('error', (error: Error & { code?: string }) =>
        process.stderr.write(
          error.code === 'ERR_WORKER_OUT_OF_MEMORY'
            ? `The coaching thread ran out of memory (COACHING_HEAP_MB, now ${worker.resourceLimits?.maxOldGenerationSizeMb} MB): raise it if this repeats.\n`
            : `The coaching thread failed: ${error.stack ?? error}\n`,
        ),
      );
      worker.on('exit', (code) => {
        if (!settled) {
          // Start-up failed; the thread has logged why and chosen the exit code.
          settled = true;
          resolve({ ok: false, code: code === 0 ? 1 : code });
        } else if (!link.stopping) onUnexpectedExit(code);
        link.stopped?.();
      });
    });
  }

  /** Requests were recorded in the inbox. Kicks that arrive while one is on its way are folded into it. */
  inboxChanged(): void {
    if (this.kickPending) return;
    this.kickPending = true;
    setImmediate(() => {
      this.kickPending = false;
      this.send({ type: 'inbox' });
    });
  }

  /** Lets the coaching thread finish its work and close the database, then ends it. */
  async stop(): Promise<void> {
    if (this.stopping) return;
    this.stopping = true;
    const done = new Promise<void>((resolve) => {
      this.stopped = resolve;
    });
    this.send({ type: 'stop' });
    const timer = setTimeout(() => void this.worker.terminate(), STOP_TIMEOUT_MS);
    await done;
    clearTimeout(timer);
    await this.worker.terminate();
  }

  private send(message: ToCoaching): void {
    this.worker.postMessage(message);
  }
}
