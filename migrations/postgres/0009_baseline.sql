-- PostgreSQL baseline: the schema SQLite reaches after migrations/0001_init.sql .. 0009_spaced.sql, in one file,
-- recorded as version 9. The next migration of either dialect is 0010, so one version number means the same
-- schema on both. (See the SQLite files for the why of each table; only what differs is explained here.)
-- Times are BIGINT epoch milliseconds. JSON columns are `json` (kept as written, validated on insert).
-- One addition: outbox.attempt_holder, the instance whose post lease is running (see src/store/postgres/outbox.ts);
-- a single SQLite process needs no lease.
-- Text keys compared or sorted by the app use COLLATE "C": byte order, as in SQLite, whatever the database's locale.

CREATE TABLE users (
  workspace_id TEXT COLLATE "C" NOT NULL,
  user_id TEXT COLLATE "C" NOT NULL,
  level TEXT NOT NULL DEFAULT 'mid' CHECK (level IN ('junior', 'mid', 'senior')),
  lens TEXT CHECK (lens IN ('technical', 'hiring-manager', 'senior-leader')),
  time_zone TEXT NOT NULL DEFAULT 'UTC',
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  job_family TEXT,
  pack TEXT,
  PRIMARY KEY (workspace_id, user_id)
);

CREATE TABLE sessions (
  id TEXT COLLATE "C" PRIMARY KEY,
  workspace_id TEXT COLLATE "C" NOT NULL,
  user_id TEXT COLLATE "C" NOT NULL,
  question_id TEXT NOT NULL,
  principle_id TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('slack', 'cli', 'daily')),
  status TEXT NOT NULL CHECK (status IN ('active', 'completed', 'abandoned')),
  step TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  completed_at BIGINT,
  state JSON NOT NULL,
  -- Insertion order, the tie-break SQLite's rowid gives progress.
  seq BIGINT GENERATED ALWAYS AS IDENTITY,
  CHECK ((status = 'completed') = (completed_at IS NOT NULL)),
  FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, user_id) ON DELETE CASCADE
);

CREATE INDEX sessions_by_user ON sessions (workspace_id, user_id, status, completed_at);
CREATE UNIQUE INDEX sessions_one_active ON sessions (workspace_id, user_id) WHERE status = 'active';

CREATE TABLE answers (
  session_id TEXT COLLATE "C" NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  part TEXT NOT NULL CHECK (part IN ('situation', 'task', 'action', 'result', 'reflection')),
  source_message_id TEXT,
  updated_at BIGINT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (session_id, part)
);

CREATE TABLE evaluations (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  session_id TEXT COLLATE "C" NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  rubric_version TEXT NOT NULL,
  score DOUBLE PRECISION NOT NULL,
  band TEXT NOT NULL
    CHECK (band IN ('strongly-not-inclined', 'not-inclined', 'inclined', 'strongly-inclined')),
  created_at BIGINT NOT NULL,
  criteria JSON NOT NULL CHECK (json_typeof(criteria) = 'array')
);

CREATE INDEX evaluations_by_session ON evaluations (session_id, id);

CREATE TABLE follow_up_answers (
  session_id TEXT COLLATE "C" NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  follow_up_id TEXT NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ('pass', 'partial', 'fail', 'n/a')),
  source_message_id TEXT,
  created_at BIGINT NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (session_id, follow_up_id)
);

-- The unique key that makes a turn apply exactly once, on any instance.
CREATE TABLE processed_messages (
  workspace_id TEXT COLLATE "C" NOT NULL,
  message_id TEXT COLLATE "C" NOT NULL,
  user_id TEXT COLLATE "C" NOT NULL,
  session_id TEXT,
  applied_at BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, message_id),
  FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, user_id)
    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
);

CREATE INDEX processed_messages_by_user ON processed_messages (workspace_id, user_id);

-- Identity ids only ever grow (the deliverer reads pending messages after the highest id it has seen).
CREATE TABLE outbox (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  workspace_id TEXT COLLATE "C" NOT NULL,
  user_id TEXT COLLATE "C" NOT NULL,
  channel TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  delivered_at BIGINT,
  payload JSON NOT NULL,
  abandoned_at BIGINT,
  attempt_started_at BIGINT,
  attempt_holder TEXT,
  FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, user_id) ON DELETE CASCADE
);

CREATE INDEX outbox_by_user ON outbox (workspace_id, user_id);
CREATE INDEX outbox_pending ON outbox (id) WHERE delivered_at IS NULL AND abandoned_at IS NULL;

CREATE TABLE slack_events (
  event_id TEXT COLLATE "C" PRIMARY KEY,
  received_at BIGINT NOT NULL
);

CREATE INDEX slack_events_by_time ON slack_events (received_at);

CREATE TABLE daily_schedules (
  workspace_id TEXT COLLATE "C" NOT NULL,
  channel_id TEXT COLLATE "C" NOT NULL,
  minutes INTEGER NOT NULL CHECK (minutes BETWEEN 0 AND 1439),
  time_zone TEXT NOT NULL,
  days TEXT NOT NULL CHECK (days IN ('weekdays', 'everyday')),
  first_date TEXT NOT NULL,
  created_by TEXT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  paused_reason TEXT,
  pack TEXT,
  PRIMARY KEY (workspace_id, channel_id)
);

-- The unique claim row: one prompt per channel and local date across every instance.
CREATE TABLE daily_posts (
  workspace_id TEXT COLLATE "C" NOT NULL,
  channel_id TEXT COLLATE "C" NOT NULL,
  local_date TEXT COLLATE "C" NOT NULL,
  question_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('claimed', 'posted')),
  holder TEXT NOT NULL,
  lease_until BIGINT NOT NULL,
  claimed_at BIGINT NOT NULL,
  message_ts TEXT,
  posted_at BIGINT,
  recap_posted_at BIGINT,
  PRIMARY KEY (workspace_id, channel_id, local_date)
);

CREATE TABLE daily_practice (
  workspace_id TEXT COLLATE "C" NOT NULL,
  channel_id TEXT COLLATE "C" NOT NULL,
  local_date TEXT COLLATE "C" NOT NULL,
  user_id TEXT COLLATE "C" NOT NULL,
  practised_at BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, channel_id, local_date, user_id),
  FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, user_id) ON DELETE CASCADE
);

CREATE TABLE inbox (
  id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  dedupe_key TEXT COLLATE "C" UNIQUE,
  workspace_id TEXT COLLATE "C" NOT NULL,
  user_id TEXT COLLATE "C",
  lane TEXT COLLATE "C" NOT NULL,
  sort_key TEXT COLLATE "C" NOT NULL,
  received_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  request JSON NOT NULL
);

CREATE INDEX inbox_by_lane ON inbox (lane, sort_key, id);
CREATE INDEX inbox_by_user ON inbox (workspace_id, user_id);

CREATE TABLE stories (
  id TEXT COLLATE "C" PRIMARY KEY,
  workspace_id TEXT COLLATE "C" NOT NULL,
  user_id TEXT COLLATE "C" NOT NULL,
  number INTEGER NOT NULL CHECK (number > 0),
  title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
  tags JSON NOT NULL DEFAULT '[]' CHECK (json_typeof(tags) = 'array'),
  retired_at BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, user_id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX stories_by_number ON stories (workspace_id, user_id, number);

CREATE TABLE story_sessions (
  session_id TEXT COLLATE "C" PRIMARY KEY REFERENCES sessions (id) ON DELETE CASCADE,
  story_id TEXT COLLATE "C" NOT NULL REFERENCES stories (id) ON DELETE CASCADE,
  added_at BIGINT NOT NULL
);

CREATE INDEX story_sessions_by_story ON story_sessions (story_id, added_at);

CREATE TABLE nudge_settings (
  workspace_id TEXT COLLATE "C" NOT NULL,
  user_id TEXT COLLATE "C" NOT NULL,
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  minutes INTEGER NOT NULL CHECK (minutes BETWEEN 480 AND 1199),
  snoozed_until TEXT,
  offered_at BIGINT,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, user_id),
  FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, user_id) ON DELETE CASCADE
);

CREATE TABLE nudges_sent (
  workspace_id TEXT COLLATE "C" NOT NULL,
  user_id TEXT COLLATE "C" NOT NULL,
  local_date TEXT COLLATE "C" NOT NULL,
  sent_at BIGINT NOT NULL,
  PRIMARY KEY (workspace_id, user_id, local_date),
  FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, user_id) ON DELETE CASCADE
);
