-- OAuth mode: one installation per workspace, or per Enterprise Grid organisation for an org-wide install.
-- Tokens are stored only encrypted (AES-256-GCM with SLACK_TOKEN_ENCRYPTION_KEY, see src/store/token-cipher.ts);
-- the other columns are ids and scopes, which Slack shows to any member of the workspace anyway.
CREATE TABLE installations (
  -- "T:<team id>", or "E:<enterprise id>" for an org-wide install (is_enterprise_install).
  install_key TEXT PRIMARY KEY,
  team_id TEXT,
  enterprise_id TEXT,
  is_enterprise_install INTEGER NOT NULL CHECK (is_enterprise_install IN (0, 1)),
  bot_token TEXT NOT NULL,
  bot_id TEXT,
  bot_user_id TEXT NOT NULL,
  -- NULL unless Slack rotates the tokens. The stored (encrypted) refresh token is what a refresh
  -- compares-and-swaps on: only the holder of a claim on the row refreshes (one refresh at a time everywhere).
  bot_refresh_token TEXT,
  -- Seconds since the epoch, as Slack counts expiry.
  bot_expires_at INTEGER,
  user_id TEXT,
  user_token TEXT,
  user_refresh_token TEXT,
  user_expires_at INTEGER,
  -- Scopes, app id, enterprise URL, token type and the like, as JSON without any token.
  details TEXT NOT NULL,
  -- The instance refreshing the tokens now, and until when its claim holds (milliseconds).
  refresh_holder TEXT,
  refresh_until INTEGER,
  installed_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) STRICT;

-- Workspaces served by an org-wide install, learned from their requests: jobs that run outside a request
-- (deliveries, daily prompts, nudges) know only the workspace id, and find the organisation's install through this.
CREATE TABLE installation_workspaces (
  team_id TEXT PRIMARY KEY,
  install_key TEXT NOT NULL REFERENCES installations (install_key) ON DELETE CASCADE
) STRICT;
