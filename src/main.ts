import type { AppConfig } from './config.ts';
import { loadDotEnv } from './env-file.ts';
import type { LinkStart } from './slack/front/coaching-link.ts';
import type { AppLogger } from './slack/logger.ts';
import type { InboxFront } from './store/postgres/inbox-front.ts';

/**
 * `npm start`: the Slack bot. Socket Mode (SLACK_APP_TOKEN set) runs in one thread. HTTP mode splits in two: the
 * main thread verifies Slack's requests, records them in the durable inbox and acknowledges them, and a worker
 * thread applies the inbox (the coaching), so an acknowledgement never waits behind a coaching turn. On SQLite the
 * inbox has a file of its own (see inboxPathFor), so the two threads never wait for each other's write lock; on
 * PostgreSQL (DATABASE_URL) this thread records into the shared database through a small pool of its own.
 *
 * Modules are imported where they are needed: in HTTP mode the coaching thread starts first, before this thread
 * loads anything else, and the two threads boot side by side.
 */
async function main(): Promise<number> {
  loadDotEnv();
  const socketMode = (process.env.SLACK_APP_TOKEN ?? '').trim() !== '';
  // Started before the configuration is checked: the coaching thread checks it too, and stays silent about it.
  const coaching = socketMode ? null : startCoaching();
  const { loadConfig } = await import('./config.ts');
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(`${loaded.message}\n`);
    return 2;
  }
  const { config } = loaded;
  const { AppLogger } = await import('./slack/logger.ts');
  const logger = new AppLogger(config.logLevel);
  // Last line of defence: log (tokens redacted) and keep serving other users.
  process.on('unhandledRejection', (reason) => logger.error('Unhandled promise rejection:', reason));
  return coaching ? runHttpFront(config, logger, coaching) : runInOneThread(config, logger);
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
  const { boot } = await import('./boot.ts');
  const booted = await boot(config, logger);
  if (!booted.ok) return booted.code;
  onStopSignal(async (signal) => {
    logger.info(`${signal} received: stopping.`);
    await booted.close();
  });
  return 0;
}

async function startCoaching(): Promise<LinkStart> {
  const { CoachingLink } = await import('./slack/front/coaching-link.ts');
  return CoachingLink.start((code) => {
    process.stderr.write(
      `The coaching thread stopped unexpectedly (exit code ${code}); stopping so the app can be restarted.\n`,
    );
    process.exit(1);
  });
}

/**
 * Listens, and records and acknowledges requests, while the coaching thread is still starting (what arrives
 * waits in the inbox); /healthz answers 503 until the coaching thread is ready (question bank loaded, migrations
 * applied, inbox applying).
 */
async function runHttpFront(
  config: AppConfig,
  logger: AppLogger,
  coaching: Promise<LinkStart>,
): Promise<number> {
  const { signingSecret } = config;
  if (!signingSecret) {
    logger.error('SLACK_SIGNING_SECRET is required in HTTP mode.');
    return 2;
  }
  const [{ AckFront }, { healthReport }, { recordRequest }, { openFailure }] = await Promise.all([
    import('./slack/front/ack-front.ts'),
    import('./slack/front/health.ts'),
    import('./slack/front/inbound.ts'),
    import('./store/open.ts'),
  ]);
  const stopCoaching = async () => {
    const started = await coaching;
    if (started.ok) await started.link.stop();
  };
  let inbox: InboxFront;
  try {
    inbox = await openInboxFront(config);
  } catch (error) {
    logger.error(openFailure(config, error), error);
    await stopCoaching();
    return 1;
  }
  let link: Extract<LinkStart, { ok: true }>['link'] | null = null;
  const front = new AckFront({
    signingSecret,
    logger,
    record: (request) => recordRequest(inbox, request, Date.now()),
    recorded: () => link?.inboxChanged(),
    health: () =>
      healthReport({
        mode: 'http',
        databaseKind: config.databaseUrl ? 'postgres' : 'sqlite',
        probe: () => inbox.probe(),
        ready: () => link !== null,
        now: Date.now,
      }),
    ...(config.oauth ? { install: await installRoutes(config, logger) } : {}),
  });
  let port: number;
  try {
    port = await front.start(config.port);
  } catch (error) {
    const inUse = error instanceof Error && 'code' in error && error.code === 'EADDRINUSE';
    if (inUse) logger.error(`The port is already in use: set PORT to a free port. (${error.message})`);
    else logger.error('Could not listen for Slack requests:', error);
    await stopCoaching();
    await inbox.close();
    return 1;
  }
  const started = await coaching;
  if (!started.ok) {
    await front.stop();
    await inbox.close();
    return started.code;
  }
  link = started.link;
  // Whatever was recorded while the coaching thread started.
  link.inboxChanged();
  logger.info(
    `STAR Coach is listening on port ${port}: POST /slack/events, GET /healthz${config.oauth ? ', GET /slack/install, GET /slack/oauth_redirect (OAuth mode)' : ''}.`,
  );
  onStopSignal(async (signal) => {
    logger.info(`${signal} received: stopping.`);
    await front.stop();
    await started.link.stop();
    await inbox.close();
  });
  return 0;
}

/** The main thread's connection for recording requests: PostgreSQL (its own small pool) or the inbox file. */
async function openInboxFront(config: AppConfig): Promise<InboxFront> {
  if (config.databaseUrl) {
    const { openPostgresInboxFront } = await import('./store/postgres/inbox-front.ts');
    return openPostgresInboxFront(config.databaseUrl);
  }
  const { inboxPathFor, openSqliteInbox } = await import('./store/sqlite-inbox.ts');
  const inbox = await openSqliteInbox({ path: inboxPathFor(config.databasePath), acknowledgementPath: true });
  return {
    recordInbound: (request) => inbox.record(request),
    probe: async () => inbox.size(),
    close: () => inbox.close(),
  };
}

/** OAuth mode's install pages, loaded on the first install request. */
async function installRoutes(config: AppConfig, logger: AppLogger) {
  const { lazyInstallRoutes } = await import('./slack/front/lazy-install-routes.ts');
  return lazyInstallRoutes(config, config.oauth!, logger);
}

const code = await main();
if (code !== 0) process.exit(code);
