import type { PendingVersion, StoredStory } from '../coach/stories.ts';
import type { UserKey } from './types.ts';

export interface StoryRecord extends UserKey, StoredStory {
  updatedAt: number;
}

export interface StoryChanges {
  title?: string;
  /** The whole tag list (principle ids) after the change. */
  tags?: string[];
  /** A time to retire the story, null to bring it back. */
  retiredAt?: number | null;
}

/** The story bank: every finished session's answer is a version of one story. Scoped by person. */
export interface StoryStore {
  /** The person's stories by number, each with its versions' session ids, oldest first. */
  list(key: UserKey): Promise<StoryRecord[]>;
  /**
   * Files finished sessions of this person in one transaction: a missing story is created (numbered after
   * the person's highest) and the session linked to it. Idempotent: a session already filed keeps its story,
   * an existing story keeps its title; sessions of other people are ignored.
   */
  file(key: UserKey, versions: PendingVersion[], now: number): Promise<void>;
  /** Renames, retags, retires or restores a story; null when the person has no story with that id. */
  update(key: UserKey, storyId: string, changes: StoryChanges, now: number): Promise<StoryRecord | null>;
  /**
   * Moves every version and tag of `fromId` into `intoId` and deletes `fromId`, in one transaction; null
   * (and nothing changed) when either is not the person's or they are the same story.
   */
  merge(key: UserKey, fromId: string, intoId: string, now: number): Promise<StoryRecord | null>;
}
