import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { hostname } from 'node:os';
import type { AuthorizeSourceData, Logger } from '@slack/bolt';
import type { AppConfig, OAuthConfig } from '../config.ts';
import type { ContentBank } from '../content/load.ts';
import { loadLanguageModel } from '../rubric/index.ts';
import { DailyScheduler } from '../schedule/scheduler.ts';
import { SpacedNudger } from '../schedule/spaced-nudger.ts';
import { PracticeService } from '../service/practice-service.ts';
import type { Store } from '../store/types.ts';
import { describeApiError } from './api-errors.ts';
import { App, HTTPReceiver, type WebClientOptions, webApi } from './bolt.ts';
import type { CoachDeps } from './coach.ts';
import { slackPromptPoster } from './daily-poster.ts';
import { type DeliveryOptions, OutboxDeliverer } from './deliverer.ts';
import { EventGate } from './event-gate.ts';
import type { HealthReport } from './front/ack-front.ts';
import type { ForwardedReceiver } from './front/forwarded-receiver.ts';
import { type DatabaseKind, HEALTH_PROBE_USER, healthReport } from './front/health.ts';
import { recordRequest } from './front/inbound.ts';
import { InboxDrainer } from './front/inbox-drainer.ts';
import { SocketReceiver } from './front/socket-receiver.ts';
import { registerActions } from './listeners/actions/index.ts';
import { registerCommands } from './listeners/commands/index.ts';
import { registerEvents } from './listeners/events/index.ts';
import { AppLogger } from './logger.ts';
import { InstallationTokens } from './oauth/installation-tokens.ts';
import { RequestFirst } from './request-first.ts';
import { RetentionJob } from './retention.ts';
import { slackNudgeOutlet } from './spaced.ts';
import { WorkspaceClients } from './workspace-clients.ts';

export type SlackAppConfig = Pick<
  AppConfig,
  | 'botToken'
  | 'signingSecret'
  | 'appToken'
  | 'slackApiUrl'
  | 'botId'
  | 'botUserId'
  | 'logLevel'
  | 'port'
  | 'retentionDays'
  | 'oauth'
>;

export interface SlackAppDeps {
  config: SlackAppConfig;
  store: Store;
  bank: ContentBank;
  clock: () => number;
  logger?: Logger;
  /** Merged over the app's Web API client settings (tests: `{ retryConfig: { retries: 0 } }`). */
  clientOptions?: WebClientOptions;
  newId?: () => string;
  delivery?: Partial<DeliveryOptions>;
  /** How often the daily-prompt scheduler looks for due prompts; 0 turns it off (tests drive it directly). */
  dailyIntervalMs?: number;
  /** How often spaced re-practice nudges are looked for; 0 turns it off (tests drive it directly). */
  nudgeIntervalMs?: number;
  /**
   * HTTP mode only: requests arrive already verified, recorded in the inbox and acknowledged by the HTTP front on
   * the main thread (see src/slack/front/), instead of through Bolt's own HTTP server.
   */
  forwarded?: ForwardedReceiver;
  /** Which database the store is, for /healthz. */
  databaseKind?: DatabaseKind;
}

export interface SlackApp {
  app: App;
  /** Verifies the token, starts receiving, starts delivery. Returns the HTTP port (health check in Socket Mode). */
  start(port?: number): Promise<number>;
  stop(): Promise<void>;
  deliverer: OutboxDeliverer;
  service: PracticeService;
  scheduler: DailyScheduler;
  nudger: SpacedNudger;
  /** Each workspace's Web API clients (one set with SLACK_BOT_TOKEN; per installation in OAuth mode). */
  clients: WorkspaceClients;
  /** OAuth mode: installations with fresh tokens; null with one workspace. */
  tokens: InstallationTokens | null;
  mode: 'http' | 'socket' | 'forwarded';
  /**
   * Applies the durable inbox (Socket Mode, and HTTP mode behind the front); null in the in-process HTTP mode,
   * where Bolt's own receiver runs the listeners directly.
   */
  inbox: InboxDrainer | null;
  /** What GET /healthz answers. */
  health(): Promise<HealthReport>;
}

/** A start-up failure with a message meant for the person running the app. */
export class StartupError extends Error {
  override name = 'StartupError';
}

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';
const EVENT_RETENTION_MS = 7 * 24 * 60 * 60 * 1000;
const HOUSEKEEPING_INTERVAL_MS = 60 * 60 * 1000;
const DAILY_INTERVAL_MS = 30_000;
const NUDGE_INTERVAL_MS = 60_000;

function explainStartupFailure(error: unknown, what: string, apiUrl: string): StartupError {
  if (error instanceof webApi.WebAPIRequestError) {
    const cause = error.original.cause;
    const code = cause instanceof Error && 'code' in cause ? `: ${String(cause.code)}` : '';
    return new StartupError(
      `Cannot reach Slack's Web API at ${apiUrl} (${error.original.message}${code}). Check the network connection, or SLACK_API_URL if you use a proxy or GovSlack.`,
    );
  }
  if (error instanceof webApi.WebAPIPlatformError) {
    const code = String(error.data.error);
    return new StartupError(
      `Slack rejected ${what} (${code}). Copy it again from your Slack app's settings; see "Connecting Slack" in README.md.`,
    );
  }
  if (error instanceof Error && 'code' in error && error.code === 'EADDRINUSE') {
    return new StartupError(`The port is already in use: set PORT to a free port. (${error.message})`);
  }
  if (error instanceof webApi.WebAPIHTTPError) {
    return new StartupError(
      `Slack's Web API at ${apiUrl} answered HTTP ${error.statusCode}; try again shortly.`,
    );
  }
  return new StartupError(`Could not start the Slack app: ${describeApiError(error)}`);
}

function healthRoute(health: () => Promise<HealthReport>) {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_req: IncomingMessage, res: ServerResponse) => {
      void health().then((report) => {
        res.writeHead(report.status, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(report.body));
      });
    },
  };
}

/** Exchanges a refresh token for new tokens at oauth.v2.access (token rotation). */
function refreshGrant(client: InstanceType<typeof webApi.WebClient>, oauth: OAuthConfig) {
  return async (refreshToken: string) => {
    const result = await client.oauth.v2.access({
      client_id: oauth.clientId,
      client_secret: oauth.clientSecret,
      grant_type: 'refresh_token',
      refresh_token: refreshToken,
    });
    if (!result.access_token || !result.refresh_token || result.expires_in === undefined) {
      throw new Error('oauth.v2.access answered a refresh without new tokens');
    }
    return {
      accessToken: result.access_token,
      refreshToken: result.refresh_token,
      expiresInS: result.expires_in,
    };
  };
}

/** Builds the Bolt app with its listeners and the outbox deliverer; nothing is shared between instances. */
export function createSlackApp(deps: SlackAppDeps): SlackApp {
  const { config, store, bank, clock } = deps;
  const logger = deps.logger ?? new AppLogger(config.logLevel);
  const apiUrl = config.slackApiUrl ?? DEFAULT_SLACK_API_URL;
  const clientOptions: WebClientOptions = {
    slackApiUrl: apiUrl,
    // The deliverer honours Retry-After itself, per channel, instead of the client pausing every call.
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 4000 },
    timeout: 15_000,
    ...deps.clientOptions,
  };
  const knownBot =
    config.botId && config.botUserId ? { botId: config.botId, botUserId: config.botUserId } : null;
  const mode = config.appToken ? 'socket' : deps.forwarded ? 'forwarded' : 'http';
  const holder = `${hostname()}:${process.pid}:${randomUUID()}`;
  const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));
  const oauth = config.oauth ?? null;
  const tokens = oauth
    ? new InstallationTokens({
        store: store.installations,
        refresh: refreshGrant(new webApi.WebClient(undefined, { ...clientOptions, logger }), oauth),
        // Slack's expiry is real time, whatever clock the coaching runs on.
        clock: Date.now,
        sleep,
        holder,
        logger,
      })
    : null;
  const linked = new Set<string>();
  const authorization = tokens
    ? {
        // Every event, command and action runs with its own workspace's token (refreshed first if expiring).
        authorize: async (source: AuthorizeSourceData<boolean>) => {
          const installation = await tokens.installation({
            teamId: source.teamId ?? null,
            enterpriseId: source.enterpriseId ?? null,
            isEnterpriseInstall: source.isEnterpriseInstall,
          });
          const { teamId, enterpriseId } = source;
          if (installation.isEnterpriseInstall && teamId && enterpriseId && !linked.has(teamId)) {
            await store.installations.linkWorkspace(teamId, enterpriseId);
            linked.add(teamId);
          }
          return {
            botToken: installation.bot.token,
            botUserId: installation.bot.userId,
            ...(installation.bot.id ? { botId: installation.bot.id } : {}),
            ...(teamId ? { teamId } : {}),
            ...(enterpriseId ? { enterpriseId } : {}),
          };
        },
      }
    : { token: config.botToken ?? undefined };
  const common = {
    ...authorization,
    logger,
    // Without this Bolt resets any logger it is given to INFO, and LOG_LEVEL=debug would log nothing more.
    logLevel: logger.getLevel(),
    clientOptions,
    // auth.test runs in start(), where a failure can be reported clearly, not in the constructor.
    deferInitialization: true,
    tokenVerificationEnabled: knownBot === null && !tokens,
    // Conversation state lives in the database; Bolt's in-memory conversation store would only cost time per request.
    convoStore: false as const,
    ...(knownBot ?? {}),
  };
  let socket: SocketReceiver | null = null;
  const health = () => {
    const listening = socket;
    return healthReport({
      mode: mode === 'socket' ? 'socket' : 'http',
      databaseKind: deps.databaseKind ?? 'sqlite',
      probe: () => store.getUser(HEALTH_PROBE_USER),
      ...(listening ? { socket: () => listening.socketHealth() } : {}),
      now: clock,
    });
  };
  let inbox: InboxDrainer | null = null;
  let app: App;
  if (config.appToken) {
    socket = new SocketReceiver({
      appToken: config.appToken,
      apiUrl,
      logger,
      record: (request) => recordRequest(store, request, clock()),
      recorded: () => inbox?.kick(),
      health,
      clock,
    });
    app = new App({ ...common, receiver: socket });
  } else if (deps.forwarded) {
    app = new App({ ...common, receiver: deps.forwarded });
  } else {
    if (!config.signingSecret) throw new StartupError('SLACK_SIGNING_SECRET is required in HTTP mode.');
    const receiver = new HTTPReceiver({
      signingSecret: config.signingSecret,
      customRoutes: [healthRoute(health)],
      logger,
    });
    app = new App({ ...common, receiver });
  }
  const receiver = socket ?? deps.forwarded;
  if (receiver) {
    inbox = new InboxDrainer({
      inbox: store,
      apply: (request) => receiver.dispatch(request),
      logger,
      beforeSuspect: loadLanguageModel,
    });
  }
  app.error(async (error) => {
    logger.error(`Unhandled error in a listener: ${describeApiError(error.original ?? error)}`);
  });

  // The deliverer retries outbox posts itself, after looking for the copy an unanswered attempt may have left in
  // Slack; a retry inside the client would post that copy twice.
  const outboxOptions = {
    ...clientOptions,
    logger,
    logLevel: logger.getLevel(),
    retryConfig: { retries: 0 },
  };
  const clients = new WorkspaceClients(
    tokens
      ? {
          kind: 'oauth',
          tokens,
          options: { ...clientOptions, logger, logLevel: logger.getLevel() },
          outboxOptions,
        }
      : {
          kind: 'single',
          api: app.client,
          outbox: new webApi.WebClient(config.botToken ?? undefined, outboxOptions),
        },
  );
  const requestFirst = new RequestFirst();
  const afterPendingRequests = () => requestFirst.turn();
  const service = new PracticeService({ store, bank, clock, newId: deps.newId ?? randomUUID });
  const deliverer = new OutboxDeliverer({
    store,
    post: (channel, message, outboxId, workspaceId) =>
      clients.slackFor(workspaceId, 'outbox').post(channel, message, outboxId),
    alreadyPosted: (channel, outboxId, since, workspaceId) =>
      clients.slackFor(workspaceId).postedFromOutbox(channel, outboxId, since),
    // In OAuth mode a workspace without a usable token waits (backoff) while the others' messages go out.
    ...(tokens
      ? { prepare: async (workspaceId: string) => void (await clients.client(workspaceId, 'outbox')) }
      : {}),
    afterPendingRequests,
    logger,
    ...(deps.delivery ? { options: deps.delivery } : {}),
  });
  const scheduler = new DailyScheduler({
    daily: store.daily,
    bank,
    poster: slackPromptPoster(clients),
    clock,
    sleep,
    logger,
    holder,
  });
  const coach: CoachDeps = {
    service,
    store,
    bank,
    clock,
    logger,
    slackFor: (workspaceId) => clients.slackFor(workspaceId),
    forgetWorkspaceClients: (workspaceId) => clients.forget(workspaceId),
    deliverer,
    afterPendingRequests,
    gate: new EventGate(store, clock),
    scheduler,
    ...(config.botUserId ? { botUserId: config.botUserId } : {}),
  };
  const nudger = new SpacedNudger({
    store,
    principleIds: bank.principles.map((p) => p.id),
    outlet: slackNudgeOutlet(coach),
    clock,
    logger,
  });
  registerCommands(app, coach);
  registerEvents(app, coach);
  registerActions(app, coach);

  const retention = new RetentionJob({ store, clock, logger, retentionDays: config.retentionDays ?? null });
  let housekeeping: NodeJS.Timeout | null = null;
  const pruneEvents = () =>
    store.pruneEvents(clock() - EVENT_RETENTION_MS).then(
      (removed) => logger.debug(`Pruned ${removed} old event ids.`),
      (error: unknown) => logger.error('Pruning old event ids failed:', error),
    );

  return {
    app,
    service,
    deliverer,
    scheduler,
    nudger,
    clients,
    tokens,
    mode,
    inbox,
    health,
    async start(port = config.port) {
      try {
        await app.init();
      } catch (error) {
        throw explainStartupFailure(error, 'SLACK_BOT_TOKEN', apiUrl);
      }
      let listening = port;
      try {
        const started = await app.start(port);
        if (mode !== 'forwarded') listening = (started.address() as AddressInfo).port;
      } catch (error) {
        throw explainStartupFailure(error, mode === 'socket' ? 'SLACK_APP_TOKEN' : 'the HTTP server', apiUrl);
      }
      inbox?.start();
      deliverer.start();
      retention.start();
      const dailyInterval = deps.dailyIntervalMs ?? DAILY_INTERVAL_MS;
      if (dailyInterval > 0) scheduler.start(dailyInterval);
      const nudgeInterval = deps.nudgeIntervalMs ?? NUDGE_INTERVAL_MS;
      if (nudgeInterval > 0) nudger.start(nudgeInterval);
      void pruneEvents();
      housekeeping = setInterval(pruneEvents, HOUSEKEEPING_INTERVAL_MS);
      housekeeping.unref();
      if (mode === 'socket') {
        logger.info(`STAR Coach is running in Socket Mode (health check on port ${listening}).`);
      } else if (mode === 'http') {
        logger.info(`STAR Coach is listening on port ${listening}: POST /slack/events, GET /healthz.`);
      } else logger.info('Coaching thread ready.');
      return listening;
    },
    async stop() {
      if (housekeeping) clearInterval(housekeeping);
      housekeeping = null;
      await inbox?.stop();
      await scheduler.stop();
      await nudger.stop();
      await retention.stop();
      await deliverer.stop();
      await app.stop().catch((error: unknown) => logger.debug('Stopping the receiver:', error));
    },
  };
}
