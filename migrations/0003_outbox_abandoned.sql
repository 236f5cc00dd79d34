-- Messages the deliverer gave up on (the channel is gone, the token revoked, too many failures) are marked
-- abandoned instead of delivered, so the record says what really happened and they leave the pending queue.
ALTER TABLE outbox ADD COLUMN abandoned_at INTEGER;

DROP INDEX outbox_pending;
CREATE INDEX outbox_pending ON outbox (id) WHERE delivered_at IS NULL AND abandoned_at IS NULL;
