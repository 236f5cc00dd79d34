import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AckFront, type ForwardedRequest, type HealthReport } from '../../../src/slack/front/ack-front.ts';
import { AppLogger, type LogLine } from '../../../src/slack/logger.ts';
import {
  SIGNING_SECRET,
  sendCommand,
  sendEvent,
  sendInteraction,
  signatureHeaders,
} from '../../helpers/signed-request.ts';
import { buttonClick, commandFields, dmEvent } from '../../helpers/slack-payloads.ts';

const BODY_LIMIT = 2_000;
let front: AckFront;
let url: string;
let base: string;
let forwarded: ForwardedRequest[];
let logs: LogLine[];
let health: () => Promise<HealthReport>;
/** How the inbox write goes: the default records at once. */
let record: (request: ForwardedRequest) => Promise<void>;
let kicks: number;

beforeEach(async () => {
  forwarded = [];
  logs = [];
  kicks = 0;
  health = async () => ({ status: 200, body: { status: 'ok' } });
  record = async (request) => {
    forwarded.push(request);
  };
  front = new AckFront({
    signingSecret: SIGNING_SECRET,
    logger: new AppLogger('info', (line) => logs.push(line)),
    record: (request) => record(request),
    recorded: () => {
      kicks += 1;
    },
    health: () => health(),
    bodyLimit: BODY_LIMIT,
  });
  const port = await front.start(0);
  base = `http://127.0.0.1:${port}`;
  url = `${base}/slack/events`;
});

afterEach(async () => {
  await front.stop();
});

function post(body: string, contentType: string, headers = signatureHeaders(body)) {
  return fetch(url, { method: 'POST', headers: { 'Content-Type': contentType, ...headers }, body });
}

describe('AckFront', () => {
  it('acknowledges a signed event with an empty 200 and forwards it with its retry headers', async () => {
    const envelope = dmEvent('U1', 'hello');
    const res = await sendEvent(url, envelope, {
      headers: { 'X-Slack-Retry-Num': '1', 'X-Slack-Retry-Reason': 'http_timeout' },
    });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('');
    expect(forwarded).toEqual([{ body: envelope, retryNum: 1, retryReason: 'http_timeout' }]);
  });

  it('forwards slash commands as form fields and interactions as their parsed payload', async () => {
    expect((await sendCommand(url, commandFields('help', 'U1'))).status).toBe(200);
    expect((await sendInteraction(url, buttonClick('U1', 'some.action', 'v'))).status).toBe(200);
    expect(forwarded[0]?.body).toMatchObject({ command: '/star-practice', text: 'help', user_id: 'U1' });
    expect(forwarded[1]?.body).toMatchObject({ type: 'block_actions', user: { id: 'U1' } });
    expect(forwarded[0]).not.toHaveProperty('retryNum');
  });

  it('answers only once the request is recorded, and 500 when it cannot be, so Slack sends it again', async () => {
    let finish: () => void = () => undefined;
    record = (request) =>
      new Promise((resolve) => {
        finish = () => {
          forwarded.push(request);
          resolve();
        };
      });
    let answered = false;
    const pending = sendEvent(url, dmEvent('U1', 'first')).then((res) => {
      answered = true;
      return res;
    });
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(answered).toBe(false);
    expect(kicks).toBe(0);
    finish();
    expect((await pending).status).toBe(200);
    expect(kicks).toBe(1);

    record = async () => {
      throw new Error('disk I/O error');
    };
    const failed = await sendEvent(url, dmEvent('U1', 'second'));
    expect(failed.status).toBe(500);
    expect(kicks).toBe(1);
    expect(forwarded).toHaveLength(1);
    expect(logs.some((l) => l.level === 'error' && l.message.includes('answered 500'))).toBe(true);
  });

  it('refuses forged and stale signatures with 401 and forwards nothing', async () => {
    const body = JSON.stringify(dmEvent('U1', 'hello'));
    expect((await post(body, 'application/json', signatureHeaders(body, 'wrong-secret'))).status).toBe(401);
    const stale = Math.floor(Date.now() / 1000) - 10 * 60;
    expect((await post(body, 'application/json', signatureHeaders(body, SIGNING_SECRET, stale))).status).toBe(
      401,
    );
    expect((await post(body, 'application/json', {})).status).toBe(401);
    expect(forwarded).toEqual([]);
    expect(logs.filter((l) => l.level === 'warn')).toHaveLength(3);
  });

  it('answers unreadable and non-object bodies with 400, oversized ones with 413', async () => {
    expect((await post('{"type":', 'application/json')).status).toBe(400);
    expect((await post('[1,2]', 'application/json')).status).toBe(400);
    expect((await post('null', 'application/json')).status).toBe(400);
    expect((await post(JSON.stringify({ pad: 'x'.repeat(BODY_LIMIT) }), 'application/json')).status).toBe(
      413,
    );
    expect(forwarded).toEqual([]);
  });

  it("answers Slack's URL verification and SSL check itself", async () => {
    const challenge = JSON.stringify({ type: 'url_verification', challenge: 'c-123', token: 't' });
    const verified = await post(challenge, 'application/json');
    expect(verified.status).toBe(200);
    expect(await verified.json()).toEqual({ challenge: 'c-123' });
    const ssl = await sendCommand(url, { ssl_check: '1', token: 't' });
    expect(ssl.status).toBe(200);
    expect(forwarded).toEqual([]);
  });

  it('reports the health it is given, 503 when it cannot, and 404 elsewhere', async () => {
    const ok = await fetch(`${base}/healthz`);
    expect([ok.status, await ok.json()]).toEqual([200, { status: 'ok' }]);
    health = async () => {
      throw new Error('no answer');
    };
    const down = await fetch(`${base}/healthz`);
    expect([down.status, await down.json()]).toEqual([503, { status: 'unavailable' }]);
    expect((await fetch(`${base}/elsewhere`)).status).toBe(404);
    expect((await fetch(url)).status).toBe(404);
  });
});
