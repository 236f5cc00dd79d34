import type { InboundRequest } from '../types.ts';
import { PgInbox } from './inbox.ts';
import { createPool, PgDb } from './pool.ts';

/** What the HTTP front needs of the database: recording requests, and a ping for /healthz. */
export interface InboxFront {
  recordInbound(request: InboundRequest): Promise<boolean>;
  probe(): Promise<unknown>;
  close(): Promise<void>;
}

/**
 * The main thread's own small pool on PostgreSQL, for the inbox only: it loads pg and the inbox queries, not
 * the store (the coaching thread has opened and migrated the database already).
 */
export function openPostgresInboxFront(url: string): InboxFront {
  const db = new PgDb(createPool({ connectionString: url, max: 4 }));
  const inbox = new PgInbox(db);
  return {
    recordInbound: (request) => inbox.record(request),
    probe: () => db.rows('SELECT 1'),
    close: () => db.close(),
  };
}
