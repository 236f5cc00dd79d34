import pg from 'pg';
import { StoreUnavailableError } from '../errors.ts';

/** A pool or one of its clients inside a transaction: both run queries. */
export type Queryable = Pick<pg.Pool | pg.PoolClient, 'query'>;

const INT8 = 20;
const JSON_OID = 114;
const JSONB_OID = 3802;

/**
 * BIGINT (epoch milliseconds, ids, counts) as numbers: they stay far below 2^53. JSON columns as their text, as
 * SQLite returns them, so both stores share the codecs that parse it.
 */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === INT8) return (value: string) => Number(value);
    if (oid === JSON_OID || oid === JSONB_OID) return (value: string) => value;
    return pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

export interface PoolOptions {
  /** postgres:// or postgresql:// URL; libpq parameters and PG* variables are read as pg reads them. */
  connectionString: string;
  /** Most connections held open; the inbox front needs only a few. */
  max?: number;
}

export function createPool(options: PoolOptions): pg.Pool {
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    connectionTimeoutMillis: 10_000,
    types,
  });
  // An idle client whose connection dropped emits here; the pool discards it and opens another when needed.
  pool.on('error', () => {});
  return pool;
}

const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'EPIPE',
  'ETIMEDOUT',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
]);

/** True when an error means the database did not answer (as opposed to a query it refused). */
export function isConnectionError(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || code.startsWith('08'))) return true;
  return /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error/i.test(
    error.message,
  );
}

/** The Store's typed error for a database that did not answer; anything else passes through unchanged. */
export function storeError(error: unknown): unknown {
  if (error instanceof StoreUnavailableError || !isConnectionError(error)) return error;
  return new StoreUnavailableError(`The PostgreSQL database did not answer: ${(error as Error).message}`, {
    cause: error,
  });
}

/**
 * PostgreSQL text cannot hold U+0000, which SQLite stores and a hostile Slack message may carry: in plain text
 * columns it becomes U+FFFD, so the turn is applied instead of failing forever. (JSON columns keep the escape.)
 */
function storable(params: unknown[]): unknown[] {
  return params.map((p) =>
    typeof p === 'string' && p.includes('\u0000') ? p.replaceAll('\u0000', '\ufffd') : p,
  );
}

/** Runs queries on a pool, each failure that means "no database" turned into StoreUnavailableError. */
export class PgDb {
  constructor(readonly pool: pg.Pool) {}

  async rows<T>(sql: string, params: unknown[] = [], on: Queryable = this.pool): Promise<T[]> {
    try {
      return (await on.query(sql, storable(params))).rows as T[];
    } catch (error) {
      throw storeError(error);
    }
  }

  /**
   * A hot read as a named prepared statement: each connection parses and plans it once (planning cost more than
   * running the progress query), then reuses the plan.
   */
  async prepared<T>(name: string, sql: string, params: unknown[]): Promise<T[]> {
    try {
      return (await this.pool.query({ name, text: sql, values: storable(params) })).rows as T[];
    } catch (error) {
      throw storeError(error);
    }
  }

  async one<T>(sql: string, params: unknown[] = [], on: Queryable = this.pool): Promise<T | undefined> {
    return (await this.rows<T>(sql, params, on))[0];
  }

  /** Rows changed by an INSERT, UPDATE or DELETE. */
  async run(sql: string, params: unknown[] = [], on: Queryable = this.pool): Promise<number> {
    try {
      return (await on.query(sql, storable(params))).rowCount ?? 0;
    } catch (error) {
      throw storeError(error);
    }
  }

  /** BEGIN … COMMIT on one pooled client; any error rolls back. A client whose connection broke is discarded. */
  async tx<T>(work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    let client: pg.PoolClient;
    try {
      client = await this.pool.connect();
    } catch (error) {
      throw storeError(error);
    }
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      if (isConnectionError(error)) broken = error as Error;
      else await client.query('ROLLBACK').catch((rollbackError: Error) => (broken = rollbackError));
      throw storeError(error);
    } finally {
      client.release(broken);
    }
  }

  async close(): Promise<void> {
    await this.pool.end();
  }
}
