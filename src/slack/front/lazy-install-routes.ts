import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from '@slack/logger';
import type { AppConfig, OAuthConfig } from '../../config.ts';
import { openStore } from '../../store/open.ts';
import type { InstallRoutes } from '../oauth/install-routes.ts';

const DEFAULT_API_URL = 'https://slack.com/api/';

/**
 * The install routes, served on the main thread but loaded on the first install request: @slack/oauth and its
 * own store on the database (SQLite or PostgreSQL, with the encryption key; on SQLite with the normal busy wait,
 * unlike the connection that records Slack's requests) cost the acknowledgement path nothing until someone installs. Installs are rare
 * and each is one browser round trip, so forwarding them to the coaching thread would only add a hop.
 */
export function lazyInstallRoutes(config: AppConfig, oauth: OAuthConfig, logger: Logger): InstallRoutes {
  let loading: Promise<InstallRoutes> | null = null;
  const routes = () => {
    loading ??= (async () => {
      const { createInstallRoutes } = await import('../oauth/install-routes.ts');
      const { store } = await openStore(config, { tokenKey: oauth.tokenKey });
      return createInstallRoutes({
        oauth,
        apiUrl: config.slackApiUrl ?? DEFAULT_API_URL,
        installations: store.installations,
        logger,
        clock: Date.now,
      });
    })().catch((error: unknown) => {
      loading = null;
      throw error;
    });
    return loading;
  };
  return {
    install: async (req: IncomingMessage, res: ServerResponse) => (await routes()).install(req, res),
    redirect: async (req: IncomingMessage, res: ServerResponse) => (await routes()).redirect(req, res),
  };
}
