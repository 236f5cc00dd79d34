import type { AppConfig } from './config.ts';
import { ContentError, loadContent } from './content/load.ts';
import { UnknownPackError, withDefaultPack } from './content/packs.ts';
import { createSlackApp, type SlackApp, StartupError } from './slack/app.ts';
import type { ForwardedReceiver } from './slack/front/forwarded-receiver.ts';
import type { AppLogger } from './slack/logger.ts';
import { describeDatabase, openFailure, openStore } from './store/open.ts';
import type { Store } from './store/types.ts';

export type Booted = { ok: true; slack: SlackApp; close(): Promise<void> } | { ok: false; code: number };

/**
 * Loads the question bank, opens the database and starts the Slack app. Failures are logged in words meant for
 * the person running the app, and come back as an exit code: 2 for bad configuration or content, 1 otherwise.
 */
export async function boot(
  config: AppConfig,
  logger: AppLogger,
  forwarded?: ForwardedReceiver,
): Promise<Booted> {
  let bank: ReturnType<typeof loadContent>;
  try {
    bank = withDefaultPack(loadContent(), config.defaultPack);
  } catch (error) {
    if (!(error instanceof ContentError || error instanceof UnknownPackError)) throw error;
    logger.error(error.message);
    return { ok: false, code: 2 };
  }

  let store: Store;
  let databaseKind: Awaited<ReturnType<typeof openStore>>['kind'];
  try {
    ({ store, kind: databaseKind } = await openStore(config, { tokenKey: config.oauth?.tokenKey ?? null }));
  } catch (error) {
    logger.error(openFailure(config, error), error);
    return { ok: false, code: 1 };
  }
  logger.info(`Database open: ${describeDatabase(config)}.`);
  if (config.oauth) logger.info('OAuth mode: each workspace uses the tokens of its own installation.');
  const slack = createSlackApp({
    config,
    store,
    databaseKind,
    bank,
    clock: Date.now,
    logger,
    ...(forwarded ? { forwarded } : {}),
  });
  const close = async () => {
    await slack.stop();
    await store.close();
  };
  try {
    await slack.start(config.port);
    return { ok: true, slack, close };
  } catch (error) {
    if (error instanceof StartupError) logger.error(error.message);
    else logger.error('Start-up failed:', error);
    await close();
    return { ok: false, code: 1 };
  }
}
