import { Pool } from 'undici';

/** One request of a load run, built when it is due (so signatures carry a fresh timestamp). */
export interface LoadRequest {
  headers: Record<string, string>;
  body: string;
}

export interface LoadOptions {
  /** Full URL every request is POSTed to. */
  url: string;
  ratePerSecond: number;
  durationMs: number;
  build: (index: number) => LoadRequest;
  /** A request with no answer after this long counts as failed. */
  timeoutMs?: number;
}

export interface LoadResult {
  sent: number;
  /** Per request, from when it was due to be sent to the end of its response (ms). */
  latenciesMs: number[];
  statuses: Record<string, number>;
  /** Anything but HTTP 200, including connection errors and timeouts. */
  non200: number;
  /** How late the generator itself sent requests (its own overload shows here, not as app latency). */
  maxSendLagMs: number;
  elapsedMs: number;
}

/**
 * An open-loop generator: requests go out on a fixed schedule whatever the answers do, and latency is measured
 * from the scheduled time, so a stalled server cannot hide its stall by slowing the sender (coordinated omission).
 * Requests go through an undici connection pool (keep-alive, one request per connection at a time, more
 * connections opened when answers are slow). Resolves once every request has answered or timed out.
 */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const target = new URL(options.url);
  const pool = new Pool(target.origin, { connections: 512, pipelining: 1 });
  const total = Math.max(1, Math.round((options.ratePerSecond * options.durationMs) / 1000));
  const intervalMs = 1000 / options.ratePerSecond;
  const latenciesMs: number[] = [];
  const statuses: Record<string, number> = {};
  let non200 = 0;
  let maxSendLagMs = 0;
  let answered = 0;
  const count = (status: string) => {
    statuses[status] = (statuses[status] ?? 0) + 1;
    if (status !== '200') non200++;
  };

  let finishAll: () => void = () => {};
  const allAnswered = new Promise<void>((resolve) => {
    finishAll = resolve;
  });
  const done = (dueAt: number, status: string) => {
    latenciesMs.push(performance.now() - dueAt);
    count(status);
    answered++;
    if (answered === total) finishAll();
  };

  const send = (index: number, dueAt: number) => {
    const { headers, body } = options.build(index);
    pool
      .request({
        method: 'POST',
        path: `${target.pathname}${target.search}`,
        headers,
        body,
        headersTimeout: timeoutMs,
        bodyTimeout: timeoutMs,
      })
      .then(
        async (res) => {
          await res.body.dump();
          done(dueAt, String(res.statusCode));
        },
        (error: { code?: string }) => done(dueAt, error.code ?? 'error'),
      );
  };

  const started = performance.now();
  let next = 0;
  await new Promise<void>((resolve) => {
    const tick = () => {
      const now = performance.now();
      while (next < total && started + next * intervalMs <= now) {
        const dueAt = started + next * intervalMs;
        maxSendLagMs = Math.max(maxSendLagMs, now - dueAt);
        send(next, dueAt);
        next++;
      }
      if (next >= total) return resolve();
      const wait = Math.max(0, started + next * intervalMs - performance.now());
      setTimeout(tick, wait);
    };
    tick();
  });
  await allAnswered;
  await pool.close();
  return {
    sent: total,
    latenciesMs,
    statuses,
    non200,
    maxSendLagMs,
    elapsedMs: performance.now() - started,
  };
}
