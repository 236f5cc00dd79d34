-- When the deliverer last started posting a message whose outcome it never learned (the process stopped, or
-- the request timed out): before posting it again, it looks in the channel for the copy Slack may already hold.
ALTER TABLE outbox ADD COLUMN attempt_started_at INTEGER;
