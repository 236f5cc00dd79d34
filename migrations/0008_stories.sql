-- The story bank: every finished session's answer is a version of a story.
-- A story belongs to one person (deleted with their user row); its versions are sessions, linked in
-- story_sessions (deleted with the session or the story). Sessions finished before this migration become
-- stories when the person's story bank is first read: titles come from the coaching code, not from SQL.

CREATE TABLE stories (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  -- What the person types to name a story: 1, 2, 3… per person, never reused while the story exists.
  number INTEGER NOT NULL CHECK (number > 0),
  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  -- Principle ids the person tagged the story with, beyond those it was practised for.
  tags TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(tags) AND json_type(tags) = 'array'),
  retired_at INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, user_id) ON DELETE CASCADE
) STRICT;

CREATE UNIQUE INDEX stories_by_number ON stories (workspace_id, user_id, number);

CREATE TABLE story_sessions (
  session_id TEXT PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
  story_id TEXT NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  added_at INTEGER NOT NULL
) STRICT;

CREATE INDEX story_sessions_by_story ON story_sessions (story_id, added_at);
