-- What progress reads, kept small. Each evaluation's verdicts alone, as [{"id", "verdict"}] (about 500 bytes),
-- beside the full criteria (evidence and advice, several kilobytes), so progress no longer parses every criterion's
-- evidence and advice; and each session's latest band on the session, so listing a person's sessions needs no
-- evaluation per session. Both are filled for existing rows.
ALTER TABLE evaluations ADD COLUMN verdicts TEXT;
UPDATE evaluations SET verdicts = (
  SELECT json_group_array(json_object('id', json_extract(c.value, '$.id'), 'verdict', json_extract(c.value, '$.verdict')))
  FROM json_each(evaluations.criteria) AS c
);
ALTER TABLE sessions ADD COLUMN latest_band TEXT;
UPDATE sessions SET latest_band = (
  SELECT e.band FROM evaluations e WHERE e.session_id = sessions.id ORDER BY e.id DESC LIMIT 1
);
