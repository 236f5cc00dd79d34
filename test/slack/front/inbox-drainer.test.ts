import { afterEach, describe, expect, it } from 'vitest';
import type { ForwardedRequest } from '../../../src/slack/front/ack-front.ts';
import { inboundOf, sortableMs, sortableTs } from '../../../src/slack/front/inbound.ts';
import { InboxDrainer } from '../../../src/slack/front/inbox-drainer.ts';
import { AppLogger, type LogLine } from '../../../src/slack/logger.ts';
import type { Store } from '../../../src/store/types.ts';
import { until } from '../../helpers/fake-slack.ts';
import { eventually } from '../../helpers/fake-socket-mode.ts';
import { buttonClick, commandFields, dmEvent, editEvent } from '../../helpers/slack-payloads.ts';
import { openTestStore } from '../../helpers/test-store.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function setUp(apply: (request: ForwardedRequest) => Promise<void>, concurrency = 4) {
  const store = await openTestStore(':memory:');
  const logs: LogLine[] = [];
  const drainer = new InboxDrainer({
    inbox: store,
    apply,
    logger: new AppLogger('info', (line) => logs.push(line)),
    concurrency,
    retryDelayMs: 50,
  });
  cleanups.push(async () => {
    await drainer.stop();
    await store.close();
  });
  return { store, drainer, logs };
}

const record = (store: Store, body: Record<string, unknown>, now = Date.now()) =>
  store.recordInbound(inboundOf({ body }, now));
const textOf = (request: ForwardedRequest) =>
  (request.body.event as { text?: string } | undefined)?.text ?? String(request.body.text);

describe('inboundOf', () => {
  it('keys events by event id (Slack redelivers only those), each request in its person’s lane', () => {
    const dm = inboundOf({ body: dmEvent('U1', 'hi', { ts: '1800000000.5', eventId: 'Ev9' }) }, 0);
    expect(dm).toMatchObject({
      dedupeKey: 'event:Ev9',
      workspaceId: 'T0TEAM',
      userId: 'U1',
      lane: 'T0TEAM:U1',
      sortKey: '001800000000.500000',
    });
    expect(
      inboundOf(
        { body: editEvent('U1', { ts: '1800000000.000200', clientMsgId: 'c1', text: 'old' }, 'fixed') },
        0,
      ),
    ).toMatchObject({
      userId: 'U1',
      lane: 'T0TEAM:U1',
    });
    const command = inboundOf({ body: commandFields('help', 'U2') }, 1_800_000_000_123);
    expect(command).toMatchObject({
      dedupeKey: null,
      userId: 'U2',
      lane: 'T0TEAM:U2',
      sortKey: '001800000000.123000',
    });
    expect(inboundOf({ body: buttonClick('U3', 'some.action', 'v') }, 0)).toMatchObject({
      userId: 'U3',
      lane: 'T0TEAM:U3',
    });
    expect(
      inboundOf({ body: { type: 'event_callback', team_id: 'T5', event: { type: 'app_uninstalled' } } }, 0),
    ).toMatchObject({ userId: null, lane: 'T5', dedupeKey: null });
  });

  it('writes times so that text order is time order', () => {
    expect(sortableTs('999.1')! < sortableTs('1000.05')!).toBe(true);
    expect(sortableTs('1800000000.000100')).toBe('001800000000.000100');
    expect(sortableTs('not a ts')).toBeUndefined();
    expect(sortableMs(1_800_000_000_001)).toBe('001800000000.001000');
  });
});

describe('InboxDrainer', () => {
  it('applies a person’s messages in Slack ts order, whatever order they were recorded in', async () => {
    const applied: string[] = [];
    const { store, drainer } = await setUp(async (request) => {
      applied.push(textOf(request));
    });
    for (const [text, ts] of [
      ['third', '1800000003.000100'],
      ['first', '1800000001.000100'],
      ['second', '1800000002.000100'],
    ] as const) {
      await record(store, dmEvent('U1', text, { ts }));
    }
    drainer.start();
    await until(() => applied.length === 3, 'all three applied');
    expect(applied).toEqual(['first', 'second', 'third']);
    expect(await store.inboxSize()).toBe(0);
  });

  it('holds at most `concurrency` requests, one per person, however large the backlog', async () => {
    let inFlight = 0;
    let most = 0;
    const running = new Set<string>();
    let samePersonTwice = false;
    const { store, drainer } = await setUp(async (request) => {
      const user = (request.body.event as { user: string }).user;
      if (running.has(user)) samePersonTwice = true;
      running.add(user);
      inFlight += 1;
      most = Math.max(most, inFlight);
      await new Promise((resolve) => setTimeout(resolve, 2));
      inFlight -= 1;
      running.delete(user);
    }, 4);
    for (let i = 0; i < 300; i++) await record(store, dmEvent(`U${i % 20}`, `m${i}`));
    drainer.start();
    await eventually(async () => (await store.inboxSize()) === 0, 'the backlog to drain', 30_000);
    expect(most).toBe(4);
    expect(samePersonTwice).toBe(false);
  });

  it('keeps a request whose record could not be consumed and applies it again; drops one that keeps crashing', async () => {
    const applied: string[] = [];
    const { store, drainer, logs } = await setUp(async (request) => {
      applied.push(textOf(request));
    });
    await record(store, dmEvent('U1', 'poison'));
    const [poison] = await store.inboxHeads(1, []);
    for (let i = 0; i < 10; i++) await store.startInbound(poison!.id);
    let failures = 1;
    const consume = store.consumeInbound.bind(store);
    store.consumeInbound = async (id) => {
      if (id !== poison!.id && failures-- > 0) throw new Error('disk I/O error');
      return consume(id);
    };
    await record(store, dmEvent('U1', 'flaky'));
    drainer.start();
    await until(() => applied.filter((t) => t === 'flaky').length === 2, 'flaky applied twice');
    await until(() => logs.some((l) => l.message.includes('Dropped inbox request')), 'the poison dropped');
    expect(applied).not.toContain('poison');
    expect(await store.inboxSize()).toBe(0);
  });

  it('does the slow start-up work before counting a suspect’s attempt, and only for suspects', async () => {
    const applied: string[] = [];
    const store = await openTestStore(':memory:');
    let warmed: () => void = () => {};
    let warmUps = 0;
    const drainer = new InboxDrainer({
      inbox: store,
      apply: async (request) => {
        applied.push(textOf(request));
      },
      logger: new AppLogger('error', () => {}),
      beforeSuspect: () => {
        warmUps++;
        return new Promise<void>((resolve) => {
          warmed = resolve;
        });
      },
    });
    cleanups.push(async () => {
      await drainer.stop();
      await store.close();
    });
    await record(store, dmEvent('U1', 'fresh'));
    drainer.start();
    await until(() => applied.includes('fresh'), 'the fresh request applied');
    expect(warmUps).toBe(0);

    await record(store, dmEvent('U1', 'suspect'));
    const [suspect] = await store.inboxHeads(1, []);
    await store.startInbound(suspect!.id);
    drainer.kick();
    await until(() => warmUps === 1, 'the warm-up started');
    // A process killed now leaves the request at the attempts it had.
    expect((await store.inboxHeads(1, []))[0]?.attempts).toBe(1);
    expect(applied).not.toContain('suspect');
    warmed();
    await eventually(async () => (await store.inboxSize()) === 0, 'the suspect applied');
    expect(applied).toEqual(['fresh', 'suspect']);
  });

  it('applies a request that was in flight when the process stopped alone, after the others', async () => {
    const log: string[] = [];
    const { store, drainer } = await setUp(async (request) => {
      const text = textOf(request);
      log.push(`start ${text}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
      log.push(`end ${text}`);
    });
    await record(store, dmEvent('U1', 'suspect'));
    const [suspect] = await store.inboxHeads(1, []);
    await store.startInbound(suspect!.id);
    for (const user of ['U2', 'U3', 'U4']) await record(store, dmEvent(user, user));
    drainer.start();
    await eventually(async () => (await store.inboxSize()) === 0, 'the inbox to drain');
    const at = log.indexOf('start suspect');
    expect(log[at + 1]).toBe('end suspect');
    expect(log.slice(0, at).filter((l) => l.startsWith('start')).length).toBe(
      log.slice(0, at).filter((l) => l.startsWith('end')).length,
    );
  });
});
