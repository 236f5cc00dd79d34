-- Several instances share the inbox: the instance applying a request, and since when. Another instance leaves the
-- request (and its lane) alone until that lease runs out, then takes it over (its holder died mid-apply).
ALTER TABLE inbox ADD COLUMN holder TEXT;
ALTER TABLE inbox ADD COLUMN started_at BIGINT;
