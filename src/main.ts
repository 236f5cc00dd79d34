import { type AppConfig, loadConfig } from './config.ts';
import { loadDotEnv } from './env-file.ts';
import { AckFront } from './slack/front/ack-front.ts';
import { CoachingLink } from './slack/front/coaching-link.ts';
import { AppLogger } from './slack/logger.ts';

/**
 * `npm start`: the Slack bot. Socket Mode (SLACK_APP_TOKEN set) runs in one thread. HTTP mode splits in two: the
 * main thread verifies and acknowledges Slack's requests, and a worker thread does the coaching, so an
 * acknowledgement never waits behind a coaching turn.
 */
async function main(): Promise<number> {
  loadDotEnv();
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(`${loaded.message}\n`);
    return 2;
  }
  const { config } = loaded;
  const logger = new AppLogger(config.logLevel);
  // Last line of defence: log (tokens redacted) and keep serving other users.
  process.on('unhandledRejection', (reason) => logger.error('Unhandled promise rejection:', reason));
  return config.appToken ? runInOneThread(config, logger) : runHttpFront(config, logger);
}

function onStopSignal(stop: (signal: string) => Promise<void>): void {
  let stopping = false;
  const handle = (signal: string) => {
    if (stopping) return;
    stopping = true;
    void stop(signal).then(() => process.exit(0));
  };
  process.on('SIGINT', () => handle('SIGINT'));
  process.on('SIGTERM', () => handle('SIGTERM'));
}

async function runInOneThread(config: AppConfig, logger: AppLogger): Promise<number> {
  // Imported here: in HTTP mode the app runs in the coaching thread, and this thread never loads it.
  const { boot } = await import('./boot.ts');
  const booted = await boot(config, logger);
  if (!booted.ok) return booted.code;
  onStopSignal(async (signal) => {
    logger.info(`${signal} received: stopping.`);
    await booted.close();
  });
  return 0;
}

async function runHttpFront(config: AppConfig, logger: AppLogger): Promise<number> {
  const { signingSecret } = config;
  if (!signingSecret) {
    logger.error('SLACK_SIGNING_SECRET is required in HTTP mode.');
    return 2;
  }
  const started = await CoachingLink.start((code) => {
    logger.error(
      `The coaching thread stopped unexpectedly (exit code ${code}); stopping so the app can be restarted.`,
    );
    process.exit(1);
  });
  if (!started.ok) return started.code;
  const { link } = started;
  const front = new AckFront({
    signingSecret,
    logger,
    forward: (request) => link.forward(request),
    health: () => link.health(),
  });
  let port: number;
  try {
    port = await front.start(config.port);
  } catch (error) {
    const inUse = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
    if (inUse) logger.error(`The port is already in use: set PORT to a free port. (${error.message})`);
    else logger.error('Could not listen for Slack requests:', error);
    await link.stop();
    return 1;
  }
  logger.info(`STAR Coach is listening on port ${port}: POST /slack/events, GET /healthz.`);
  onStopSignal(async (signal) => {
    logger.info(`${signal} received: stopping.`);
    await front.stop();
    await link.stop();
  });
  return 0;
}

const code = await main();
if (code !== 0) process.exit(code);
