import type { DailyDays } from '../../schedule/due.ts';
import type {
  ChannelKey,
  DailyPostRecord,
  DailyScheduleRecord,
  DailyStore,
  ScheduleToSave,
} from '../daily-types.ts';
import type { PgDb } from './pool.ts';

interface ScheduleRow {
  workspace_id: string;
  channel_id: string;
  minutes: number;
  time_zone: string;
  days: DailyDays;
  first_date: string;
  created_by: string | null;
  created_at: number;
  paused_reason: string | null;
  pack: string | null;
}

interface PostRow {
  workspace_id: string;
  channel_id: string;
  local_date: string;
  question_id: string;
  status: 'claimed' | 'posted';
  message_ts: string | null;
  posted_at: number | null;
}

const SCHEDULE_COLUMNS =
  'workspace_id, channel_id, minutes, time_zone, days, first_date, created_by, created_at, paused_reason, pack';
const POST_COLUMNS = 'workspace_id, channel_id, local_date, question_id, status, message_ts, posted_at';
const CHANNEL = 'workspace_id = $1 AND channel_id = $2';
const POST = `${CHANNEL} AND local_date = $3`;

function toSchedule(row: ScheduleRow): DailyScheduleRecord {
  return {
    workspaceId: row.workspace_id,
    channelId: row.channel_id,
    minutes: row.minutes,
    timeZone: row.time_zone,
    days: row.days,
    firstDate: row.first_date,
    createdBy: row.created_by,
    createdAt: row.created_at,
    pausedReason: row.paused_reason,
    paused: row.paused_reason !== null,
    pack: row.pack,
  };
}

function toPost(row: PostRow): DailyPostRecord {
  return {
    workspaceId: row.workspace_id,
    channelId: row.channel_id,
    localDate: row.local_date,
    questionId: row.question_id,
    status: row.status,
    messageTs: row.message_ts,
    postedAt: row.posted_at,
  };
}

/**
 * Daily prompt schedules, claims and practice counts on PostgreSQL. The claim row (one per channel and local
 * date) is what keeps a prompt to one post across every instance.
 */
export class PgDailyStore implements DailyStore {
  constructor(private readonly db: PgDb) {}

  async saveSchedule(schedule: ScheduleToSave, now: number): Promise<void> {
    await this.db.run(
      `INSERT INTO daily_schedules (${SCHEDULE_COLUMNS}, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, NULL, $9, $10)
       ON CONFLICT (workspace_id, channel_id) DO UPDATE SET
         minutes = excluded.minutes, time_zone = excluded.time_zone, days = excluded.days,
         first_date = excluded.first_date, created_by = excluded.created_by, created_at = excluded.created_at,
         paused_reason = NULL, pack = excluded.pack, updated_at = excluded.updated_at`,
      [
        schedule.workspaceId,
        schedule.channelId,
        schedule.minutes,
        schedule.timeZone,
        schedule.days,
        schedule.firstDate,
        schedule.createdBy,
        schedule.createdAt,
        schedule.pack ?? null,
        now,
      ],
    );
  }

  async deleteSchedule(c: ChannelKey): Promise<boolean> {
    return (
      (await this.db.run(`DELETE FROM daily_schedules WHERE ${CHANNEL}`, [c.workspaceId, c.channelId])) > 0
    );
  }

  async getSchedule(c: ChannelKey): Promise<DailyScheduleRecord | null> {
    const row = await this.db.one<ScheduleRow>(
      `SELECT ${SCHEDULE_COLUMNS} FROM daily_schedules WHERE ${CHANNEL}`,
      [c.workspaceId, c.channelId],
    );
    return row ? toSchedule(row) : null;
  }

  async listSchedules(): Promise<DailyScheduleRecord[]> {
    const rows = await this.db.rows<ScheduleRow>(
      `SELECT ${SCHEDULE_COLUMNS} FROM daily_schedules ORDER BY workspace_id, channel_id`,
    );
    return rows.map(toSchedule);
  }

  async pauseSchedule(c: ChannelKey, reason: string, now: number): Promise<void> {
    await this.db.run(`UPDATE daily_schedules SET paused_reason = $3, updated_at = $4 WHERE ${CHANNEL}`, [
      c.workspaceId,
      c.channelId,
      reason,
      now,
    ]);
  }

  async claimPost(
    c: ChannelKey,
    localDate: string,
    questionId: string,
    holder: string,
    now: number,
    leaseMs: number,
  ): Promise<boolean> {
    const claimed = await this.db.run(
      `INSERT INTO daily_posts (workspace_id, channel_id, local_date, question_id, status, holder, lease_until, claimed_at)
       VALUES ($1, $2, $3, $4, 'claimed', $5, $6, $7)
       ON CONFLICT (workspace_id, channel_id, local_date) DO UPDATE SET
         holder = excluded.holder, lease_until = excluded.lease_until, claimed_at = excluded.claimed_at
       WHERE daily_posts.status = 'claimed' AND daily_posts.lease_until <= excluded.claimed_at`,
      [c.workspaceId, c.channelId, localDate, questionId, holder, now + leaseMs, now],
    );
    return claimed === 1;
  }

  async markPosted(c: ChannelKey, localDate: string, holder: string, messageTs: string, now: number) {
    await this.db.run(
      `UPDATE daily_posts SET status = 'posted', message_ts = $5, posted_at = $6 WHERE ${POST} AND holder = $4`,
      [c.workspaceId, c.channelId, localDate, holder, messageTs, now],
    );
  }

  async releaseClaim(c: ChannelKey, localDate: string, holder: string): Promise<void> {
    await this.db.run(`DELETE FROM daily_posts WHERE ${POST} AND holder = $4 AND status = 'claimed'`, [
      c.workspaceId,
      c.channelId,
      localDate,
      holder,
    ]);
  }

  async getPost(c: ChannelKey, localDate: string): Promise<DailyPostRecord | null> {
    const row = await this.db.one<PostRow>(`SELECT ${POST_COLUMNS} FROM daily_posts WHERE ${POST}`, [
      c.workspaceId,
      c.channelId,
      localDate,
    ]);
    return row ? toPost(row) : null;
  }

  async pendingRecap(c: ChannelKey, localDate: string): Promise<DailyPostRecord | null> {
    const row = await this.db.one<PostRow>(
      `SELECT ${POST_COLUMNS} FROM daily_posts
       WHERE ${CHANNEL} AND local_date < $3 AND status = 'posted' AND recap_posted_at IS NULL
       ORDER BY local_date DESC LIMIT 1`,
      [c.workspaceId, c.channelId, localDate],
    );
    return row ? toPost(row) : null;
  }

  async claimRecap(c: ChannelKey, localDate: string, now: number): Promise<boolean> {
    const claimed = await this.db.run(
      `UPDATE daily_posts SET recap_posted_at = $4 WHERE ${POST} AND status = 'posted' AND recap_posted_at IS NULL`,
      [c.workspaceId, c.channelId, localDate, now],
    );
    return claimed === 1;
  }

  async recordPractice(c: ChannelKey, localDate: string, userId: string, now: number): Promise<void> {
    await this.db.tx(async (client) => {
      await this.db.run(
        `INSERT INTO users (workspace_id, user_id, created_at, updated_at) VALUES ($1, $2, $3, $3)
         ON CONFLICT (workspace_id, user_id) DO NOTHING`,
        [c.workspaceId, userId, now],
        client,
      );
      await this.db.run(
        `INSERT INTO daily_practice (workspace_id, channel_id, local_date, user_id, practised_at)
         VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING`,
        [c.workspaceId, c.channelId, localDate, userId, now],
        client,
      );
    });
  }

  async practiceCount(c: ChannelKey, localDate: string): Promise<number> {
    const row = await this.db.one<{ n: number }>(`SELECT count(*) AS n FROM daily_practice WHERE ${POST}`, [
      c.workspaceId,
      c.channelId,
      localDate,
    ]);
    return row?.n ?? 0;
  }
}
