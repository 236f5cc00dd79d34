-- Initial schema.
-- Times are INTEGER epoch milliseconds. JSON columns are TEXT checked with json_valid.
-- Every row about a person hangs off users (workspace_id, user_id) through ON DELETE CASCADE,
-- directly or through sessions, so deleting the user row erases everything stored about them.
-- Large columns (state, criteria, payload) come last: SQLite then reads the small columns of a row
-- without walking the large value's overflow pages.

CREATE TABLE users (
  workspace_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  level TEXT NOT NULL DEFAULT 'mid' CHECK (level IN ('junior', 'mid', 'senior')),
  lens TEXT CHECK (lens IN ('technical', 'hiring-manager', 'senior-leader')),
  time_zone TEXT NOT NULL DEFAULT 'UTC',
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, user_id)
) STRICT;

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  question_id TEXT NOT NULL,
  principle_id TEXT NOT NULL,
  source TEXT NOT NULL CHECK (source IN ('slack', 'cli', 'daily')),
  status TEXT NOT NULL CHECK (status IN ('active', 'completed', 'abandoned')),
  -- A readable label of state.step, e.g. "part:action" or "follow-up:1", for queries and support.
  step TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  completed_at INTEGER,
  state TEXT NOT NULL CHECK (json_valid(state)),
  CHECK ((status = 'completed') = (completed_at IS NOT NULL)),
  FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, user_id) ON DELETE CASCADE
) STRICT;

-- Serves a user's session list, their active session and progress (completed, newest first).
CREATE INDEX sessions_by_user ON sessions (workspace_id, user_id, status, completed_at);

-- At most one active session per user, enforced even when two processes race.
CREATE UNIQUE INDEX sessions_one_active ON sessions (workspace_id, user_id) WHERE status = 'active';

CREATE TABLE answers (
  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  part TEXT NOT NULL CHECK (part IN ('situation', 'task', 'action', 'result', 'reflection')),
  source_message_id TEXT,
  updated_at INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (session_id, part)
) STRICT;

CREATE TABLE evaluations (
  id INTEGER PRIMARY KEY,
  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  rubric_version TEXT NOT NULL,
  score REAL NOT NULL,
  band TEXT NOT NULL
    CHECK (band IN ('strongly-not-inclined', 'not-inclined', 'inclined', 'strongly-inclined')),
  created_at INTEGER NOT NULL,
  criteria TEXT NOT NULL CHECK (json_valid(criteria) AND json_type(criteria) = 'array')
) STRICT;

-- The latest evaluation of a session is the one with the highest id.
CREATE INDEX evaluations_by_session ON evaluations (session_id, id);

CREATE TABLE follow_up_answers (
  session_id TEXT NOT NULL REFERENCES sessions (id) ON DELETE CASCADE,
  follow_up_id TEXT NOT NULL,
  verdict TEXT NOT NULL CHECK (verdict IN ('pass', 'partial', 'fail', 'n/a')),
  source_message_id TEXT,
  created_at INTEGER NOT NULL,
  text TEXT NOT NULL,
  PRIMARY KEY (session_id, follow_up_id)
) STRICT;

-- The same chat message is never applied twice: a turn first claims its message id here.
-- The user reference is deferred because a turn claims the message before it creates a new user row.
CREATE TABLE processed_messages (
  workspace_id TEXT NOT NULL,
  message_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  session_id TEXT,
  applied_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, message_id),
  FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, user_id)
    ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED
) STRICT;

CREATE INDEX processed_messages_by_user ON processed_messages (workspace_id, user_id);

-- Transactional outbox: messages are written with the turn that produced them and delivered afterwards.
CREATE TABLE outbox (
  id INTEGER PRIMARY KEY,
  workspace_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  channel TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  delivered_at INTEGER,
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, user_id) ON DELETE CASCADE
) STRICT;

CREATE INDEX outbox_by_user ON outbox (workspace_id, user_id);
CREATE INDEX outbox_pending ON outbox (id) WHERE delivered_at IS NULL;

-- Slack event ids already received, to drop retries and duplicate deliveries. Holds no user data.
CREATE TABLE slack_events (
  event_id TEXT PRIMARY KEY,
  received_at INTEGER NOT NULL
) STRICT;

CREATE INDEX slack_events_by_time ON slack_events (received_at);
