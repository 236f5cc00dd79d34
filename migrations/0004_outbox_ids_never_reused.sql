-- The deliverer reads pending messages by id, after the highest id it has seen. SQLite reuses the highest rowid
-- once that row is deleted (forget-me, retention), so a new message could get an id the deliverer has already
-- passed and never be sent. AUTOINCREMENT ids only ever grow.
CREATE TABLE outbox_new (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  workspace_id TEXT NOT NULL,
  user_id TEXT NOT NULL,
  channel TEXT,
  attempts INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL,
  delivered_at INTEGER,
  payload TEXT NOT NULL CHECK (json_valid(payload)),
  abandoned_at INTEGER,
  FOREIGN KEY (workspace_id, user_id) REFERENCES users (workspace_id, user_id) ON DELETE CASCADE
) STRICT;

INSERT INTO outbox_new (id, workspace_id, user_id, channel, attempts, created_at, delivered_at, payload, abandoned_at)
SELECT id, workspace_id, user_id, channel, attempts, created_at, delivered_at, payload, abandoned_at FROM outbox;

DROP TABLE outbox;
ALTER TABLE outbox_new RENAME TO outbox;

CREATE INDEX outbox_by_user ON outbox (workspace_id, user_id);
CREATE INDEX outbox_pending ON outbox (id) WHERE delivered_at IS NULL AND abandoned_at IS NULL;
