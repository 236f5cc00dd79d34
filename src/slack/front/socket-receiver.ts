import { createServer, type Server } from 'node:http';
import type { Logger } from '@slack/bolt';
import type { SocketModeClient } from '@slack/socket-mode';
import type { ForwardedRequest, HealthReport } from './ack-front.ts';
import { ForwardedReceiver } from './forwarded-receiver.ts';
import type { SocketHealth } from './health.ts';

export interface SocketReceiverOptions {
  appToken: string;
  /** Slack's Web API base URL, where apps.connections.open is called. */
  apiUrl: string;
  logger: Logger;
  /** Records an envelope durably (the inbox); Slack gets its ack only once this resolves. */
  record: (request: ForwardedRequest) => Promise<void>;
  /** Called after a recorded envelope was acknowledged. */
  recorded: () => void;
  /** Answers GET /healthz on the HTTP port. */
  health: () => Promise<HealthReport>;
  clock: () => number;
}

/** Reconnection backoff: the first wait, doubled per failed attempt up to the cap (each with +-20% jitter). */
const RECONNECT_MIN_MS = 500;
const RECONNECT_MAX_MS = 5_000;

/**
 * Socket Mode, with the durable inbox in front of Bolt: each envelope is recorded before it is acknowledged, so an
 * envelope Slack saw acknowledged is never lost, and one that could not be recorded is left unacknowledged for
 * Slack to send again. (Bolt's own Socket Mode receiver acknowledges before the listeners run.) Listeners run
 * when the inbox drainer applies the request, through `dispatch`.
 *
 * Reconnecting is this receiver's job, not the client's: the client's own retries give up for good when
 * apps.connections.open fails for a while. Here every lost connection is retried with capped exponential
 * backoff until it succeeds or the app stops. The Socket Mode client gets its own Web API settings (no internal
 * retries), never the app's retryConfig. An HTTP listener answers GET /healthz.
 */
export class SocketReceiver extends ForwardedReceiver {
  private client: SocketModeClient | null = null;
  private server: Server | null = null;
  private connected = false;
  private lostAt: number | null = null;
  /** Set once the first connection is up; reconnecting starts only then. */
  private started = false;
  private stopping = false;
  private reconnecting = false;
  private wake: (() => void) | null = null;

  constructor(private readonly options: SocketReceiverOptions) {
    super(options.logger);
  }

  /** The Socket Mode client, loaded when the receiver starts (the package brings undici: HTTP mode never needs it). */
  private async connect(): Promise<SocketModeClient> {
    if (this.client) return this.client;
    const { options } = this;
    const { SocketModeClient } = await import('@slack/socket-mode');
    const client = new SocketModeClient({
      appToken: options.appToken,
      logger: options.logger,
      autoReconnectEnabled: false,
      clientOptions: { slackApiUrl: options.apiUrl, retryConfig: { retries: 0 }, timeout: 10_000 },
    });
    client.on('connected', () => {
      this.connected = true;
      this.lostAt = null;
      options.logger.info('Socket Mode connection open.');
    });
    client.on('disconnected', () => {
      if (this.connected) {
        this.connected = false;
        this.lostAt = options.clock();
        if (!this.stopping) options.logger.warn('Socket Mode connection lost: reconnecting.');
      }
      if (this.started && !this.stopping) void this.reconnect();
    });
    // The client logs WebSocket errors itself; a listener keeps the emitter from throwing them.
    client.on('error', () => undefined);
    client.on('slack_event', (event: SlackEnvelope) => void this.receive(event));
    this.client = client;
    return client;
  }

  socketHealth(): SocketHealth {
    return { connected: this.connected, lostAt: this.lostAt };
  }

  /** Listens for /healthz on `port`, then connects; a failure of the first connection is thrown. */
  override async start(port = 0): Promise<Server> {
    this.stopping = false;
    const server = createServer((req, res) => {
      if ((req.url ?? '').split('?')[0] === '/healthz' && req.method === 'GET') {
        void this.options.health().then((report) => {
          res.writeHead(report.status, { 'Content-Type': 'application/json' });
          res.end(JSON.stringify(report.body));
        });
        return;
      }
      res.writeHead(404).end();
    });
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => {
        server.off('error', reject);
        resolve();
      });
    });
    await (await this.connect()).start();
    this.started = true;
    return server;
  }

  override async stop(): Promise<void> {
    this.stopping = true;
    this.wake?.();
    await this.client?.disconnect().catch(() => undefined);
    const server = this.server;
    this.server = null;
    if (server?.listening) {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  private async receive(event: SlackEnvelope): Promise<void> {
    const request: ForwardedRequest = {
      body: event.body ?? {},
      ...(event.retry_num !== undefined ? { retryNum: event.retry_num } : {}),
      ...(event.retry_reason !== undefined ? { retryReason: event.retry_reason } : {}),
    };
    try {
      await this.options.record(request);
    } catch (error) {
      this.options.logger.error(
        `Recording envelope ${event.envelope_id} in the inbox failed (not acknowledged, so Slack sends it again):`,
        error,
      );
      return;
    }
    try {
      await event.ack();
    } catch (error) {
      // Recorded but the ack did not leave: Slack sends it again, and the inbox or the ledgers drop the copy.
      this.options.logger.warn(`Acknowledging envelope ${event.envelope_id} failed: ${String(error)}`);
    }
    this.options.recorded();
  }

  private async reconnect(): Promise<void> {
    if (this.reconnecting) return;
    this.reconnecting = true;
    try {
      for (let attempt = 0; !this.stopping && !this.connected; attempt++) {
        if (attempt > 0) {
          const wait =
            Math.min(RECONNECT_MAX_MS, RECONNECT_MIN_MS * 2 ** (attempt - 1)) * (0.8 + Math.random() * 0.4);
          await new Promise<void>((resolve) => {
            const timer = setTimeout(resolve, wait);
            this.wake = () => {
              clearTimeout(timer);
              resolve();
            };
          });
          this.wake = null;
          if (this.stopping) return;
        }
        try {
          await (await this.connect()).start();
        } catch (error) {
          this.options.logger.warn(
            `Socket Mode reconnection attempt ${attempt + 1} failed (${describe(error)}); trying again.`,
          );
        }
      }
    } finally {
      this.reconnecting = false;
    }
  }
}

interface SlackEnvelope {
  ack: (response?: Record<string, unknown>) => Promise<void>;
  envelope_id: string;
  body?: Record<string, unknown>;
  retry_num?: number;
  retry_reason?: string;
}

function describe(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
