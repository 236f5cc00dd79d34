-- Practice without scores: 0 hides numeric scores and verdict bands from everything the person sees.
-- Mock interviews need no table: each question is a session whose state names its mock, and the debrief is
-- worked out from those sessions, so it is kept, exported and deleted with them.
ALTER TABLE users ADD COLUMN show_scores INTEGER NOT NULL DEFAULT 1 CHECK (show_scores IN (0, 1));
