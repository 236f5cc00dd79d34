import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';

/** How long opening or writing keeps trying while another connection holds the file (SQLITE_BUSY). */
export const BUSY_GIVE_UP_MS = 5_000;
const BUSY_RETRY_MS = 25;

export function isBusy(error: unknown): boolean {
  return error instanceof Database.SqliteError && error.code === 'SQLITE_BUSY';
}

export function isFileBacked(path: string): boolean {
  return path !== '' && path !== ':memory:' && !path.startsWith('file:');
}

/**
 * Switches to WAL. SQLite answers SQLITE_BUSY at once, without its busy handler, when another connection is
 * setting up the same new file (two processes starting together), so this waits and tries again.
 */
async function useWriteAheadLog(db: Database.Database): Promise<void> {
  const giveUpAt = Date.now() + BUSY_GIVE_UP_MS;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if (!isBusy(error) || Date.now() > giveUpAt) throw error;
      await new Promise((resolve) => setTimeout(resolve, BUSY_RETRY_MS));
    }
  }
}

/**
 * Opens (creating it and its folder when missing) a SQLite file as both the database and the inbox use it: a busy
 * timeout, deleted rows overwritten with zeros (they may quote answers; see sqlite-privacy.ts), WAL, and
 * synchronous=NORMAL, with which a commit survives the process being killed without an fsync of its own (power
 * loss aside), so the inbox write on the acknowledgement path stays fast. Closed again if any of that fails.
 */
export async function openSqliteFile(path: string): Promise<Database.Database> {
  if (isFileBacked(path)) mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  try {
    db.pragma('busy_timeout = 5000');
    db.pragma('secure_delete = ON');
    await useWriteAheadLog(db);
    db.pragma('synchronous = NORMAL');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
