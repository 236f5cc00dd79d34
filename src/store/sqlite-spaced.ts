import type Database from 'better-sqlite3';
import { NUDGE_RULES } from '../coach/spaced-nudges.ts';
import type { NudgeRecord, SpacedStore } from './spaced-types.ts';
import { DEFAULT_LEVEL, DEFAULT_TIME_ZONE } from './statements.ts';
import type { OutboxMessage, UserKey } from './types.ts';

interface NudgeRow {
  workspace_id: string;
  user_id: string;
  enabled: number;
  minutes: number;
  snoozed_until: string | null;
  offered_at: number | null;
  time_zone: string | null;
}

type KeyParams = { workspaceId: string; userId: string };
const keyParams = (key: UserKey): KeyParams => ({ workspaceId: key.workspaceId, userId: key.userId });
const KEY = 'n.workspace_id = @workspaceId AND n.user_id = @userId';
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

function prepare(db: Database.Database) {
  return {
    ensureUser: db.prepare<KeyParams & { now: number }>(
      `INSERT INTO users (workspace_id, user_id, level, lens, time_zone, created_at, updated_at)
       VALUES (@workspaceId, @userId, '${DEFAULT_LEVEL}', NULL, '${DEFAULT_TIME_ZONE}', @now, @now)
       ON CONFLICT (workspace_id, user_id) DO NOTHING`,
    ),
    ensure: db.prepare<KeyParams & { now: number }>(
      `INSERT INTO nudge_settings (workspace_id, user_id, enabled, minutes, snoozed_until, offered_at, updated_at)
       VALUES (@workspaceId, @userId, 0, ${NUDGE_RULES.defaultMinutes}, NULL, NULL, @now)
       ON CONFLICT (workspace_id, user_id) DO NOTHING`,
    ),
    update: db.prepare<
      KeyParams & {
        enabled: number | null;
        minutes: number | null;
        setSnooze: number;
        snoozedUntil: string | null;
        now: number;
      }
    >(
      `UPDATE nudge_settings SET enabled = coalesce(@enabled, enabled), minutes = coalesce(@minutes, minutes),
         snoozed_until = CASE WHEN @setSnooze THEN @snoozedUntil ELSE snoozed_until END, updated_at = @now
       WHERE workspace_id = @workspaceId AND user_id = @userId`,
    ),
    offer: db.prepare<KeyParams & { now: number }>(
      `UPDATE nudge_settings SET offered_at = @now, updated_at = @now
       WHERE workspace_id = @workspaceId AND user_id = @userId AND offered_at IS NULL`,
    ),
    get: db.prepare<KeyParams, NudgeRow>(`${SELECT} WHERE ${KEY}`),
    listOn: db.prepare<[], NudgeRow>(`${SELECT} WHERE n.enabled = 1 ORDER BY n.workspace_id, n.user_id`),
    sentSince: db
      .prepare<KeyParams & { since: string }, string>(
        `SELECT local_date FROM nudges_sent
         WHERE workspace_id = @workspaceId AND user_id = @userId AND local_date >= @since ORDER BY local_date`,
      )
      .pluck(),
    claim: db.prepare<KeyParams & { localDate: string; now: number }>(
      `INSERT INTO nudges_sent (workspace_id, user_id, local_date, sent_at) VALUES (@workspaceId, @userId, @localDate, @now)
       ON CONFLICT DO NOTHING`,
    ),
    insertOutbox: db.prepare<KeyParams & { channel: string | null; now: number; payload: string }>(
      `INSERT INTO outbox (workspace_id, user_id, channel, attempts, created_at, payload)
       VALUES (@workspaceId, @userId, @channel, 0, @now, @payload)`,
    ),
  };
}

/** Nudge settings and sent nudges on SQLite. */
export class SqliteSpacedStore implements SpacedStore {
  private readonly s: ReturnType<typeof prepare>;
  private readonly save: (
    key: UserKey,
    changes: Parameters<SpacedStore['saveNudges']>[1],
    now: number,
  ) => void;
  private readonly send: (key: UserKey, localDate: string, message: OutboxMessage, now: number) => boolean;

  constructor(db: Database.Database) {
    this.s = prepare(db);
    const save = db.transaction(
      (key: UserKey, changes: Parameters<SpacedStore['saveNudges']>[1], now: number) => {
        const params = { ...keyParams(key), now };
        this.s.ensureUser.run(params);
        this.s.ensure.run(params);
        this.s.update.run({
          ...params,
          enabled: changes.enabled === undefined ? null : changes.enabled ? 1 : 0,
          minutes: changes.minutes ?? null,
          setSnooze: changes.snoozedUntil === undefined ? 0 : 1,
          snoozedUntil: changes.snoozedUntil ?? null,
        });
      },
    );
    this.save = (key, changes, now) => save.immediate(key, changes, now);
    const send = db.transaction((key: UserKey, localDate: string, message: OutboxMessage, now: number) => {
      const params = keyParams(key);
      if (this.s.claim.run({ ...params, localDate, now }).changes === 0) return false;
      this.s.insertOutbox.run({
        ...params,
        channel: message.channel,
        now,
        payload: JSON.stringify(message.payload),
      });
      return true;
    });
    this.send = (key, localDate, message, now) => send.immediate(key, localDate, message, now);
  }

  async getNudges(key: UserKey): Promise<NudgeRecord | null> {
    const row = this.s.get.get(keyParams(key));
    return row ? toRecord(row) : null;
  }

  async saveNudges(
    key: UserKey,
    changes: Parameters<SpacedStore['saveNudges']>[1],
    now: number,
  ): Promise<NudgeRecord> {
    this.save(key, changes, now);
    return toRecord(this.s.get.get(keyParams(key))!);
  }

  async markOffered(key: UserKey, now: number): Promise<boolean> {
    this.save(key, {}, now);
    return this.s.offer.run({ ...keyParams(key), now }).changes === 1;
  }

  async listNudgesOn(): Promise<NudgeRecord[]> {
    return this.s.listOn.all().map(toRecord);
  }

  async sentDates(key: UserKey, sinceDate: string): Promise<string[]> {
    return this.s.sentSince.all({ ...keyParams(key), since: sinceDate });
  }

  async allSentDates(key: UserKey): Promise<string[]> {
    return this.s.sentSince.all({ ...keyParams(key), since: '' });
  }

  async sendNudge(key: UserKey, localDate: string, message: OutboxMessage, now: number): Promise<boolean> {
    return this.send(key, localDate, message, now);
  }
}
