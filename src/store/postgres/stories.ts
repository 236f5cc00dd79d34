import type { PendingVersion } from '../../coach/stories.ts';
import type { StoryChanges, StoryRecord, StoryStore } from '../story-types.ts';
import type { UserKey } from '../types.ts';
import type { PgDb, Queryable } from './pool.ts';

interface StoryRow {
  id: string;
  workspace_id: string;
  user_id: string;
  number: number;
  title: string;
  tags: string;
  retired_at: number | null;
  created_at: number;
  updated_at: number;
  session_ids: string | null;
}

const STORY_COLUMNS = `s.id, s.workspace_id, s.user_id, s.number, s.title, s.tags, s.retired_at, s.created_at,
  s.updated_at, (SELECT json_agg(v.session_id ORDER BY v.added_at, v.session_id) FROM story_sessions v
    WHERE v.story_id = s.id) AS session_ids`;

function toRecord(row: StoryRow): StoryRecord {
  const tags: unknown = JSON.parse(row.tags);
  const sessionIds: unknown = JSON.parse(row.session_ids ?? '[]');
  return {
    id: row.id,
    workspaceId: row.workspace_id,
    userId: row.user_id,
    number: row.number,
    title: row.title,
    tags: Array.isArray(tags) ? tags.filter((t): t is string => typeof t === 'string') : [],
    retiredAt: row.retired_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    sessionIds: Array.isArray(sessionIds) ? sessionIds.filter((s): s is string => typeof s === 'string') : [],
  };
}

/**
 * The story bank on PostgreSQL. Writes that number stories lock the person's user row first, so two instances
 * filing at once take turns instead of choosing the same number.
 */
export class PgStoryStore implements StoryStore {
  constructor(private readonly db: PgDb) {}

  async list(key: UserKey): Promise<StoryRecord[]> {
    const rows = await this.db.rows<StoryRow>(
      `SELECT ${STORY_COLUMNS} FROM stories s WHERE s.workspace_id = $1 AND s.user_id = $2 ORDER BY s.number`,
      [key.workspaceId, key.userId],
    );
    return rows.map(toRecord);
  }

  async file(key: UserKey, versions: PendingVersion[], now: number): Promise<void> {
    if (versions.length === 0) return;
    const k = [key.workspaceId, key.userId];
    await this.db.tx(async (client) => {
      await this.lockPerson(client, key);
      for (const v of versions) {
        const at = v.createdAt || now;
        await this.db.run(
          `INSERT INTO stories (id, workspace_id, user_id, number, title, tags, created_at, updated_at)
           SELECT $3, $1, $2, coalesce(max(number), 0) + 1, $4, '[]', $5, $5
           FROM stories WHERE workspace_id = $1 AND user_id = $2
           ON CONFLICT (id) DO NOTHING`,
          [...k, v.storyId, v.title, at],
          client,
        );
        await this.db.run(
          `INSERT INTO story_sessions (session_id, story_id, added_at)
           SELECT $3, $4, $5
           WHERE EXISTS (SELECT 1 FROM sessions WHERE id = $3 AND workspace_id = $1 AND user_id = $2)
             AND EXISTS (SELECT 1 FROM stories WHERE id = $4 AND workspace_id = $1 AND user_id = $2)
           ON CONFLICT (session_id) DO NOTHING`,
          [...k, v.sessionId, v.storyId, at],
          client,
        );
      }
    });
  }

  async update(
    key: UserKey,
    storyId: string,
    changes: StoryChanges,
    now: number,
  ): Promise<StoryRecord | null> {
    const changed = await this.write(this.db.pool, key, storyId, changes, now);
    return changed ? this.one(this.db.pool, key, storyId) : null;
  }

  async merge(key: UserKey, fromId: string, intoId: string, now: number): Promise<StoryRecord | null> {
    const merged = await this.db.tx(async (client) => {
      await this.lockPerson(client, key);
      const from = await this.one(client, key, fromId);
      const into = await this.one(client, key, intoId);
      if (!from || !into || fromId === intoId) return false;
      await this.db.run(
        'UPDATE story_sessions SET story_id = $2 WHERE story_id = $1',
        [fromId, intoId],
        client,
      );
      await this.write(client, key, intoId, { tags: [...into.tags, ...from.tags] }, now);
      await this.db.run(
        'DELETE FROM stories WHERE id = $3 AND workspace_id = $1 AND user_id = $2',
        [key.workspaceId, key.userId, fromId],
        client,
      );
      return true;
    });
    return merged ? this.one(this.db.pool, key, intoId) : null;
  }

  private async one(on: Queryable, key: UserKey, id: string): Promise<StoryRecord | null> {
    const row = await this.db.one<StoryRow>(
      `SELECT ${STORY_COLUMNS} FROM stories s WHERE s.id = $3 AND s.workspace_id = $1 AND s.user_id = $2`,
      [key.workspaceId, key.userId, id],
      on,
    );
    return row ? toRecord(row) : null;
  }

  private async write(on: Queryable, key: UserKey, id: string, changes: StoryChanges, now: number) {
    const changed = await this.db.run(
      `UPDATE stories SET
         title = coalesce($4, title),
         tags = coalesce($5::json, tags),
         retired_at = CASE WHEN $6 THEN $7 ELSE retired_at END,
         updated_at = $8
       WHERE id = $3 AND workspace_id = $1 AND user_id = $2`,
      [
        key.workspaceId,
        key.userId,
        id,
        changes.title ?? null,
        changes.tags ? JSON.stringify([...new Set(changes.tags)]) : null,
        changes.retiredAt !== undefined,
        changes.retiredAt ?? null,
        now,
      ],
      on,
    );
    return changed > 0;
  }

  private async lockPerson(client: Queryable, key: UserKey): Promise<void> {
    await this.db.run(
      'SELECT 1 FROM users WHERE workspace_id = $1 AND user_id = $2 FOR NO KEY UPDATE',
      [key.workspaceId, key.userId],
      client,
    );
  }
}
