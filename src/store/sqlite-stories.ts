import type Database from 'better-sqlite3';
import type { PendingVersion } from '../coach/stories.ts';
import type { KeyParams } from './statements.ts';
import type { StoryChanges, StoryRecord, StoryStore } from './story-types.ts';
import type { UserKey } from './types.ts';

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

const OWNED = 'workspace_id = @workspaceId AND user_id = @userId';
const STORY_COLUMNS = `s.id, s.workspace_id, s.user_id, s.number, s.title, s.tags, s.retired_at, s.created_at,
  s.updated_at, (SELECT json_group_array(session_id) FROM
    (SELECT session_id FROM story_sessions WHERE story_id = s.id ORDER BY added_at, session_id)) AS session_ids`;

function prepare(db: Database.Database) {
  return {
    list: db.prepare<KeyParams, StoryRow>(
      `SELECT ${STORY_COLUMNS} FROM stories s
       WHERE s.workspace_id = @workspaceId AND s.user_id = @userId ORDER BY s.number`,
    ),
    one: db.prepare<KeyParams & { id: string }, StoryRow>(
      `SELECT ${STORY_COLUMNS} FROM stories s
       WHERE s.id = @id AND s.workspace_id = @workspaceId AND s.user_id = @userId`,
    ),
    create: db.prepare<KeyParams & { id: string; title: string; now: number }>(
      `INSERT INTO stories (id, workspace_id, user_id, number, title, tags, created_at, updated_at)
       SELECT @id, @workspaceId, @userId, coalesce(max(number), 0) + 1, @title, '[]', @now, @now
       FROM stories WHERE ${OWNED}
       ON CONFLICT (id) DO NOTHING`,
    ),
    link: db.prepare<KeyParams & { sessionId: string; storyId: string; now: number }>(
      `INSERT INTO story_sessions (session_id, story_id, added_at)
       SELECT @sessionId, @storyId, @now
       WHERE EXISTS (SELECT 1 FROM sessions WHERE id = @sessionId AND ${OWNED})
         AND EXISTS (SELECT 1 FROM stories WHERE id = @storyId AND ${OWNED})
       ON CONFLICT (session_id) DO NOTHING`,
    ),
    update: db.prepare<
      KeyParams & {
        id: string;
        title: string | null;
        tags: string | null;
        setRetired: number;
        retiredAt: number | null;
        now: number;
      }
    >(
      `UPDATE stories SET
         title = coalesce(@title, title),
         tags = coalesce(@tags, tags),
         retired_at = CASE WHEN @setRetired THEN @retiredAt ELSE retired_at END,
         updated_at = @now
       WHERE id = @id AND ${OWNED}`,
    ),
    moveVersions: db.prepare<{ fromId: string; intoId: string }>(
      'UPDATE story_sessions SET story_id = @intoId WHERE story_id = @fromId',
    ),
    delete: db.prepare<KeyParams & { id: string }>(`DELETE FROM stories WHERE id = @id AND ${OWNED}`),
  };
}

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

const keyParams = (key: UserKey): KeyParams => ({ workspaceId: key.workspaceId, userId: key.userId });

/** The story bank on SQLite; every write is one IMMEDIATE transaction. */
export class SqliteStoryStore implements StoryStore {
  private readonly s: ReturnType<typeof prepare>;
  private readonly fileTx: (key: UserKey, versions: PendingVersion[], now: number) => void;
  private readonly mergeTx: (key: UserKey, fromId: string, intoId: string, now: number) => boolean;

  constructor(db: Database.Database) {
    this.s = prepare(db);
    const file = db.transaction((key: UserKey, versions: PendingVersion[], now: number) => {
      for (const v of versions) {
        this.s.create.run({ ...keyParams(key), id: v.storyId, title: v.title, now: v.createdAt || now });
        this.s.link.run({
          ...keyParams(key),
          sessionId: v.sessionId,
          storyId: v.storyId,
          now: v.createdAt || now,
        });
      }
    });
    this.fileTx = (key, versions, now) => file.immediate(key, versions, now);
    const merge = db.transaction((key: UserKey, fromId: string, intoId: string, now: number) => {
      const from = this.s.one.get({ ...keyParams(key), id: fromId });
      const into = this.s.one.get({ ...keyParams(key), id: intoId });
      if (!from || !into || fromId === intoId) return false;
      const tags = [...new Set([...toRecord(into).tags, ...toRecord(from).tags])];
      this.s.moveVersions.run({ fromId, intoId });
      this.s.update.run({
        ...keyParams(key),
        id: intoId,
        title: null,
        tags: JSON.stringify(tags),
        setRetired: 0,
        retiredAt: null,
        now,
      });
      this.s.delete.run({ ...keyParams(key), id: fromId });
      return true;
    });
    this.mergeTx = (key, fromId, intoId, now) => merge.immediate(key, fromId, intoId, now);
  }

  async list(key: UserKey): Promise<StoryRecord[]> {
    return this.s.list.all(keyParams(key)).map(toRecord);
  }

  async file(key: UserKey, versions: PendingVersion[], now: number): Promise<void> {
    if (versions.length > 0) this.fileTx(key, versions, now);
  }

  async update(
    key: UserKey,
    storyId: string,
    changes: StoryChanges,
    now: number,
  ): Promise<StoryRecord | null> {
    const changed = this.s.update.run({
      ...keyParams(key),
      id: storyId,
      title: changes.title ?? null,
      tags: changes.tags ? JSON.stringify([...new Set(changes.tags)]) : null,
      setRetired: changes.retiredAt === undefined ? 0 : 1,
      retiredAt: changes.retiredAt ?? null,
      now,
    });
    if (changed.changes === 0) return null;
    const row = this.s.one.get({ ...keyParams(key), id: storyId });
    return row ? toRecord(row) : null;
  }

  async merge(key: UserKey, fromId: string, intoId: string, now: number): Promise<StoryRecord | null> {
    if (!this.mergeTx(key, fromId, intoId, now)) return null;
    const row = this.s.one.get({ ...keyParams(key), id: intoId });
    return row ? toRecord(row) : null;
  }
}
