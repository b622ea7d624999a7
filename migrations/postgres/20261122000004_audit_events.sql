-- The audit trail: one row per state change of any record. Never updated, never deleted.
CREATE TABLE audit_events (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    at BIGINT NOT NULL,
    actor_user_id BIGINT REFERENCES users(id),
    record_type TEXT NOT NULL CHECK (char_length(record_type) BETWEEN 1 AND 50),
    record_id BIGINT NOT NULL,
    action TEXT NOT NULL CHECK (char_length(action) BETWEEN 1 AND 80),
    from_state TEXT CHECK (from_state IS NULL OR char_length(from_state) <= 80),
    to_state TEXT CHECK (to_state IS NULL OR char_length(to_state) <= 80),
    reason TEXT CHECK (reason IS NULL OR char_length(reason) <= 2000)
);
CREATE INDEX audit_events_record ON audit_events (record_type, record_id, id);
