-- The audit trail: one row per state change of any record. Never updated, never deleted.
CREATE TABLE audit_events (
    id INTEGER PRIMARY KEY,
    at INTEGER NOT NULL,
    actor_user_id INTEGER REFERENCES users(id),
    record_type TEXT NOT NULL CHECK (length(record_type) BETWEEN 1 AND 50),
    record_id INTEGER NOT NULL,
    action TEXT NOT NULL CHECK (length(action) BETWEEN 1 AND 80),
    from_state TEXT CHECK (from_state IS NULL OR length(from_state) <= 80),
    to_state TEXT CHECK (to_state IS NULL OR length(to_state) <= 80),
    reason TEXT CHECK (reason IS NULL OR length(reason) <= 2000)
);
CREATE INDEX audit_events_record ON audit_events (record_type, record_id, id);
