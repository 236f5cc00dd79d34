import { type AppConfig, loadConfig } from './config.ts';
import { loadDotEnv } from './env-file.ts';
import { AckFront } from './slack/front/ack-front.ts';
import { CoachingLink } from './slack/front/coaching-link.ts';
import { HEALTH_PROBE_USER, healthReport } from './slack/front/health.ts';
import { recordRequest } from './slack/front/inbound.ts';
import { lazyInstallRoutes } from './slack/front/lazy-install-routes.ts';
import { AppLogger } from './slack/logger.ts';
import { openFailure } from './store/open.ts';
import type { InboxFront } from './store/postgres/inbox-front.ts';
import { openSqliteStore } from './store/sqlite.ts';

/**
 * `npm start`: the Slack bot. Socket Mode (SLACK_APP_TOKEN set) runs in one thread. HTTP mode splits in two: the
 * main thread verifies Slack's requests, records them in the durable inbox and acknowledges them, and a worker
 * thread applies the inbox (the coaching), so an acknowledgement never waits behind a coaching turn. Both threads
 * open the same database: the SQLite file (WAL lets them), or PostgreSQL when DATABASE_URL is set.
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
  // The coaching thread has opened and migrated the database by now.
  let store: InboxFront;
  try {
    store = await openInboxFront(config);
  } catch (error) {
    logger.error(openFailure(config, error), error);
    await link.stop();
    return 1;
  }
  const front = new AckFront({
    signingSecret,
    logger,
    record: (request) => recordRequest(store, request, Date.now()),
    recorded: () => link.inboxChanged(),
    health: () =>
      healthReport({
        mode: 'http',
        databaseKind: config.databaseUrl ? 'postgres' : 'sqlite',
        probe: () => store.probe(),
        now: Date.now,
      }),
    ...(config.oauth ? { install: lazyInstallRoutes(config, config.oauth, logger) } : {}),
  });
  let port: number;
  try {
    port = await front.start(config.port);
  } catch (error) {
    const inUse = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
    if (inUse) logger.error(`The port is already in use: set PORT to a free port. (${error.message})`);
    else logger.error('Could not listen for Slack requests:', error);
    await link.stop();
    await store.close();
    return 1;
  }
  logger.info(
    `STAR Coach is listening on port ${port}: POST /slack/events, GET /healthz${config.oauth ? ', GET /slack/install, GET /slack/oauth_redirect (OAuth mode)' : ''}.`,
  );
  onStopSignal(async (signal) => {
    logger.info(`${signal} received: stopping.`);
    await front.stop();
    await link.stop();
    await store.close();
  });
  return 0;
}

/** The main thread's connection for recording requests: PostgreSQL (its own small pool) or the SQLite file. */
async function openInboxFront(config: AppConfig): Promise<InboxFront> {
  if (config.databaseUrl) {
    const { openPostgresInboxFront } = await import('./store/postgres/inbox-front.ts');
    return openPostgresInboxFront(config.databaseUrl);
  }
  const store = await openSqliteStore({ path: config.databasePath, acknowledgementPath: true });
  return {
    recordInbound: (request) => store.recordInbound(request),
    probe: () => store.getUser(HEALTH_PROBE_USER),
    close: () => store.close(),
  };
}

const code = await main();
if (code !== 0) process.exit(code);
