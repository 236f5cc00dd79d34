-- Daily prompts in team channels.
-- A schedule belongs to a channel; created_by is kept only to tell that person if the schedule pauses.

CREATE TABLE daily_schedules (
  workspace_id TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  minutes INTEGER NOT NULL CHECK (minutes BETWEEN 0 AND 1439),
  time_zone TEXT NOT NULL,
  days TEXT NOT NULL CHECK (days IN ('weekdays', 'everyday')),
  -- The channel's local date of the first prompt: the rotation counts posting days from it.
  first_date TEXT NOT NULL,
  created_by TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  -- Why posting stopped (e.g. not_in_channel); NULL while active.
  paused_reason TEXT,
  PRIMARY KEY (workspace_id, channel_id)
) STRICT;

-- One row per channel and local date: claimed atomically before posting, so no prompt is posted twice.
-- A claim whose holder died before posting can be taken over once its lease has expired.
CREATE TABLE daily_posts (
  workspace_id TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  local_date TEXT NOT NULL,
  question_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('claimed', 'posted')),
  holder TEXT NOT NULL,
  lease_until INTEGER NOT NULL,
  claimed_at INTEGER NOT NULL,
  message_ts TEXT,
  posted_at INTEGER,
  recap_posted_at INTEGER,
  PRIMARY KEY (workspace_id, channel_id, local_date)
) STRICT;

-- Who chose to practise a day's prompt, only ever read as a count.
CREATE TABLE daily_practice (
  workspace_id TEXT NOT NULL,
  channel_id TEXT NOT NULL,
  local_date TEXT NOT NULL,
  user_id TEXT NOT NULL,
  practised_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, channel_id, local_date, user_id),
  FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, user_id) ON DELETE CASCADE
) STRICT;
