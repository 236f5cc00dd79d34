-- The inbox lease columns PostgreSQL's 0012 adds, so one version number means one schema in both dialects. The
-- SQLite store does not use them: one process applies its inbox.
ALTER TABLE inbox ADD COLUMN holder TEXT;
ALTER TABLE inbox ADD COLUMN started_at INTEGER;
