import { NUDGE_RULES } from '../../coach/spaced-nudges.ts';
import type { NudgeRecord, SpacedStore } from '../spaced-types.ts';
import { DEFAULT_TIME_ZONE } from '../statements.ts';
import type { OutboxMessage, UserKey } from '../types.ts';
import { insertOutbox } from './outbox.ts';
import type { PgDb, Queryable } from './pool.ts';
import { ensureUser } from './users.ts';

interface NudgeRow {
  workspace_id: string;
  user_id: string;
  enabled: number;
  minutes: number;
  snoozed_until: string | null;
  offered_at: number | null;
  time_zone: string | null;
}

const SELECT = `SELECT n.workspace_id, n.user_id, n.enabled, n.minutes, n.snoozed_until, n.offered_at, u.time_zone
  FROM nudge_settings n JOIN users u ON u.workspace_id = n.workspace_id AND u.user_id = n.user_id`;

function toRecord(row: NudgeRow): NudgeRecord {
  return {
    workspaceId: row.workspace_id,
    userId: row.user_id,
    enabled: row.enabled === 1,
    minutes: row.minutes,
    snoozedUntil: row.snoozed_until,
    offeredAt: row.offered_at,
    timeZone: row.time_zone ?? DEFAULT_TIME_ZONE,
  };
}

type Changes = Parameters<SpacedStore['saveNudges']>[1];

/** Nudge settings and sent nudges on PostgreSQL; the (person, local date) key keeps nudges to one a day. */
export class PgSpacedStore implements SpacedStore {
  constructor(private readonly db: PgDb) {}

  async getNudges(key: UserKey): Promise<NudgeRecord | null> {
    const row = await this.db.one<NudgeRow>(`${SELECT} WHERE n.workspace_id = $1 AND n.user_id = $2`, [
      key.workspaceId,
      key.userId,
    ]);
    return row ? toRecord(row) : null;
  }

  async saveNudges(key: UserKey, changes: Changes, now: number): Promise<NudgeRecord> {
    await this.db.tx((client) => this.save(client, key, changes, now));
    return (await this.getNudges(key))!;
  }

  async markOffered(key: UserKey, now: number): Promise<boolean> {
    return this.db.tx(async (client) => {
      await this.save(client, key, {}, now);
      const offered = await this.db.run(
        `UPDATE nudge_settings SET offered_at = $3, updated_at = $3
         WHERE workspace_id = $1 AND user_id = $2 AND offered_at IS NULL`,
        [key.workspaceId, key.userId, now],
        client,
      );
      return offered === 1;
    });
  }

  async listNudgesOn(): Promise<NudgeRecord[]> {
    const rows = await this.db.rows<NudgeRow>(
      `${SELECT} WHERE n.enabled = 1 ORDER BY n.workspace_id, n.user_id`,
    );
    return rows.map(toRecord);
  }

  async sentDates(key: UserKey, sinceDate: string): Promise<string[]> {
    const rows = await this.db.rows<{ local_date: string }>(
      `SELECT local_date FROM nudges_sent
       WHERE workspace_id = $1 AND user_id = $2 AND local_date >= $3 ORDER BY local_date`,
      [key.workspaceId, key.userId, sinceDate],
    );
    return rows.map((row) => row.local_date);
  }

  async allSentDates(key: UserKey): Promise<string[]> {
    return this.sentDates(key, '');
  }

  async sendNudge(key: UserKey, localDate: string, message: OutboxMessage, now: number): Promise<boolean> {
    return this.db.tx(async (client) => {
      const claimed = await this.db.run(
        `INSERT INTO nudges_sent (workspace_id, user_id, local_date, sent_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT DO NOTHING`,
        [key.workspaceId, key.userId, localDate, now],
        client,
      );
      if (claimed === 0) return false;
      await insertOutbox(this.db, client, key, message, now);
      return true;
    });
  }

  private async save(client: Queryable, key: UserKey, changes: Changes, now: number): Promise<void> {
    const k = [key.workspaceId, key.userId];
    await ensureUser(this.db, client, key, now);
    await this.db.run(
      `INSERT INTO nudge_settings (workspace_id, user_id, enabled, minutes, snoozed_until, offered_at, updated_at)
       VALUES ($1, $2, 0, ${NUDGE_RULES.defaultMinutes}, NULL, NULL, $3)
       ON CONFLICT (workspace_id, user_id) DO NOTHING`,
      [...k, now],
      client,
    );
    await this.db.run(
      `UPDATE nudge_settings SET enabled = coalesce($3, enabled), minutes = coalesce($4, minutes),
         snoozed_until = CASE WHEN $5 THEN $6 ELSE snoozed_until END, updated_at = $7
       WHERE workspace_id = $1 AND user_id = $2`,
      [
        ...k,
        changes.enabled === undefined ? null : changes.enabled ? 1 : 0,
        changes.minutes ?? null,
        changes.snoozedUntil !== undefined,
        changes.snoozedUntil ?? null,
        now,
      ],
      client,
    );
  }
}
