import type { NudgeSettings } from '../coach/spaced-nudges.ts';
import type { OutboxMessage, UserKey } from './types.ts';

/** A person's nudge settings, with the time zone their nudges follow. */
export interface NudgeRecord extends UserKey, NudgeSettings {
  timeZone: string;
  offeredAt: number | null;
}

/** Nudge settings and the record of nudges sent. (Schedules are replayed from finished sessions.) */
export interface SpacedStore {
  getNudges(key: UserKey): Promise<NudgeRecord | null>;
  /** Creates the settings (off, default time) when missing, then applies the changes. */
  saveNudges(
    key: UserKey,
    changes: Partial<Pick<NudgeSettings, 'enabled' | 'minutes' | 'snoozedUntil'>>,
    now: number,
  ): Promise<NudgeRecord>;
  /** Records that nudges were offered; false when they had been offered before (the offer is made once). */
  markOffered(key: UserKey, now: number): Promise<boolean>;
  /** Everyone with nudges on. */
  listNudgesOn(): Promise<NudgeRecord[]>;
  /** Local dates nudges were sent on, from `sinceDate` (inclusive). */
  sentDates(key: UserKey, sinceDate: string): Promise<string[]>;
  /**
   * Records the day's nudge and queues its message in one transaction. False (nothing queued) when a nudge for
   * that local date was already recorded, by this or another instance.
   */
  sendNudge(key: UserKey, localDate: string, message: OutboxMessage, now: number): Promise<boolean>;
  /** Every nudge date sent, for the person's export. */
  allSentDates(key: UserKey): Promise<string[]>;
}
