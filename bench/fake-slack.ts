import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A local stand-in for Slack's Web API, for benchmarks: answers the methods the app calls and enforces
 * chat.postMessage's limits (about one message per second per channel, plus a workspace-wide rate),
 * answering 429 with Retry-After like Slack does.
 */
export interface FakeSlackOptions {
  /** chat.postMessage per second per workspace (the workspace is the bearer token). */
  workspacePerSecond: number;
  /** chat.postMessage per second per channel. */
  channelPerSecond: number;
}

class Bucket {
  private tokens: number;
  private last = performance.now();
  constructor(
    private readonly perSecond: number,
    private readonly capacity: number,
  ) {
    this.tokens = capacity;
  }
  /** Takes a token, or returns the seconds to wait for one. */
  take(): number {
    const now = performance.now();
    this.tokens = Math.min(this.capacity, this.tokens + ((now - this.last) / 1000) * this.perSecond);
    this.last = now;
    if (this.tokens >= 1) {
      this.tokens -= 1;
      return 0;
    }
    return (1 - this.tokens) / this.perSecond;
  }
}

function readBody(req: IncomingMessage): Promise<Record<string, string>> {
  return new Promise((resolve, reject) => {
    let raw = '';
    req.on('data', (c) => {
      raw += String(c);
    });
    req.on('end', () => {
      if ((req.headers['content-type'] ?? '').includes('json')) resolve(raw ? JSON.parse(raw) : {});
      else resolve(Object.fromEntries(new URLSearchParams(raw)));
    });
    req.on('error', reject);
  });
}

export class FakeSlack {
  readonly posts: { workspace: string; channel: string; threadTs?: string; text: string }[] = [];
  rateLimited = 0;
  calls = 0;
  private server: Server | undefined;
  private readonly workspaces = new Map<string, Bucket>();
  private readonly channels = new Map<string, Bucket>();
  private ts = 1_000_000;

  constructor(private readonly options: FakeSlackOptions) {}

  async start(): Promise<string> {
    this.server = createServer(async (req, res) => {
      this.calls++;
      const method = (req.url ?? '').replace(/^\/api\//, '').split('?')[0] ?? '';
      const body = await readBody(req);
      const workspace = String(req.headers.authorization ?? 'anonymous');
      const reply = (status: number, json: object, headers: Record<string, string> = {}) => {
        res.writeHead(status, { 'content-type': 'application/json', ...headers });
        res.end(JSON.stringify(json));
      };
      switch (method) {
        case 'auth.test':
          return reply(200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' });
        case 'conversations.open':
          return reply(200, { ok: true, channel: { id: `D${String(body.users ?? 'X')}` } });
        case 'users.info':
          return reply(200, { ok: true, user: { id: body.user, tz: 'Europe/London' } });
        case 'chat.postMessage': {
          const wait = Math.max(
            this.bucket(this.workspaces, workspace, this.options.workspacePerSecond).take(),
          );
          const channelWait =
            wait > 0
              ? 0
              : this.bucket(
                  this.channels,
                  `${workspace}:${body.channel}`,
                  this.options.channelPerSecond,
                ).take();
          const retry = Math.max(wait, channelWait);
          if (retry > 0) {
            this.rateLimited++;
            return reply(
              429,
              { ok: false, error: 'ratelimited' },
              { 'retry-after': String(Math.max(1, Math.ceil(retry))) },
            );
          }
          this.posts.push({
            workspace,
            channel: String(body.channel),
            threadTs: body.thread_ts,
            text: String(body.text ?? ''),
          });
          return reply(200, { ok: true, channel: body.channel, ts: `${this.ts++}.000100` });
        }
        default:
          return reply(200, { ok: true });
      }
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/api/`;
  }

  async stop(): Promise<void> {
    await new Promise((resolve) => this.server?.close(resolve));
  }

  private bucket(map: Map<string, Bucket>, key: string, perSecond: number): Bucket {
    let bucket = map.get(key);
    if (!bucket) {
      bucket = new Bucket(perSecond, Math.max(1, perSecond));
      map.set(key, bucket);
    }
    return bucket;
  }
}
