import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FakeSocketMode } from '../helpers/fake-socket-mode.ts';

export interface PostedToSlack {
  channel: string;
  text: string;
  blocks: unknown[];
  /** The message metadata posted with it (outbox posts carry their outbox id). */
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
  ts: string;
  /** Which app instance posted it, when each has its own API URL (`apiUrlFor`). */
  instance?: string;
}

/** A post whose answer Slack withholds: the connection stays open until the app instance that made it dies. */
export interface HeldPost {
  instance: string | undefined;
  channel: string;
  /** Whether the post reached the channel before the answer was withheld. */
  tookEffect: boolean;
}

/**
 * A local Slack for the app running as a child process: the Web API methods the app calls, plus response_url.
 * With a storm set, every Nth Web API call fails, alternately 429 with Retry-After and a 5xx, without taking
 * effect (as Slack does when it refuses a call); `calm()` ends the storm. With `loseAnswers(n)`, every Nth post
 * takes effect but its connection is dropped before the answer, as when a network fails after Slack accepted.
 * conversations.history returns a channel's posts with their metadata. With `holdNextPost`, the next matching post
 * gets no answer at all (taking effect or not first), so a test can kill the instance that is waiting for it.
 */
export class StormSlackServer {
  readonly posts: PostedToSlack[] = [];
  /** Bodies sent to response_url (ephemeral replies to slash commands), by the id in `responseUrl(id)`. */
  readonly responses: { id: string; text?: string; blocks?: unknown[] }[] = [];
  readonly failures = { rateLimited: 0, serverErrors: 0 };
  apiCalls = 0;
  port = 0;
  private failEvery: number | null = null;
  private loseEvery: number | null = null;
  private postCount = 0;
  lostAnswers = 0;
  private server: Server | null = null;
  private sequence = 0;
  /** Serves apps.connections.open for an app in Socket Mode. */
  socketMode: FakeSocketMode | null = null;
  private hold: {
    matches: (channel: string) => boolean;
    takeEffect: boolean;
    held: (post: HeldPost) => void;
  } | null = null;

  storm(everyNth: number): this {
    this.failEvery = everyNth;
    return this;
  }

  calm(): void {
    this.failEvery = null;
    this.loseEvery = null;
  }

  loseAnswers(everyNth: number): this {
    this.loseEvery = everyNth;
    return this;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => this.handle(req, Buffer.concat(chunks).toString('utf8'), res));
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** The Web API for one of several app instances: their posts are told apart (`PostedToSlack.instance`). */
  apiUrlFor(instance: string): string {
    return `http://127.0.0.1:${this.port}/instance/${encodeURIComponent(instance)}/api/`;
  }

  /** The next post to a matching channel is never answered; resolves when it arrives. */
  holdNextPost(matches: (channel: string) => boolean, takeEffect: boolean): Promise<HeldPost> {
    return new Promise((held) => {
      this.hold = { matches, takeEffect, held };
    });
  }

  responseUrl(id: string): string {
    return `http://127.0.0.1:${this.port}/respond/${encodeURIComponent(id)}`;
  }

  responsesTo(id: string): { text?: string; blocks?: unknown[] }[] {
    return this.responses.filter((r) => r.id === id);
  }

  postsTo(channel: string): PostedToSlack[] {
    return this.posts.filter((p) => p.channel === channel);
  }

  /** Everything readable that was posted to a channel: fallback texts and blocks, as sent. */
  allText(channel: string): string {
    return this.postsTo(channel)
      .map((p) => `${p.text}\n${JSON.stringify(p.blocks)}`)
      .join('\n---\n');
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private handle(req: IncomingMessage, body: string, res: ServerResponse) {
    const reply = (status: number, json: object, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'Content-Type': 'application/json', ...headers });
      res.end(JSON.stringify(json));
    };
    const url = req.url ?? '';
    if (url.startsWith('/respond/')) {
      this.responses.push({
        id: decodeURIComponent(url.slice('/respond/'.length)),
        ...JSON.parse(body || '{}'),
      });
      return reply(200, { ok: true });
    }
    const instancePath = /^\/instance\/([^/]+)(\/api\/.*)$/.exec(url);
    const instance = instancePath?.[1] === undefined ? undefined : decodeURIComponent(instancePath[1]);
    const method = (instancePath?.[2] ?? url).replace(/^\/api\//, '').split('?')[0] ?? '';
    if (method === 'apps.connections.open' && this.socketMode) {
      const answer = this.socketMode.connectionsOpen();
      return reply(answer.status, answer.body);
    }
    this.apiCalls++;
    if (this.failEvery !== null && this.apiCalls % this.failEvery === 0) {
      const rateLimited = (this.apiCalls / this.failEvery) % 2 === 1;
      if (rateLimited) {
        this.failures.rateLimited++;
        return reply(429, { ok: false, error: 'ratelimited' }, { 'Retry-After': '1' });
      }
      this.failures.serverErrors++;
      return reply(503, { ok: false, error: 'service_unavailable' });
    }
    const form = Object.fromEntries(new URLSearchParams(body));
    switch (method) {
      case 'auth.test':
        return reply(200, { ok: true, user_id: 'U0BOT', bot_id: 'B0BOT', team_id: 'T0TEAM' });
      case 'conversations.open':
        return reply(200, { ok: true, channel: { id: `D${form.users}` } });
      case 'chat.postMessage': {
        const channel = form.channel ?? '';
        const hold = this.hold?.matches(channel) ? this.hold : null;
        if (hold) this.hold = null;
        if (hold && !hold.takeEffect) {
          hold.held({ instance, channel, tookEffect: false });
          return;
        }
        // Slack's ts: the posting time in seconds, unique within the channel.
        this.sequence += 1;
        const ts = `${Math.floor(Date.now() / 1000)}.${String(this.sequence).padStart(6, '0')}`;
        this.posts.push({
          channel,
          text: form.text ?? '',
          blocks: JSON.parse(form.blocks ?? '[]'),
          ...(form.metadata ? { metadata: JSON.parse(form.metadata) } : {}),
          ts,
          ...(instance === undefined ? {} : { instance }),
        });
        if (hold) {
          hold.held({ instance, channel, tookEffect: true });
          return;
        }
        this.postCount++;
        if (this.loseEvery !== null && this.postCount % this.loseEvery === 0) {
          this.lostAnswers++;
          res.socket?.destroy();
          return;
        }
        return reply(200, { ok: true, channel, ts });
      }
      case 'conversations.history': {
        const oldest = Number(form.oldest ?? 0);
        const messages = this.postsTo(form.channel ?? '')
          .filter((p) => Number(p.ts) >= oldest)
          .reverse()
          .map((p) => ({
            type: 'message',
            ts: p.ts,
            text: p.text,
            ...(p.metadata ? { metadata: p.metadata } : {}),
          }));
        return reply(200, { ok: true, messages, has_more: false });
      }
      default:
        return reply(200, { ok: true });
    }
  }
}
