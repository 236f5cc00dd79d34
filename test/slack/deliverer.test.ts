import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { info } from '../../src/coach/messages.ts';
import { type DeliveryOptions, OutboxDeliverer } from '../../src/slack/deliverer.ts';
import { AppLogger, type LogLine } from '../../src/slack/logger.ts';
import type { RenderedMessage } from '../../src/slack/render/message.ts';
import type { AttemptFailure, OutboxEntry, OutboxHead } from '../../src/store/types.ts';

/** An in-memory outbox with the Store's delivery methods. */
function fakeOutbox(entries: { user: string; channel: string | null; payload?: unknown }[]) {
  const rows = entries.map((e, i) => ({
    id: i + 1,
    workspaceId: 'T1',
    userId: e.user,
    channel: e.channel,
    payload: e.payload ?? info(`message ${i + 1} for ${e.user}`),
    attempts: 0,
    createdAt: 0,
    attemptStartedAt: null as number | null,
    delivered: false,
    abandoned: false,
  }));
  const pending = () => rows.filter((r) => !r.delivered && !r.abandoned);
  return {
    rows,
    async pendingOutboxHeads(afterId: number, limit: number): Promise<OutboxHead[]> {
      return pending()
        .filter((r) => r.id > afterId)
        .slice(0, limit)
        .map(({ id, workspaceId, userId, channel }) => ({ id, workspaceId, userId, channel }));
    },
    async pendingOutboxEntry(id: number): Promise<OutboxEntry | undefined> {
      // A copy, as a database returns: later updates do not change an entry already read.
      const row = pending().find((r) => r.id === id);
      if (!row) return undefined;
      const { delivered: _, abandoned: __, ...entry } = row;
      return { ...entry };
    },
    async markDelivered(id: number) {
      const row = rows.find((r) => r.id === id);
      if (row) row.delivered = true;
    },
    async markAbandoned(id: number) {
      const row = rows.find((r) => r.id === id);
      if (row) row.abandoned = true;
    },
    async markAttemptStarted(id: number, now: number) {
      const row = rows.find((r) => r.id === id);
      if (row) row.attemptStartedAt = now;
      return row !== undefined;
    },
    async markAttemptFailed(id: number, { surelyNotPosted = false, counted = true }: AttemptFailure = {}) {
      const row = rows.find((r) => r.id === id);
      if (!row) return;
      if (counted) row.attempts += 1;
      if (surelyNotPosted) row.attemptStartedAt = null;
    },
  };
}

function setup(
  entries: Parameters<typeof fakeOutbox>[0],
  post: (channel: string, message: RenderedMessage, outboxId: number) => Promise<void>,
  maxAttempts = 3,
  options: Partial<DeliveryOptions> = {},
  alreadyPosted?: (channel: string, outboxId: number, since: number) => Promise<boolean>,
) {
  const store = fakeOutbox(entries);
  const logs: LogLine[] = [];
  let now = 1_000_000;
  const deliverer = new OutboxDeliverer({
    store,
    post,
    ...(alreadyPosted ? { alreadyPosted } : {}),
    logger: new AppLogger('info', (line) => logs.push(line)),
    now: () => now,
    options: { maxAttempts, baseBackoffMs: 1000, channelIntervalMs: 0, ...options },
  });
  return { store, logs, deliverer, advance: (ms: number) => (now += ms) };
}

const platformError = (code: string) => new webApi.WebAPIPlatformError({ ok: false, error: code });

describe('OutboxDeliverer', () => {
  it('delivers each channel in order and marks every message delivered', async () => {
    const sent: string[] = [];
    const { store, deliverer } = setup(
      [
        { user: 'U1', channel: 'D1' },
        { user: 'U2', channel: 'D2' },
        { user: 'U1', channel: 'D1' },
      ],
      async (channel, m) => {
        sent.push(`${channel}:${m.text}`);
      },
    );
    await deliverer.drainOnce();
    expect(sent.filter((s) => s.startsWith('D1'))).toEqual(['D1:message 1 for U1', 'D1:message 3 for U1']);
    expect(sent).toContain('D2:message 2 for U2');
    expect(store.rows.every((r) => r.delivered)).toBe(true);
  });

  it('waits out Retry-After for a rate-limited channel while other users carry on', async () => {
    let limited = true;
    const sent: string[] = [];
    const { store, deliverer, advance } = setup(
      [
        { user: 'U1', channel: 'D1' },
        { user: 'U1', channel: 'D1' },
        { user: 'U2', channel: 'D2' },
      ],
      async (channel, m) => {
        if (channel === 'D1' && limited) throw new webApi.WebAPIRateLimitedError(7);
        sent.push(m.text);
      },
    );
    await deliverer.drainOnce();
    expect(sent).toEqual(['message 3 for U2']);
    // Being rate limited is no failure of the message: it does not count towards giving up.
    expect(store.rows[0]).toMatchObject({ attempts: 0, delivered: false });
    expect(store.rows[1]).toMatchObject({ attempts: 0, delivered: false });

    limited = false;
    advance(6_000);
    await deliverer.drainOnce();
    expect(sent).toEqual(['message 3 for U2']);
    advance(1_500);
    await deliverer.drainOnce();
    expect(sent).toEqual(['message 3 for U2', 'message 1 for U1', 'message 2 for U1']);
  });

  it('gives up at once on permanent errors, logging the code without the text', async () => {
    const { store, logs, deliverer } = setup([{ user: 'U1', channel: 'D1' }], async () => {
      throw platformError('channel_not_found');
    });
    await deliverer.drainOnce();
    expect(store.rows[0]).toMatchObject({ abandoned: true, delivered: false, attempts: 0 });
    const errors = logs.filter((l) => l.level === 'error').map((l) => l.message);
    expect(errors.join('\n')).toContain('channel_not_found');
    expect(errors.join('\n')).not.toContain('message 1 for U1');
  });

  it('tells the operator once when the token is revoked', async () => {
    const { logs, deliverer } = setup(
      [
        { user: 'U1', channel: 'D1' },
        { user: 'U2', channel: 'D2' },
      ],
      async () => {
        throw platformError('token_revoked');
      },
    );
    await deliverer.drainOnce();
    const tokenLines = logs.filter((l) => l.message.includes('Reinstall the app'));
    expect(tokenLines).toHaveLength(1);
  });

  it('never gives up on a message only because Slack keeps rate limiting it', async () => {
    let calls = 0;
    const { store, deliverer, advance } = setup(
      [{ user: 'U1', channel: 'D1' }],
      async () => {
        calls += 1;
        if (calls <= 10) throw new webApi.WebAPIRateLimitedError(1);
      },
      3,
    );
    for (let i = 0; i <= 10; i++) {
      await deliverer.drainOnce();
      advance(1_000);
    }
    expect(calls).toBe(11);
    expect(store.rows[0]).toMatchObject({ attempts: 0, abandoned: false, delivered: true });
  });

  it('retries transient failures with backoff and gives up after the last attempt', async () => {
    let calls = 0;
    const { store, logs, deliverer, advance } = setup(
      [{ user: 'U1', channel: 'D1' }],
      async () => {
        calls += 1;
        throw new webApi.WebAPIHTTPError(503, 'Service Unavailable', {});
      },
      3,
    );
    await deliverer.drainOnce();
    await deliverer.drainOnce();
    expect(calls).toBe(1);
    advance(1_000);
    await deliverer.drainOnce();
    expect(calls).toBe(2);
    advance(2_000);
    await deliverer.drainOnce();
    expect(calls).toBe(3);
    expect(store.rows[0]).toMatchObject({ attempts: 3, abandoned: true, delivered: false });
    expect(logs.some((l) => l.level === 'error' && l.message.includes('after 3 attempts'))).toBe(true);
  });

  it('after a post that got no answer, finds the copy Slack kept instead of posting it twice', async () => {
    const inSlack: number[] = [];
    const lookups: { outboxId: number; since: number }[] = [];
    const { store, logs, deliverer, advance } = setup(
      [{ user: 'U1', channel: 'D1' }],
      async (_channel, _message, outboxId) => {
        inSlack.push(outboxId);
        // Slack posted it, but the answer never came back.
        throw new webApi.WebAPIRequestError(new Error('socket hang up'));
      },
      3,
      {},
      async (_channel, outboxId, since) => {
        lookups.push({ outboxId, since });
        return inSlack.includes(outboxId);
      },
    );
    await deliverer.drainOnce();
    expect(store.rows[0]).toMatchObject({ attempts: 1, attemptStartedAt: 1_000_000, delivered: false });
    advance(1_000);
    await deliverer.drainOnce();
    expect(inSlack).toEqual([1]);
    expect(lookups).toEqual([{ outboxId: 1, since: 1_000_000 }]);
    expect(store.rows[0]).toMatchObject({ delivered: true });
    expect(logs.some((l) => l.message.includes('already in Slack'))).toBe(true);
  });

  it('posts again without a look-up when Slack answered with an error, and sends when the look-up fails', async () => {
    let calls = 0;
    let lookups = 0;
    const { store, logs, deliverer, advance } = setup(
      [
        { user: 'U1', channel: 'D1' },
        { user: 'U2', channel: 'D2' },
      ],
      async (channel) => {
        calls += 1;
        if (calls === 1) throw new webApi.WebAPIHTTPError(503, 'Service Unavailable', {});
        if (calls === 2) throw new webApi.WebAPIRequestError(new Error('timeout'));
        expect(channel).toBeDefined();
      },
      3,
      {},
      async () => {
        lookups += 1;
        throw new webApi.WebAPIHTTPError(503, 'Service Unavailable', {});
      },
    );
    await deliverer.drainOnce();
    expect(store.rows.map((r) => r.attemptStartedAt)).toEqual([null, 1_000_000]);
    advance(1_000);
    await deliverer.drainOnce();
    expect(store.rows.every((r) => r.delivered)).toBe(true);
    expect(lookups).toBe(1);
    expect(logs.some((l) => l.message.includes('could not check whether message 2'))).toBe(true);
  });

  it('falls back to plain text when Slack refuses the blocks', async () => {
    const sent: RenderedMessage[] = [];
    const { store, deliverer } = setup([{ user: 'U1', channel: 'D1' }], async (_channel, m) => {
      if (m.blocks.length > 0) throw platformError('invalid_blocks');
      sent.push(m);
    });
    await deliverer.drainOnce();
    expect(sent).toEqual([{ text: 'message 1 for U1', blocks: [] }]);
    expect(store.rows[0]?.delivered).toBe(true);
  });

  it('sends a pre-rendered payload as it is', async () => {
    const sent: RenderedMessage[] = [];
    const notice = { text: 'No session in progress.', blocks: [{ type: 'section' }] };
    const { store, deliverer } = setup(
      [{ user: 'U1', channel: 'D1', payload: { rendered: notice } }],
      async (_c, m) => {
        sent.push(m);
      },
    );
    await deliverer.drainOnce();
    expect(sent).toEqual([notice]);
    expect(store.rows[0]?.delivered).toBe(true);
  });

  it('closes entries it can never send (no channel, unreadable payload)', async () => {
    const sent: string[] = [];
    const { store, deliverer } = setup(
      [
        { user: 'U1', channel: null },
        { user: 'U2', channel: 'D2', payload: { nonsense: true } },
      ],
      async (channel) => {
        sent.push(channel);
      },
    );
    await deliverer.drainOnce();
    expect(sent).toEqual([]);
    expect(store.rows.every((r) => r.abandoned && !r.delivered)).toBe(true);
  });

  it('paces each channel to one message per interval without holding up other channels', async () => {
    const sent: string[] = [];
    const { deliverer, advance } = setup(
      [
        { user: 'U1', channel: 'D1' },
        { user: 'U1', channel: 'D1' },
        { user: 'U2', channel: 'D2' },
      ],
      async (channel, m) => {
        sent.push(`${channel}:${m.text}`);
      },
      3,
      { channelIntervalMs: 1_000 },
    );
    await deliverer.drainOnce();
    expect(sent).toEqual(['D1:message 1 for U1', 'D2:message 3 for U2']);
    advance(999);
    await deliverer.drainOnce();
    expect(sent).toHaveLength(2);
    advance(1);
    await deliverer.drainOnce();
    expect(sent.at(-1)).toBe('D1:message 2 for U1');
  });

  it('keeps at most maxInFlight posts open and sends the oldest message first', async () => {
    const sent: number[] = [];
    let open = 0;
    let mostOpen = 0;
    const { store, deliverer } = setup(
      Array.from({ length: 12 }, (_, i) => ({ user: `U${i}`, channel: `D${i}` })),
      async (_channel, m) => {
        open += 1;
        mostOpen = Math.max(mostOpen, open);
        await new Promise((resolve) => setTimeout(resolve, 1));
        open -= 1;
        sent.push(Number(/message (\d+)/.exec(m.text)?.[1]));
      },
      3,
      { maxInFlight: 3 },
    );
    await deliverer.drainOnce();
    expect(mostOpen).toBe(3);
    expect(sent.slice(0, 3).sort((a, b) => a - b)).toEqual([1, 2, 3]);
    expect(store.rows.every((r) => r.delivered)).toBe(true);
  });

  it('does not send a message erased after it was read (forget-me)', async () => {
    const sent: string[] = [];
    const { store, deliverer, advance } = setup(
      [
        { user: 'U1', channel: 'D1' },
        { user: 'U1', channel: 'D1' },
      ],
      async (_channel, m) => {
        sent.push(m.text);
      },
      3,
      { channelIntervalMs: 1_000 },
    );
    await deliverer.drainOnce();
    store.rows.splice(1, 1);
    advance(1_000);
    await deliverer.drainOnce();
    expect(sent).toEqual(['message 1 for U1']);
  });

  it('reads only messages it has not seen, and catches up when more are pending than it holds', async () => {
    const sent: string[] = [];
    const { store, deliverer } = setup(
      Array.from({ length: 5 }, (_, i) => ({ user: `U${i}`, channel: `D${i}` })),
      async (_channel, m) => {
        sent.push(m.text);
      },
      3,
      { maxQueued: 2, batchSize: 1 },
    );
    const reads: number[] = [];
    const read = store.pendingOutboxHeads.bind(store);
    store.pendingOutboxHeads = (afterId, limit) => {
      reads.push(afterId);
      return read(afterId, limit);
    };
    await deliverer.drainOnce();
    expect(sent).toHaveLength(5);
    expect(reads.slice(0, 3)).toEqual([0, 1, 2]);
    store.rows.push({ ...store.rows[0]!, id: 6, delivered: false, payload: info('late message') });
    await deliverer.drainOnce();
    expect(sent.at(-1)).toBe('late message');
    expect(reads.at(-2)).toBe(5);
  });
});

describe('OutboxDeliverer with many workspaces (OAuth mode)', () => {
  it('a workspace without a usable token backs off on its own; the others are delivered; not installed gives up', async () => {
    const { NotInstalledError, TokenRefreshError } = await import(
      '../../src/slack/oauth/installation-tokens.ts'
    );
    const store = fakeOutbox([
      { user: 'U1', channel: 'D1' },
      { user: 'U2', channel: 'D2' },
      { user: 'U3', channel: 'D3' },
      { user: 'U1', channel: 'D1' },
    ]);
    const teams = ['TSTUCK', 'TOK', 'TGONE', 'TSTUCK'];
    store.rows.forEach((row, i) => {
      row.workspaceId = teams[i]!;
    });
    const posted: { channel: string; workspaceId: string }[] = [];
    let stuck = true;
    let now = 1_000_000;
    const logs: LogLine[] = [];
    const deliverer = new OutboxDeliverer({
      store,
      post: async (channel, _message, _id, workspaceId) => {
        posted.push({ channel, workspaceId });
      },
      prepare: async (workspaceId) => {
        if (workspaceId === 'TGONE') throw new NotInstalledError(workspaceId);
        if (workspaceId === 'TSTUCK' && stuck) throw new TokenRefreshError('refresh failed');
      },
      logger: new AppLogger('info', (line) => logs.push(line)),
      now: () => now,
      options: { maxAttempts: 2, baseBackoffMs: 1000, channelIntervalMs: 0 },
    });
    await deliverer.drainOnce();
    expect(posted).toEqual([{ channel: 'D2', workspaceId: 'TOK' }]);
    expect(store.rows[2]!.abandoned).toBe(true);
    // Waiting for a token is no failure of the messages: their attempts are not counted, nothing is given up.
    expect(
      store.rows.filter((r) => r.workspaceId === 'TSTUCK').map((r) => [r.attempts, r.abandoned]),
    ).toEqual([
      [0, false],
      [0, false],
    ]);
    await deliverer.drainOnce();
    expect(posted).toHaveLength(1);
    stuck = false;
    now += 1000;
    await deliverer.drainOnce();
    await deliverer.drainOnce();
    expect(posted.slice(1)).toEqual([
      { channel: 'D1', workspaceId: 'TSTUCK' },
      { channel: 'D1', workspaceId: 'TSTUCK' },
    ]);
    expect(logs.some((l) => l.message.includes('workspace TSTUCK has no usable token now'))).toBe(true);
  });
});
