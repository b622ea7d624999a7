-- Rate limits counted in the database, so that every instance of Passerelle shares them: one
-- fixed window per key (an address, an account); old windows are purged by the housekeeping.
CREATE TABLE rate_limits (
    key TEXT PRIMARY KEY CHECK (length(key) BETWEEN 1 AND 400),
    window_start INTEGER NOT NULL,
    hits INTEGER NOT NULL CHECK (hits >= 1)
);
CREATE INDEX rate_limits_window ON rate_limits (window_start);
