import { parentPort } from 'node:worker_threads';
import { boot } from '../../boot.ts';
import { loadConfig } from '../../config.ts';
import { AppLogger } from '../logger.ts';
import { ForwardedReceiver } from './forwarded-receiver.ts';
import type { FromCoaching, ToCoaching } from './protocol.ts';
import { lowerThisThreadPriority } from './thread-priority.ts';

/**
 * The coaching thread: Bolt's listeners, the practice service, SQLite, the outbox deliverer and the daily
 * scheduler. It applies the durable inbox the HTTP front on the main thread records (see coaching-link.ts).
 */
/** Below the main thread (0), so acknowledgements win the CPU when it is scarce. */
const COACHING_NICENESS = 10;

/** Ends the thread with the exit code once its event loop is empty, so every log line it wrote is flushed. */
function fail(code: number): void {
  process.exitCode = code;
}

async function run(): Promise<void> {
  const port = parentPort;
  if (!port) throw new Error('coaching-thread.ts runs as a worker thread of src/main.ts');
  const send = (message: FromCoaching) => port.postMessage(message);
  const loaded = loadConfig(process.env);
  // The main thread reports a bad configuration (it checks the same environment).
  if (!loaded.ok) return fail(2);
  const logger = new AppLogger(loaded.config.logLevel);
  const receiver = new ForwardedReceiver(logger);
  const booted = await boot(loaded.config, logger, receiver);
  if (!booted.ok) return fail(booted.code);
  // Only now: no acknowledgement waits on start-up (the front listens once this thread is ready), and at idle
  // priority on a busy host start-up itself would wait for every other process.
  const priority = lowerThisThreadPriority(COACHING_NICENESS, loaded.config.coachingPriority === 'idle');
  logger.debug(
    priority === null
      ? 'Coaching thread priority unchanged.'
      : `Coaching thread niceness ${priority.niceness}${priority.idle ? ', SCHED_IDLE' : ''}.`,
  );

  port.on('message', (message: ToCoaching) => {
    switch (message.type) {
      case 'inbox':
        booted.slack.inbox?.kick();
        return;
      case 'stop':
        void booted.close().then(
          () => send({ type: 'stopped' }),
          (error: unknown) => {
            logger.error('Stopping the coaching thread:', error);
            send({ type: 'stopped' });
          },
        );
        return;
    }
  });
  process.on('unhandledRejection', (reason) => logger.error('Unhandled promise rejection:', reason));
  send({ type: 'ready' });
}

await run();
