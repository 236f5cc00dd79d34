-- What progress reads, kept small. Each evaluation's verdicts alone, as [{"id", "verdict"}] (about 500 bytes, kept
-- in the row), beside the full criteria (evidence and advice, several kilobytes, stored out of line); and each
-- session's latest band on the session. With the covering index below, a person's completed sessions come from
-- the index alone, and only the newest ones look up their evaluation. Both are filled for existing rows.
ALTER TABLE evaluations ADD COLUMN verdicts JSON;
UPDATE evaluations SET verdicts = (
  SELECT json_agg(json_build_object('id', c.value ->> 'id', 'verdict', c.value ->> 'verdict') ORDER BY c.n)
  FROM json_array_elements(evaluations.criteria) WITH ORDINALITY AS c(value, n)
);
ALTER TABLE sessions ADD COLUMN latest_band TEXT
  CHECK (latest_band IN ('strongly-not-inclined', 'not-inclined', 'inclined', 'strongly-inclined'));
UPDATE sessions SET latest_band = (
  SELECT e.band FROM evaluations e WHERE e.session_id = sessions.id ORDER BY e.id DESC LIMIT 1
);
CREATE INDEX sessions_progress ON sessions (workspace_id, user_id, completed_at DESC, seq DESC)
  INCLUDE (principle_id, latest_band, id) WHERE status = 'completed';
