import type { ForwardedRequest, HealthReport } from './ack-front.ts';

/** Messages from the main thread (HTTP front) to the coaching thread. */
export type ToCoaching =
  | { type: 'request'; request: ForwardedRequest }
  | { type: 'health'; id: number }
  | { type: 'stop' };

/** Messages from the coaching thread to the main thread. A start-up failure ends the thread with an exit code. */
export type FromCoaching =
  | { type: 'ready' }
  | { type: 'health'; id: number; report: HealthReport }
  | { type: 'stopped' };
