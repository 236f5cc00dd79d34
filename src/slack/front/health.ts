import type { DatabaseKind } from '../../store/open.ts';
import type { HealthReport } from './ack-front.ts';

export type { DatabaseKind };

/** What the Socket Mode connection knows of itself. */
export interface SocketHealth {
  connected: boolean;
  /** When the last open connection was lost; null while connected or before the first `hello`. */
  lostAt: number | null;
}

/** A connection lost this recently is still healthy: Slack refreshes connections routinely. */
export const SOCKET_GRACE_MS = 10_000;

export interface HealthInputs {
  mode: 'http' | 'socket';
  databaseKind: DatabaseKind;
  /** A read that resolves when the database answers (a user look-up, a ping). */
  probe: () => Promise<unknown>;
  /** Socket Mode only. */
  socket?: () => SocketHealth;
  now: () => number;
}

/** Whom the health check looks up: a read of the users table answers whether the database does. */
export const HEALTH_PROBE_USER = { workspaceId: '_health', userId: '_health' };

/**
 * GET /healthz: 200 only when the database answers a read and, in Socket Mode, a connection is open or was lost
 * less than SOCKET_GRACE_MS ago; 503 otherwise, and before the first connection.
 */
export async function healthReport(inputs: HealthInputs): Promise<HealthReport> {
  let database: 'open' | 'unavailable' = 'open';
  try {
    await inputs.probe();
  } catch {
    database = 'unavailable';
  }
  const socket = inputs.socket?.();
  const listening =
    !socket || socket.connected || (socket.lostAt !== null && inputs.now() - socket.lostAt < SOCKET_GRACE_MS);
  const ok = database === 'open' && listening;
  return {
    status: ok ? 200 : 503,
    body: {
      status: ok ? 'ok' : 'unavailable',
      mode: inputs.mode,
      database,
      databaseKind: inputs.databaseKind,
      ...(socket ? { socket: socket.connected ? 'connected' : 'disconnected' } : {}),
    },
  };
}
