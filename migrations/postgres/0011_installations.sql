-- OAuth mode: installations, as migrations/0011_installations.sql on SQLite (see there for the why of each column).
-- Tokens are only ever stored encrypted (AES-256-GCM with SLACK_TOKEN_ENCRYPTION_KEY).
CREATE TABLE installations (
  install_key TEXT COLLATE "C" PRIMARY KEY,
  team_id TEXT COLLATE "C",
  enterprise_id TEXT COLLATE "C",
  is_enterprise_install BOOLEAN NOT NULL,
  bot_token TEXT NOT NULL,
  bot_id TEXT,
  bot_user_id TEXT NOT NULL,
  bot_refresh_token TEXT,
  bot_expires_at BIGINT,
  user_id TEXT,
  user_token TEXT,
  user_refresh_token TEXT,
  user_expires_at BIGINT,
  details TEXT NOT NULL,
  refresh_holder TEXT,
  refresh_until BIGINT,
  installed_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);

CREATE TABLE installation_workspaces (
  team_id TEXT COLLATE "C" PRIMARY KEY,
  install_key TEXT COLLATE "C" NOT NULL REFERENCES installations (install_key) ON DELETE CASCADE
);
