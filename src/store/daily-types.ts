import type { DailySchedule } from '../schedule/due.ts';

export interface DailyScheduleRecord extends DailySchedule {
  /** Local date of the first prompt; the rotation counts posting days from it. */
  firstDate: string;
  createdBy: string | null;
  createdAt: number;
  pausedReason: string | null;
  /** The pack its questions come from; absent or null: the workspace's default pack. */
  pack?: string | null;
}

export type ScheduleToSave = Omit<DailyScheduleRecord, 'paused'>;

export interface DailyPostRecord {
  workspaceId: string;
  channelId: string;
  localDate: string;
  questionId: string;
  status: 'claimed' | 'posted';
  messageTs: string | null;
  postedAt: number | null;
}

export interface ChannelKey {
  workspaceId: string;
  channelId: string;
}

export interface DailyStore {
  saveSchedule(schedule: ScheduleToSave, now: number): Promise<void>;
  deleteSchedule(channel: ChannelKey): Promise<boolean>;
  getSchedule(channel: ChannelKey): Promise<DailyScheduleRecord | null>;
  listSchedules(): Promise<DailyScheduleRecord[]>;
  pauseSchedule(channel: ChannelKey, reason: string, now: number): Promise<void>;

  /**
   * Claims a channel's prompt for a local date before posting. True when the caller now holds it: nobody had
   * claimed it, or an earlier holder's lease ran out before it posted. A posted prompt is never claimed again.
   */
  claimPost(
    channel: ChannelKey,
    localDate: string,
    questionId: string,
    holder: string,
    now: number,
    leaseMs: number,
  ): Promise<boolean>;
  markPosted(
    channel: ChannelKey,
    localDate: string,
    holder: string,
    messageTs: string,
    now: number,
  ): Promise<void>;
  /** Gives a claim back after a failed post, so a later tick can try again. */
  releaseClaim(channel: ChannelKey, localDate: string, holder: string): Promise<void>;
  getPost(channel: ChannelKey, localDate: string): Promise<DailyPostRecord | null>;
  /** The latest posted prompt before `localDate` whose recap has not been posted. */
  pendingRecap(channel: ChannelKey, localDate: string): Promise<DailyPostRecord | null>;
  /** Claims the recap of a post; false when another instance already did. */
  claimRecap(channel: ChannelKey, localDate: string, now: number): Promise<boolean>;

  recordPractice(channel: ChannelKey, localDate: string, userId: string, now: number): Promise<void>;
  practiceCount(channel: ChannelKey, localDate: string): Promise<number>;
}
