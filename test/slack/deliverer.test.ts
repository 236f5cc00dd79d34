import { webApi } from '@slack/bolt';
import { describe, expect, it } from 'vitest';
import { info } from '../../src/coach/messages.ts';
import { OutboxDeliverer } from '../../src/slack/deliverer.ts';
import { AppLogger, type LogLine } from '../../src/slack/logger.ts';
import type { RenderedMessage } from '../../src/slack/render/message.ts';
import type { OutboxEntry } from '../../src/store/types.ts';

/** An in-memory outbox with the Store's three delivery methods. */
function fakeOutbox(entries: { user: string; channel: string | null; payload?: unknown }[]) {
  const rows = entries.map((e, i) => ({
    id: i + 1,
    workspaceId: 'T1',
    userId: e.user,
    channel: e.channel,
    payload: e.payload ?? info(`message ${i + 1} for ${e.user}`),
    attempts: 0,
    createdAt: 0,
    delivered: false,
    abandoned: false,
  }));
  return {
    rows,
    async pendingOutbox(limit: number): Promise<OutboxEntry[]> {
      // Copies, as a database returns: later updates do not change entries already read.
      return rows
        .filter((r) => !r.delivered && !r.abandoned)
        .slice(0, limit)
        .map(({ delivered: _, abandoned: __, ...entry }) => ({ ...entry }));
    },
    async markDelivered(id: number) {
      const row = rows.find((r) => r.id === id);
      if (row) row.delivered = true;
    },
    async markAbandoned(id: number) {
      const row = rows.find((r) => r.id === id);
      if (row) row.abandoned = true;
    },
    async markAttemptFailed(id: number) {
      const row = rows.find((r) => r.id === id);
      if (row) row.attempts += 1;
    },
  };
}

function setup(
  entries: Parameters<typeof fakeOutbox>[0],
  post: (channel: string, message: RenderedMessage) => Promise<void>,
  maxAttempts = 3,
) {
  const store = fakeOutbox(entries);
  const logs: LogLine[] = [];
  let now = 1_000_000;
  const deliverer = new OutboxDeliverer({
    store,
    post,
    logger: new AppLogger('info', (line) => logs.push(line)),
    now: () => now,
    options: { maxAttempts, baseBackoffMs: 1000 },
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
    expect(store.rows[0]).toMatchObject({ attempts: 1, delivered: false });
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
});
