import { webApi } from '@slack/bolt';
import type { InstallationTokens } from './oauth/installation-tokens.ts';
import { type SlackApi, webClientApi } from './slack-api.ts';

/** How a workspace's calls reach Slack: `api` retries inside the client; `outbox` never does (see deliverer.ts). */
export type ClientKind = 'api' | 'outbox';

/**
 * Web API clients per workspace. With one workspace (SLACK_BOT_TOKEN) every workspace id gets the same two
 * clients, as before OAuth existed. In OAuth mode each workspace gets clients with its own installation's bot
 * token, refreshed first when it is about to expire; a client is kept while its token stays the same.
 */
export class WorkspaceClients {
  private readonly byWorkspace = new Map<
    string,
    { token: string; api: webApi.WebClient; outbox: webApi.WebClient }
  >();
  private readonly apis = new Map<string, SlackApi>();

  constructor(
    private readonly source:
      | { kind: 'single'; api: webApi.WebClient; outbox: webApi.WebClient }
      | {
          kind: 'oauth';
          tokens: InstallationTokens;
          options: webApi.WebClientOptions;
          outboxOptions: webApi.WebClientOptions;
        },
  ) {}

  /** The client for a workspace's calls; throws NotInstalledError or TokenRefreshError in OAuth mode. */
  async client(workspaceId: string, kind: ClientKind = 'api'): Promise<webApi.WebClient> {
    const { source } = this;
    if (source.kind === 'single') return source[kind];
    const installation = await source.tokens.installation({
      teamId: workspaceId,
      enterpriseId: null,
      isEnterpriseInstall: false,
    });
    const token = installation.bot.token;
    let entry = this.byWorkspace.get(workspaceId);
    if (entry?.token !== token) {
      entry = {
        token,
        api: new webApi.WebClient(token, source.options),
        outbox: new webApi.WebClient(token, source.outboxOptions),
      };
      this.byWorkspace.set(workspaceId, entry);
    }
    return entry[kind];
  }

  /** The app's Web API calls in one workspace (one instance per workspace, so its DM cache is that workspace's). */
  slackFor(workspaceId: string, kind: ClientKind = 'api'): SlackApi {
    const cacheKey = `${kind}\u0000${workspaceId}`;
    let api = this.apis.get(cacheKey);
    if (!api) {
      api = webClientApi(() => this.client(workspaceId, kind));
      this.apis.set(cacheKey, api);
    }
    return api;
  }

  /** The workspace left: its clients and cached DM channel ids go. */
  forget(workspaceId: string): void {
    this.byWorkspace.delete(workspaceId);
    for (const kind of ['api', 'outbox'] as const) {
      this.apis.get(`${kind}\u0000${workspaceId}`)?.forgetDm();
      this.apis.delete(`${kind}\u0000${workspaceId}`);
    }
  }
}
