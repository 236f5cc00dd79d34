import nock from 'nock';

export const TEAM = 'T0TEAM';
export const BOT_ID = 'B0BOT';
export const BOT_USER = 'U0BOT';
export const RESPONSE_URL_BASE = 'https://hooks.slack.com';

export const dmOf = (userId: string) => `D${userId}`;

/** A block as it came back from a request, loosely typed for assertions. */
export interface SentBlock {
  type: string;
  text?: { text: string };
  elements?: { type: string; action_id?: string; value?: string; text?: { text: string } | string }[];
  accessory?: { action_id?: string; value?: string };
}

export interface PostedMessage {
  channel: string;
  text: string;
  blocks: SentBlock[];
}

/** Everything readable in a message: fallback text, block texts and button labels. */
export function visibleText(message: { text?: string; blocks?: SentBlock[] }): string {
  const parts = [message.text ?? ''];
  for (const block of message.blocks ?? []) {
    if (block.text) parts.push(block.text.text);
    for (const element of block.elements ?? []) {
      const text = element.text;
      parts.push(typeof text === 'string' ? text : (text?.text ?? ''));
    }
  }
  return parts.join('\n');
}

export function actionIds(message: { blocks?: SentBlock[] }): string[] {
  return (message.blocks ?? []).flatMap((b) => [
    ...(b.elements ?? []).flatMap((e) => (e.action_id ? [e.action_id] : [])),
    ...(b.accessory?.action_id ? [b.accessory.action_id] : []),
  ]);
}

function formBody(body: unknown): Record<string, string> {
  if (typeof body === 'string') return Object.fromEntries(new URLSearchParams(body));
  return (body ?? {}) as Record<string, string>;
}

function parseBlocks(raw: unknown): SentBlock[] {
  if (typeof raw === 'string') return JSON.parse(raw) as SentBlock[];
  return Array.isArray(raw) ? (raw as SentBlock[]) : [];
}

/** The Slack Web API and response_url faked with nock; every call is recorded for assertions. */
export class FakeSlack {
  readonly posts: PostedMessage[] = [];
  readonly responses: { path: string; body: Record<string, unknown> }[] = [];
  readonly views: { userId: string; view: { type: string; blocks: SentBlock[] } }[] = [];
  readonly opened: string[] = [];
  private ts = 1_700_000_000;

  /** Installs persistent fakes; pass `postMessage: false` to fake chat.postMessage yourself. */
  install(options: { postMessage?: boolean } = {}): this {
    const api = nock('https://slack.com').persist();
    if (options.postMessage !== false) {
      api.post('/api/chat.postMessage').reply(200, (_uri, body) => this.recordPost(body));
    }
    api.post('/api/conversations.open').reply(200, (_uri, body) => {
      const users = formBody(body).users ?? '';
      this.opened.push(users);
      return { ok: true, channel: { id: dmOf(users) } };
    });
    api.post('/api/views.publish').reply(200, (_uri, body) => {
      const form = formBody(body);
      const view = typeof form.view === 'string' ? JSON.parse(form.view) : form.view;
      this.views.push({ userId: form.user_id ?? '', view });
      return { ok: true };
    });
    nock(RESPONSE_URL_BASE)
      .persist()
      .post(/.*/)
      .reply(200, (uri, body) => {
        this.responses.push({
          path: uri,
          body: typeof body === 'string' ? JSON.parse(body) : (body as Record<string, unknown>),
        });
        return 'ok';
      });
    return this;
  }

  /** Records a chat.postMessage body and returns Slack's success answer. */
  recordPost(body: unknown) {
    const form = formBody(body);
    const message = { channel: form.channel ?? '', text: form.text ?? '', blocks: parseBlocks(form.blocks) };
    this.posts.push(message);
    this.ts += 1;
    return { ok: true, channel: message.channel, ts: `${this.ts}.000100` };
  }

  postsTo(channel: string): PostedMessage[] {
    return this.posts.filter((p) => p.channel === channel);
  }

  allText(channel: string): string {
    return this.postsTo(channel).map(visibleText).join('\n---\n');
  }
}

/** Polls until `check` holds (the app answers Slack first and works afterwards). */
export async function until(check: () => boolean, what: string, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
