-- A person's job family (whose examples they see) and question pack (what they practise); NULL means none chosen:
-- no family preference, and the workspace's default pack. Ids are checked by the app against the content, which can
-- grow, so there is no CHECK here.
ALTER TABLE users ADD COLUMN job_family TEXT;
ALTER TABLE users ADD COLUMN pack TEXT;
-- The pack a channel's daily prompts draw from; NULL: the workspace's default pack.
ALTER TABLE daily_schedules ADD COLUMN pack TEXT;
