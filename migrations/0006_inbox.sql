-- Durable inbox. Each verified Slack request (event, slash command, interaction) is written here before Slack
-- gets its acknowledgement (HTTP 200 or the Socket Mode ack), applied by the coaching side, then deleted.
-- A request recorded but not yet applied when the process stops is applied after the restart.
-- Requests of one lane (one person in one workspace) are applied one at a time in sort_key order: Slack's
-- message ts for DM messages, so a person's answers are applied in the order they were sent.
-- dedupe_key (Slack's event id) drops a second delivery of a request still waiting here.
CREATE TABLE inbox (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  dedupe_key TEXT UNIQUE,
  workspace_id TEXT NOT NULL,
  user_id TEXT,
  lane TEXT NOT NULL,
  sort_key TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  -- Times the coaching side started applying it: a request that keeps crashing the process is dropped.
  attempts INTEGER NOT NULL DEFAULT 0,
  request TEXT NOT NULL CHECK (json_valid(request))
) STRICT;

CREATE INDEX inbox_by_lane ON inbox (lane, sort_key, id);
CREATE INDEX inbox_by_user ON inbox (workspace_id, user_id);
