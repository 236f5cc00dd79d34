import { assertTimeZone, toUserProfile, type UserRow } from '../codec.ts';
import { DEFAULT_LEVEL, DEFAULT_TIME_ZONE } from '../statements.ts';
import type { UserKey, UserProfile, UserSettings } from '../types.ts';
import type { PgDb, Queryable } from './pool.ts';

const USER_COLUMNS =
  'workspace_id, user_id, level, lens, time_zone, job_family, pack, show_scores, created_at';

/** Creates the user row with defaults when missing. */
export async function ensureUser(db: PgDb, on: Queryable, key: UserKey, now: number): Promise<void> {
  await db.run(
    `INSERT INTO users (workspace_id, user_id, level, lens, time_zone, created_at, updated_at)
     VALUES ($1, $2, '${DEFAULT_LEVEL}', NULL, '${DEFAULT_TIME_ZONE}', $3, $3)
     ON CONFLICT (workspace_id, user_id) DO NOTHING`,
    [key.workspaceId, key.userId, now],
    on,
  );
}

export async function getUser(db: PgDb, key: UserKey): Promise<UserProfile | null> {
  const row = await db.one<UserRow>(
    `SELECT ${USER_COLUMNS} FROM users WHERE workspace_id = $1 AND user_id = $2`,
    [key.workspaceId, key.userId],
  );
  return row ? toUserProfile(row) : null;
}

export async function upsertUser(
  db: PgDb,
  key: UserKey,
  changes: Partial<UserSettings>,
  now: number,
): Promise<UserProfile> {
  if (changes.timeZone !== undefined) assertTimeZone(changes.timeZone);
  const row = await db.one<UserRow>(
    `INSERT INTO users (workspace_id, user_id, level, lens, time_zone, job_family, pack, show_scores, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $15, $8, $8)
     ON CONFLICT (workspace_id, user_id) DO UPDATE SET
       level = CASE WHEN $9 THEN excluded.level ELSE users.level END,
       lens = CASE WHEN $10 THEN excluded.lens ELSE users.lens END,
       time_zone = CASE WHEN $11 THEN excluded.time_zone ELSE users.time_zone END,
       job_family = CASE WHEN $12 THEN excluded.job_family ELSE users.job_family END,
       pack = CASE WHEN $13 THEN excluded.pack ELSE users.pack END,
       show_scores = CASE WHEN $14 THEN excluded.show_scores ELSE users.show_scores END,
       updated_at = excluded.updated_at
     RETURNING ${USER_COLUMNS}`,
    [
      key.workspaceId,
      key.userId,
      changes.level ?? DEFAULT_LEVEL,
      changes.lens ?? null,
      changes.timeZone ?? DEFAULT_TIME_ZONE,
      changes.jobFamily ?? null,
      changes.pack ?? null,
      now,
      changes.level !== undefined,
      changes.lens !== undefined,
      changes.timeZone !== undefined,
      changes.jobFamily !== undefined,
      changes.pack !== undefined,
      changes.showScores !== undefined,
      changes.showScores === false ? 0 : 1,
    ],
  );
  if (!row) throw new Error('Upserting a user returned no row');
  return toUserProfile(row);
}
