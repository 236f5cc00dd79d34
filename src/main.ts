import { loadConfig } from './config.ts';
import { ContentError, loadContent } from './content/load.ts';
import { loadDotEnv } from './env-file.ts';
import { createSlackApp, StartupError } from './slack/app.ts';
import { AppLogger } from './slack/logger.ts';
import { openSqliteStore } from './store/sqlite.ts';

/** `npm start`: the Slack bot (Socket Mode with SLACK_APP_TOKEN, HTTP otherwise). */
async function main(): Promise<number> {
  loadDotEnv();
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(`${loaded.message}\n`);
    return 2;
  }
  const { config } = loaded;
  const logger = new AppLogger(config.logLevel);

  let bank: ReturnType<typeof loadContent>;
  try {
    bank = loadContent();
  } catch (error) {
    if (!(error instanceof ContentError)) throw error;
    logger.error(error.message);
    return 2;
  }

  let store: Awaited<ReturnType<typeof openSqliteStore>>;
  try {
    store = await openSqliteStore({ path: config.databasePath });
  } catch (error) {
    logger.error(`Cannot open the database at ${config.databasePath} (DATABASE_PATH):`, error);
    return 1;
  }
  logger.info(`Database open at ${config.databasePath}.`);
  const slack = createSlackApp({ config, store, bank, clock: Date.now, logger });

  // Last line of defence: log (tokens redacted) and keep serving other users.
  process.on('unhandledRejection', (reason) => logger.error('Unhandled promise rejection:', reason));

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`${signal} received: stopping.`);
    await slack.stop();
    await store.close();
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  try {
    await slack.start(config.port);
    return 0;
  } catch (error) {
    if (error instanceof StartupError) logger.error(error.message);
    else logger.error('Start-up failed:', error);
    await slack.stop();
    await store.close();
    return 1;
  }
}

const code = await main();
if (code !== 0) process.exit(code);
