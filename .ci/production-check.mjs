// The production install must start: `node .ci/production-check.mjs [DIR]` runs `npm start` (node dist/main.js)
// in DIR (default: this repository), which should hold the build and production dependencies only, in HTTP mode
// and in Socket Mode, each against a local stand-in for Slack (Web API, response_url and a Socket Mode WebSocket),
// and checks that it becomes healthy, answers a slash command with a question posted in the DM, and stops
// cleanly on SIGTERM. Plain JavaScript and Node's own modules only: dev dependencies are not installed there.
import { spawn } from 'node:child_process';
import { createHash, createHmac } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const APP_DIR = resolve(process.argv[2] ?? '.');
const SIGNING_SECRET = 'ci-signing-secret';
const QUESTION_ID = 'dive-deep/unexpected-root-cause';
const USER = 'U0CIUSER';
const TIMEOUT_MS = 60_000;

/** Slack's Web API, response_url and Socket Mode endpoint, recording every call. */
class FakeSlack {
  calls = [];
  sockets = [];
  fromApp = [];

  async start() {
    this.server = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => {
        body += chunk;
      });
      req.on('end', () => {
        const method = (req.url ?? '').replace(/^\/api\//, '');
        const form = Object.fromEntries(new URLSearchParams(body));
        this.calls.push({ method, form });
        res.writeHead(200, { 'Content-Type': 'application/json' });
        res.end(JSON.stringify(this.answer(method, form)));
      });
    });
    this.server.on('upgrade', (req, socket) => this.acceptWebSocket(req, socket));
    await new Promise((done) => this.server.listen(0, '127.0.0.1', done));
    this.port = this.server.address().port;
    return this;
  }

  answer(method, form) {
    if (method === 'auth.test') return { ok: true, user_id: 'U0CIBOT', bot_id: 'B0CIBOT', team_id: 'T0CI' };
    if (method === 'apps.connections.open') return { ok: true, url: `ws://127.0.0.1:${this.port}/link` };
    if (method === 'conversations.open') return { ok: true, channel: { id: `D${form.users}` } };
    if (method === 'chat.postMessage') return { ok: true, channel: form.channel, ts: `${Date.now() / 1000}` };
    return { ok: true };
  }

  get apiUrl() {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  questionPosted() {
    return this.calls.some((c) => c.method === 'chat.postMessage' && c.form.channel === `D${USER}`);
  }

  /** A minimal RFC 6455 server: the handshake, text frames both ways, pongs for pings, close. */
  acceptWebSocket(req, socket) {
    const accept = createHash('sha1')
      .update(`${req.headers['sec-websocket-key']}258EAFA5-E914-47DA-95CA-C5AB0DC85B11`)
      .digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    this.sockets.push(socket);
    let buffered = Buffer.alloc(0);
    socket.on('data', (chunk) => {
      buffered = Buffer.concat([buffered, chunk]);
      for (let frame = readFrame(buffered); frame; frame = readFrame(buffered)) {
        buffered = buffered.subarray(frame.length);
        if (frame.opcode === 0x1) this.fromApp.push(JSON.parse(frame.payload.toString('utf8')));
        else if (frame.opcode === 0x9) socket.write(encodeFrame(0xa, frame.payload));
        else if (frame.opcode === 0x8) socket.end(encodeFrame(0x8, Buffer.alloc(0)));
      }
    });
    socket.on('error', () => {});
    this.send(socket, { type: 'hello', num_connections: 1, connection_info: { app_id: 'A0CI' } });
  }

  send(socket, message) {
    socket.write(encodeFrame(0x1, Buffer.from(JSON.stringify(message))));
  }

  async stop() {
    for (const socket of this.sockets) socket.destroy();
    this.server.closeAllConnections();
    await new Promise((done) => this.server.close(done));
  }
}

function readFrame(bytes) {
  if (bytes.length < 2) return null;
  const opcode = bytes[0] & 0x0f;
  const masked = (bytes[1] & 0x80) !== 0;
  let length = bytes[1] & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (bytes.length < 4) return null;
    length = bytes.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (bytes.length < 10) return null;
    length = Number(bytes.readBigUInt64BE(2));
    offset = 10;
  }
  const mask = masked ? bytes.subarray(offset, offset + 4) : null;
  if (masked) offset += 4;
  if (bytes.length < offset + length) return null;
  const payload = Buffer.from(bytes.subarray(offset, offset + length));
  if (mask) for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i % 4];
  return { opcode, payload, length: offset + length };
}

function encodeFrame(opcode, payload) {
  const head =
    payload.length < 126
      ? Buffer.from([0x80 | opcode, payload.length])
      : Buffer.from([0x80 | opcode, 126, payload.length >> 8, payload.length & 0xff]);
  return Buffer.concat([head, payload]);
}

async function until(condition, what, app) {
  const deadline = Date.now() + TIMEOUT_MS;
  while (!(await condition())) {
    if (app.child.exitCode !== null) throw new Error(`the app exited (${app.child.exitCode}) before ${what}`);
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 50));
  }
}

async function freePort() {
  const server = createServer();
  await new Promise((done) => server.listen(0, '127.0.0.1', done));
  const { port } = server.address();
  await new Promise((done) => server.close(done));
  return port;
}

async function healthy(port) {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`, { signal: AbortSignal.timeout(1000) });
    const body = await res.json();
    return res.status === 200 ? body : null;
  } catch {
    return null;
  }
}

function commandFields(slack, mode) {
  return {
    token: 'unused',
    team_id: 'T0CI',
    team_domain: 'ci',
    channel_id: `D${USER}`,
    channel_name: 'directmessage',
    user_id: USER,
    user_name: 'ci',
    command: '/star-practice',
    text: QUESTION_ID,
    api_app_id: 'A0CI',
    response_url: `http://127.0.0.1:${slack.port}/respond/${mode}`,
    trigger_id: `trigger-${mode}`,
  };
}

/** `npm start` as production runs it: plain node on the build, in its own folder, with a fresh database. */
async function startApp(slack, env) {
  const dataDir = mkdtempSync(join(tmpdir(), 'star-prod-'));
  const port = await freePort();
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: APP_DIR,
    env: {
      PATH: process.env.PATH,
      SLACK_BOT_TOKEN: 'xoxb-ci-token',
      SLACK_API_URL: slack.apiUrl,
      DATABASE_PATH: join(dataDir, 'coach.db'),
      PORT: String(port),
      LOG_LEVEL: 'info',
      COACHING_PRIORITY: 'low',
      ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (chunk) => {
    output += chunk;
  });
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  const exited = new Promise((done) => child.once('exit', (code) => done(code)));
  const app = { child, port, output: () => output };
  app.stop = async () => {
    if (child.exitCode === null) child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    const code = await exited;
    clearTimeout(timer);
    rmSync(dataDir, { recursive: true, force: true });
    return code;
  };
  return app;
}

/** Starts the app, runs the steps, stops it with SIGTERM; any failure comes with the app's output. */
async function withApp(mode, env, steps) {
  const slack = await new FakeSlack().start();
  const app = await startApp(slack, env);
  let failure = null;
  try {
    await steps(slack, app);
  } catch (error) {
    failure = error;
  }
  const code = await app.stop();
  await slack.stop();
  if (failure) throw new Error(`${mode}: ${failure.message}\n--- app output ---\n${app.output()}`);
  if (code !== 0)
    throw new Error(`${mode}: exit code ${code} after SIGTERM\n--- app output ---\n${app.output()}`);
}

const checkHttpMode = () =>
  withApp('HTTP mode', { SLACK_SIGNING_SECRET: SIGNING_SECRET }, async (slack, app) => {
    await until(() => healthy(app.port), 'GET /healthz to answer 200', app);
    const body = new URLSearchParams(commandFields(slack, 'http')).toString();
    const timestamp = Math.floor(Date.now() / 1000);
    const signature = createHmac('sha256', SIGNING_SECRET).update(`v0:${timestamp}:${body}`).digest('hex');
    const res = await fetch(`http://127.0.0.1:${app.port}/slack/events`, {
      method: 'POST',
      headers: {
        'Content-Type': 'application/x-www-form-urlencoded',
        'X-Slack-Request-Timestamp': String(timestamp),
        'X-Slack-Signature': `v0=${signature}`,
      },
      body,
    });
    if (res.status !== 200) throw new Error(`the signed slash command was answered ${res.status}`);
    await until(() => slack.questionPosted(), 'the question to be posted in the DM', app);
  });

const checkSocketMode = () =>
  withApp('Socket Mode', { SLACK_APP_TOKEN: 'xapp-1-A0CI-1-ci-app-token' }, async (slack, app) => {
    await until(() => slack.sockets.length > 0, 'the Socket Mode connection', app);
    await until(async () => (await healthy(app.port))?.mode === 'socket', 'GET /healthz (socket)', app);
    slack.send(slack.sockets.at(-1), {
      envelope_id: 'ci-envelope-1',
      type: 'slash_commands',
      accepts_response_payload: true,
      payload: commandFields(slack, 'socket'),
    });
    await until(
      () => slack.fromApp.some((m) => m.envelope_id === 'ci-envelope-1'),
      'the acknowledgement of the slash command envelope',
      app,
    );
    await until(() => slack.questionPosted(), 'the question to be posted in the DM', app);
  });

for (const [mode, check] of [
  ['HTTP mode', checkHttpMode],
  ['Socket Mode', checkSocketMode],
]) {
  const started = Date.now();
  await check();
  console.log(
    `production start, ${mode}: healthy, slash command answered, stopped cleanly (${Date.now() - started} ms)`,
  );
}
