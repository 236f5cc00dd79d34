-- Spaced re-practice nudges. The schedules themselves are replayed from finished sessions, so only the person's
-- nudge settings and the record of nudges sent are stored.

CREATE TABLE nudge_settings (
  workspace_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  enabled INTEGER NOT NULL CHECK (enabled IN (0, 1)),
  -- Local nudge time, minutes after midnight; quiet hours (20:00-08:00) are refused before they get here.
  minutes INTEGER NOT NULL CHECK (minutes BETWEEN 480 AND 1199),
  -- Local date (YYYY-MM-DD) before whose nudge time nothing is sent; NULL when not snoozed.
  snoozed_until TEXT,
  -- When nudges were offered after the first finished session: offered once only.
  offered_at INTEGER,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, user_id),
  FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, user_id) ON DELETE CASCADE
) STRICT;

-- One row per person and local date a nudge was sent: the key is what keeps it to one a day across restarts and
-- instances. The nudge itself is written to the outbox in the same transaction.
CREATE TABLE nudges_sent (
  workspace_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  local_date TEXT NOT NULL,
  sent_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, user_id, local_date),
  FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, user_id) ON DELETE CASCADE
) STRICT;
