import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ServerCall {
  method: string;
  form: Record<string, string>;
  json?: unknown;
  /** The token the call carried (Authorization header, or a `token` field). */
  token?: string;
}

/** Answers a call itself, or returns undefined for the default answer (OAuth tests: installs, rotation). */
export type Responder = (call: ServerCall) => object | undefined;

/** A local stand-in for Slack's Web API and response_url, for the app running as a separate process. */
export class FakeSlackServer {
  readonly calls: ServerCall[] = [];
  private server: Server | null = null;
  private ts = 1_700_000_000;
  port = 0;

  constructor(private readonly respond?: Responder) {}

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += String(chunk);
      });
      req.on('end', () => {
        const method = (req.url ?? '').replace(/^\/api\//, '');
        const isJson = (req.headers['content-type'] ?? '').includes('json');
        const form = isJson ? {} : Object.fromEntries(new URLSearchParams(body));
        const bearer = /^Bearer (\S+)$/.exec(req.headers.authorization ?? '')?.[1] ?? form.token;
        const call: ServerCall = {
          method,
          form,
          ...(isJson ? { json: JSON.parse(body || '{}') } : {}),
          ...(bearer ? { token: bearer } : {}),
        };
        this.calls.push(call);
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(this.respond?.(call) ?? this.answer(method, form)));
      });
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  private answer(method: string, form: Record<string, string>): object {
    if (method === 'auth.test') return { ok: true, user_id: 'U0BOT', bot_id: 'B0BOT', team_id: 'T0TEAM' };
    if (method === 'conversations.open') return { ok: true, channel: { id: `D${form.users}` } };
    if (method === 'chat.postMessage') {
      this.ts += 1;
      return { ok: true, channel: form.channel, ts: `${this.ts}.000100` };
    }
    return { ok: true };
  }

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  postedText(channel: string): string {
    return this.calls
      .filter((c) => c.method === 'chat.postMessage' && c.form.channel === channel)
      .map((c) => `${c.form.text}\n${c.form.blocks ?? ''}`)
      .join('\n---\n');
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }
}
