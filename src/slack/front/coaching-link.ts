import { Worker } from 'node:worker_threads';
import type { FromCoaching, ToCoaching } from './protocol.ts';

const STOP_TIMEOUT_MS = 15_000;

/**
 * Compiled (`npm start`), the thread's entry sits next to this file as JavaScript. From the TypeScript source (tests,
 * tsx), tsx's loader hooks do not reach worker threads, so the thread registers them before importing its entry.
 */
/** A young generation of 12 MB instead of V8's default 48 MB: more, shorter scavenges, a smaller peak RSS. */
const RESOURCE_LIMITS = { maxYoungGenerationSizeMb: 12 };

function spawnCoachingThread(): Worker {
  if (import.meta.url.endsWith('.js'))
    return new Worker(new URL('./coaching-thread.js', import.meta.url), { resourceLimits: RESOURCE_LIMITS });
  const entry = new URL('./coaching-thread.ts', import.meta.url).href;
  const tsx = import.meta.resolve('tsx/esm/api');
  const bootstrap = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
  return new Worker(bootstrap, { eval: true, resourceLimits: RESOURCE_LIMITS });
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
  static start(onUnexpectedExit: (code: number) => void): Promise<LinkStart> {
    const worker = spawnCoachingThread();
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
      worker.on('error', (error) =>
        process.stderr.write(`The coaching thread failed: ${error.stack ?? error}\n`),
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
