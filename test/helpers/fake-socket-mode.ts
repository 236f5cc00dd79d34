import { createHash, randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** One WebSocket connection the app opened. */
interface Connection {
  id: number;
  socket: Socket;
  open: boolean;
  buffer: Buffer;
}

export interface SentEnvelope {
  envelopeId: string;
  type: 'events_api' | 'slash_commands' | 'interactive';
  /** Resolves when the app acknowledges it; never, if the app dies first. */
  acked: Promise<void>;
}

const WS_GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const OP = { text: 0x1, close: 0x8, ping: 0x9, pong: 0xa } as const;

/**
 * A local stand-in for Slack's Socket Mode servers, speaking the protocol over a real WebSocket (RFC 6455,
 * written out here: unmasked frames from the server, masked from the client). `connectionsOpen()` is what
 * apps.connections.open answers (a fake Web API serves it): a one-time URL, or 503 during an outage. On each
 * connection it sends `hello`, pings every `pingIntervalMs` and answers the client's pings; `send` delivers an
 * envelope to the newest connection and tracks its ack; `refresh` sends `disconnect` (refresh_requested) the way
 * Slack recycles connections. Like Slack, it never resends an envelope that was acknowledged (nor, here, one
 * that was not: the tests count on no resend).
 */
export class FakeSocketMode {
  port = 0;
  /** apps.connections.open answers 503 while true. */
  outage = false;
  readonly stats = {
    connectionsOpened: 0,
    openCalls: 0,
    openRefused: 0,
    pingsFromClient: 0,
    pongsFromClient: 0,
  };
  readonly acked = new Set<string>();
  private server: Server | null = null;
  private readonly tickets = new Set<string>();
  private readonly connections: Connection[] = [];
  private readonly ackWaiters = new Map<string, () => void>();
  private pinger: NodeJS.Timeout | null = null;
  private nextId = 1;

  constructor(private readonly options: { pingIntervalMs?: number; helloDelayMs?: number } = {}) {}

  async start(): Promise<this> {
    const server = createServer((_req, res) => res.writeHead(404).end());
    server.on('upgrade', (req, socket: Socket) => this.upgrade(req, socket));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.server = server;
    this.port = (server.address() as AddressInfo).port;
    this.pinger = setInterval(() => {
      for (const c of this.connections) if (c.open) this.frame(c, OP.ping, Buffer.from('ping'));
    }, this.options.pingIntervalMs ?? 2_000);
    return this;
  }

  /** apps.connections.open: a fresh single-use WebSocket URL, or a 503 during an outage. */
  connectionsOpen(): { status: number; body: object } {
    this.stats.openCalls++;
    if (this.outage) {
      this.stats.openRefused++;
      return { status: 503, body: { ok: false, error: 'service_unavailable' } };
    }
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return { status: 200, body: { ok: true, url: `ws://127.0.0.1:${this.port}/link/?ticket=${ticket}` } };
  }

  /** Connections open now. */
  get openConnections(): number {
    return this.connections.filter((c) => c.open).length;
  }

  /** Delivers an envelope to the newest open connection. */
  send(
    type: SentEnvelope['type'],
    payload: object,
    extra: { retryAttempt?: number; retryReason?: string } = {},
  ): SentEnvelope {
    const connection = [...this.connections].reverse().find((c) => c.open);
    if (!connection) throw new Error('no Socket Mode connection is open');
    const envelopeId = randomUUID();
    const acked = new Promise<void>((resolve) => this.ackWaiters.set(envelopeId, resolve));
    this.text(connection, {
      envelope_id: envelopeId,
      type,
      payload,
      accepts_response_payload: type !== 'events_api',
      ...(type === 'events_api'
        ? { retry_attempt: extra.retryAttempt ?? 0, retry_reason: extra.retryReason ?? '' }
        : {}),
    });
    return { envelopeId, type, acked };
  }

  /** Slack's routine connection refresh: it asks the client to reconnect, then closes the old connection. */
  refresh(): void {
    for (const c of this.connections) {
      if (c.open)
        this.text(c, { type: 'disconnect', reason: 'refresh_requested', debug_info: { host: 'fake' } });
    }
  }

  async stop(): Promise<void> {
    if (this.pinger) clearInterval(this.pinger);
    for (const c of this.connections) c.socket.destroy();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private upgrade(req: IncomingMessage, socket: Socket): void {
    const ticket = new URL(req.url ?? '/', 'http://fake').searchParams.get('ticket') ?? '';
    const key = req.headers['sec-websocket-key'];
    if (!this.tickets.delete(ticket) || typeof key !== 'string') {
      socket.end('HTTP/1.1 401 Unauthorized\r\n\r\n');
      return;
    }
    const accept = createHash('sha1').update(`${key}${WS_GUID}`).digest('base64');
    socket.write(
      `HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: ${accept}\r\n\r\n`,
    );
    socket.setNoDelay(true);
    const connection: Connection = { id: this.nextId++, socket, open: true, buffer: Buffer.alloc(0) };
    this.connections.push(connection);
    this.stats.connectionsOpened++;
    socket.on('data', (chunk: Buffer) => this.read(connection, chunk));
    const closed = () => {
      connection.open = false;
    };
    socket.on('close', closed);
    socket.on('error', closed);
    const hello = () =>
      this.text(connection, {
        type: 'hello',
        num_connections: this.openConnections,
        debug_info: { host: 'fake', approximate_connection_time: 3600 },
        connection_info: { app_id: 'A0APP' },
      });
    if (this.options.helloDelayMs) setTimeout(hello, this.options.helloDelayMs);
    else hello();
  }

  private read(connection: Connection, chunk: Buffer): void {
    connection.buffer = Buffer.concat([connection.buffer, chunk]);
    for (;;) {
      const b = connection.buffer;
      if (b.length < 2) return;
      const opcode = b[0]! & 0x0f;
      const masked = (b[1]! & 0x80) !== 0;
      let length = b[1]! & 0x7f;
      let offset = 2;
      if (length === 126) {
        if (b.length < 4) return;
        length = b.readUInt16BE(2);
        offset = 4;
      } else if (length === 127) {
        if (b.length < 10) return;
        length = Number(b.readBigUInt64BE(2));
        offset = 10;
      }
      const maskAt = offset;
      if (masked) offset += 4;
      if (b.length < offset + length) return;
      const data = Buffer.from(b.subarray(offset, offset + length));
      if (masked) for (let i = 0; i < data.length; i++) data[i]! ^= b[maskAt + (i % 4)]!;
      connection.buffer = b.subarray(offset + length);
      this.onFrame(connection, opcode, data);
    }
  }

  private onFrame(connection: Connection, opcode: number, data: Buffer): void {
    if (opcode === OP.ping) {
      this.stats.pingsFromClient++;
      this.frame(connection, OP.pong, data);
    } else if (opcode === OP.pong) {
      this.stats.pongsFromClient++;
    } else if (opcode === OP.close) {
      this.frame(connection, OP.close, data.subarray(0, 2));
      connection.open = false;
      connection.socket.end();
    } else if (opcode === OP.text) {
      const message = JSON.parse(data.toString('utf8')) as { envelope_id?: string };
      if (message.envelope_id) {
        this.acked.add(message.envelope_id);
        this.ackWaiters.get(message.envelope_id)?.();
        this.ackWaiters.delete(message.envelope_id);
      }
    }
  }

  private text(connection: Connection, message: object): void {
    this.frame(connection, OP.text, Buffer.from(JSON.stringify(message)));
  }

  private frame(connection: Connection, opcode: number, data: Buffer): void {
    if (!connection.open || connection.socket.destroyed) return;
    const head =
      data.length < 126
        ? Buffer.from([0x80 | opcode, data.length])
        : data.length < 65_536
          ? Buffer.from([0x80 | opcode, 126, data.length >> 8, data.length & 0xff])
          : Buffer.concat([Buffer.from([0x80 | opcode, 127]), bigLength(data.length)]);
    connection.socket.write(Buffer.concat([head, data]));
  }
}

function bigLength(length: number): Buffer {
  const b = Buffer.alloc(8);
  b.writeBigUInt64BE(BigInt(length));
  return b;
}

/** Polls an async check until it holds. */
export async function eventually(
  check: () => Promise<boolean>,
  what: string,
  timeoutMs = 10_000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
