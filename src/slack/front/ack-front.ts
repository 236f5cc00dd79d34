import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
// Bolt's request helpers alone (Bolt 5 has no exports map): this thread never loads the rest of Bolt.
import * as http from '@slack/bolt/dist/receivers/HTTPModuleFunctions.js';
import type { Logger } from '@slack/logger';

/** A verified Slack request, as the coaching thread receives it. */
export interface ForwardedRequest {
  body: Record<string, unknown>;
  retryNum?: number;
  retryReason?: string;
}

export interface HealthReport {
  status: number;
  body: object;
}

export interface AckFrontOptions {
  signingSecret: string;
  logger: Logger;
  /** Records a verified request durably (the inbox); Slack gets its 200 only once this resolves. */
  record: (request: ForwardedRequest) => Promise<void>;
  /** Called after a recorded request was acknowledged: the coaching side has work. */
  recorded: () => void;
  /** Answers GET /healthz. */
  health: () => Promise<HealthReport>;
  /** Largest accepted body; Slack's payloads are far smaller. */
  bodyLimit?: number;
  /** OAuth mode: GET /slack/install and GET /slack/oauth_redirect (see src/slack/oauth/install-routes.ts). */
  install?: {
    install(req: IncomingMessage, res: ServerResponse): Promise<void>;
    redirect(req: IncomingMessage, res: ServerResponse): Promise<void>;
  };
}

export const EVENTS_PATH = '/slack/events';
export const INSTALL_PATH = '/slack/install';
export const REDIRECT_PATH = '/slack/oauth_redirect';

/**
 * The HTTP side of the app, on the main thread: it verifies each request's Slack signature, answers Slack's
 * checks, records everything else in the durable inbox and only then acknowledges it; the coaching thread, where
 * Bolt's listeners run, applies the inbox. Every listener of this app acknowledges with an empty body before it
 * works, so acknowledging here changes nothing Slack sees, and the acknowledgement never waits behind a coaching
 * turn or a post. If the inbox cannot be written, Slack gets a 500 and sends the request again.
 * Status codes follow Bolt's HTTPReceiver: 401 unverified, 400 unreadable, 413 too large, 404 elsewhere.
 */
export class AckFront {
  private server: Server | undefined;

  constructor(private readonly options: AckFrontOptions) {}

  async start(port: number): Promise<number> {
    const server = createServer((req, res) => this.route(req, res));
    this.server = server;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(port, () => {
        server.off('error', reject);
        resolve();
      });
    });
    return (server.address() as AddressInfo).port;
  }

  /** Stops accepting connections and waits for open requests to finish. */
  async stop(): Promise<void> {
    const server = this.server;
    if (!server?.listening) return;
    server.closeIdleConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private route(req: IncomingMessage, res: ServerResponse): void {
    const path = (req.url ?? '').split('?')[0];
    if (path === EVENTS_PATH && req.method === 'POST') {
      void this.receive(req, res).catch((error: unknown) => {
        this.options.logger.error('Receiving a Slack request failed:', error);
        if (!res.headersSent) http.buildNoBodyResponse(res, 500);
      });
      return;
    }
    if (path === '/healthz' && req.method === 'GET') {
      void this.options.health().then(
        (report) => reply(res, report.status, report.body),
        () => reply(res, 503, { status: 'unavailable' }),
      );
      return;
    }
    const { install } = this.options;
    if (install && req.method === 'GET' && (path === INSTALL_PATH || path === REDIRECT_PATH)) {
      const handle = path === INSTALL_PATH ? install.install : install.redirect;
      void handle(req, res).catch((error: unknown) => {
        this.options.logger.error(`Serving ${path} failed:`, error);
        if (res.headersSent) return void res.end();
        res.writeHead(500, { 'Content-Type': 'text/plain; charset=utf-8' });
        res.end('STAR Coach could not complete this step. Try again from /slack/install in a moment.\n');
      });
      return;
    }
    http.buildNoBodyResponse(res, 404);
  }

  private async receive(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const { logger } = this.options;
    let buffered: Awaited<ReturnType<typeof http.parseAndVerifyHTTPRequest>>;
    try {
      buffered = await http.parseAndVerifyHTTPRequest(
        {
          signingSecret: this.options.signingSecret,
          bodyLimit: this.options.bodyLimit ?? http.defaultBodyLimit,
        },
        req,
      );
    } catch (error) {
      if (http.isRawBodyError(error) && (error.type === 'entity.too.large' || error.statusCode === 413)) {
        logger.warn(`Request body exceeded the maximum allowed size (limit: ${error.limit} bytes)`);
        return http.buildNoBodyResponse(res, 413);
      }
      logger.warn(`Failed to parse and verify the request data: ${(error as Error).message}`);
      return http.buildNoBodyResponse(res, 401);
    }
    let body: unknown;
    try {
      body = http.parseHTTPRequestBody(buffered);
    } catch (error) {
      logger.warn(`Malformed request body: ${(error as Error).message}`);
      return http.buildNoBodyResponse(res, 400);
    }
    if (typeof body !== 'object' || body === null || Array.isArray(body)) {
      logger.warn('Ignored a signed request whose body is not an object.');
      return http.buildNoBodyResponse(res, 400);
    }
    const fields = body as Record<string, unknown>;
    if (fields.ssl_check === '1') return http.buildSSLCheckResponse(res);
    if (fields.type === 'url_verification') return http.buildUrlVerificationResponse(res, fields);
    const retryNum = http.extractRetryNumFromHTTPRequest(req);
    const retryReason = http.extractRetryReasonFromHTTPRequest(req);
    try {
      await this.options.record({
        body: fields,
        ...(retryNum !== undefined ? { retryNum } : {}),
        ...(retryReason !== undefined ? { retryReason } : {}),
      });
    } catch (error) {
      logger.error(
        'Recording a Slack request in the inbox failed (answered 500, so Slack sends it again):',
        error,
      );
      return http.buildNoBodyResponse(res, 500);
    }
    http.buildNoBodyResponse(res, 200);
    this.options.recorded();
  }
}

function reply(res: ServerResponse, status: number, body: object): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}
