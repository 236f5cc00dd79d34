import type Database from 'better-sqlite3';
import type { DailyDays } from '../schedule/due.ts';
import type {
  ChannelKey,
  DailyPostRecord,
  DailyScheduleRecord,
  DailyStore,
  ScheduleToSave,
} from './daily-types.ts';

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

type PostKey = ChannelKey & { localDate: string };

const SCHEDULE_COLUMNS =
  'workspace_id, channel_id, minutes, time_zone, days, first_date, created_by, created_at, paused_reason, pack';
const POST_COLUMNS = 'workspace_id, channel_id, local_date, question_id, status, message_ts, posted_at';
const CHANNEL = 'workspace_id = @workspaceId AND channel_id = @channelId';
const POST = `${CHANNEL} AND local_date = @localDate`;

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

const channelParams = (c: ChannelKey) => ({ workspaceId: c.workspaceId, channelId: c.channelId });

function prepare(db: Database.Database) {
  return {
    save: db.prepare(
      `INSERT INTO daily_schedules (${SCHEDULE_COLUMNS}, updated_at)
       VALUES (@workspaceId, @channelId, @minutes, @timeZone, @days, @firstDate, @createdBy, @createdAt, NULL, @pack, @now)
       ON CONFLICT (workspace_id, channel_id) DO UPDATE SET
         minutes = excluded.minutes, time_zone = excluded.time_zone, days = excluded.days,
         first_date = excluded.first_date, created_by = excluded.created_by, created_at = excluded.created_at,
         paused_reason = NULL, pack = excluded.pack, updated_at = excluded.updated_at`,
    ),
    delete: db.prepare<ChannelKey>(`DELETE FROM daily_schedules WHERE ${CHANNEL}`),
    get: db.prepare<ChannelKey, ScheduleRow>(
      `SELECT ${SCHEDULE_COLUMNS} FROM daily_schedules WHERE ${CHANNEL}`,
    ),
    list: db.prepare<[], ScheduleRow>(
      `SELECT ${SCHEDULE_COLUMNS} FROM daily_schedules ORDER BY workspace_id, channel_id`,
    ),
    pause: db.prepare(
      `UPDATE daily_schedules SET paused_reason = @reason, updated_at = @now WHERE ${CHANNEL}`,
    ),
    claim: db.prepare(
      `INSERT INTO daily_posts (workspace_id, channel_id, local_date, question_id, status, holder, lease_until, claimed_at)
       VALUES (@workspaceId, @channelId, @localDate, @questionId, 'claimed', @holder, @leaseUntil, @now)
       ON CONFLICT (workspace_id, channel_id, local_date) DO UPDATE SET
         holder = excluded.holder, lease_until = excluded.lease_until, claimed_at = excluded.claimed_at
       WHERE daily_posts.status = 'claimed' AND daily_posts.lease_until <= excluded.claimed_at`,
    ),
    posted: db.prepare(
      `UPDATE daily_posts SET status = 'posted', message_ts = @messageTs, posted_at = @now
       WHERE ${POST} AND holder = @holder`,
    ),
    release: db.prepare(`DELETE FROM daily_posts WHERE ${POST} AND holder = @holder AND status = 'claimed'`),
    getPost: db.prepare<PostKey, PostRow>(`SELECT ${POST_COLUMNS} FROM daily_posts WHERE ${POST}`),
    pendingRecap: db.prepare<PostKey, PostRow>(
      `SELECT ${POST_COLUMNS} FROM daily_posts
       WHERE ${CHANNEL} AND local_date < @localDate AND status = 'posted' AND recap_posted_at IS NULL
       ORDER BY local_date DESC LIMIT 1`,
    ),
    claimRecap: db.prepare(
      `UPDATE daily_posts SET recap_posted_at = @now WHERE ${POST} AND status = 'posted' AND recap_posted_at IS NULL`,
    ),
    ensureUser: db.prepare(
      `INSERT INTO users (workspace_id, user_id, created_at, updated_at) VALUES (@workspaceId, @userId, @now, @now)
       ON CONFLICT (workspace_id, user_id) DO NOTHING`,
    ),
    practice: db.prepare(
      `INSERT INTO daily_practice (workspace_id, channel_id, local_date, user_id, practised_at)
       VALUES (@workspaceId, @channelId, @localDate, @userId, @now)
       ON CONFLICT DO NOTHING`,
    ),
    practiceCount: db.prepare<PostKey, number>(`SELECT count(*) FROM daily_practice WHERE ${POST}`).pluck(),
  };
}

/** Daily prompt schedules, claims and practice counts, on the same SQLite database as the rest of the store. */
export class SqliteDailyStore implements DailyStore {
  private readonly s: ReturnType<typeof prepare>;
  private readonly recordPracticeTx: (params: PostKey & { userId: string; now: number }) => void;

  constructor(db: Database.Database) {
    this.s = prepare(db);
    const tx = db.transaction((params: PostKey & { userId: string; now: number }) => {
      this.s.ensureUser.run({ workspaceId: params.workspaceId, userId: params.userId, now: params.now });
      this.s.practice.run(params);
    });
    this.recordPracticeTx = (params) => tx.immediate(params);
  }

  async saveSchedule(schedule: ScheduleToSave, now: number): Promise<void> {
    this.s.save.run({
      ...channelParams(schedule),
      minutes: schedule.minutes,
      timeZone: schedule.timeZone,
      days: schedule.days,
      firstDate: schedule.firstDate,
      createdBy: schedule.createdBy,
      createdAt: schedule.createdAt,
      pack: schedule.pack ?? null,
      now,
    });
  }

  async deleteSchedule(channel: ChannelKey): Promise<boolean> {
    return this.s.delete.run(channelParams(channel)).changes > 0;
  }

  async getSchedule(channel: ChannelKey): Promise<DailyScheduleRecord | null> {
    const row = this.s.get.get(channelParams(channel));
    return row ? toSchedule(row) : null;
  }

  async listSchedules(): Promise<DailyScheduleRecord[]> {
    return this.s.list.all().map(toSchedule);
  }

  async pauseSchedule(channel: ChannelKey, reason: string, now: number): Promise<void> {
    this.s.pause.run({ ...channelParams(channel), reason, now });
  }

  async claimPost(
    channel: ChannelKey,
    localDate: string,
    questionId: string,
    holder: string,
    now: number,
    leaseMs: number,
  ) {
    const params = {
      ...channelParams(channel),
      localDate,
      questionId,
      holder,
      now,
      leaseUntil: now + leaseMs,
    };
    return this.s.claim.run(params).changes === 1;
  }

  async markPosted(channel: ChannelKey, localDate: string, holder: string, messageTs: string, now: number) {
    this.s.posted.run({ ...channelParams(channel), localDate, holder, messageTs, now });
  }

  async releaseClaim(channel: ChannelKey, localDate: string, holder: string): Promise<void> {
    this.s.release.run({ ...channelParams(channel), localDate, holder });
  }

  async getPost(channel: ChannelKey, localDate: string): Promise<DailyPostRecord | null> {
    const row = this.s.getPost.get({ ...channelParams(channel), localDate });
    return row ? toPost(row) : null;
  }

  async pendingRecap(channel: ChannelKey, localDate: string): Promise<DailyPostRecord | null> {
    const row = this.s.pendingRecap.get({ ...channelParams(channel), localDate });
    return row ? toPost(row) : null;
  }

  async claimRecap(channel: ChannelKey, localDate: string, now: number): Promise<boolean> {
    return this.s.claimRecap.run({ ...channelParams(channel), localDate, now }).changes === 1;
  }

  async recordPractice(channel: ChannelKey, localDate: string, userId: string, now: number): Promise<void> {
    this.recordPracticeTx({ ...channelParams(channel), localDate, userId, now });
  }

  async practiceCount(channel: ChannelKey, localDate: string): Promise<number> {
    return this.s.practiceCount.get({ ...channelParams(channel), localDate }) ?? 0;
  }
}
