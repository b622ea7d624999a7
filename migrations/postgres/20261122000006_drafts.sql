-- Server copies of form drafts (PRODUCT.md §6): one per person, form and record; the fields as a
-- JSON object of strings; the record version the draft started from (to detect a change made
-- meanwhile on the server). Expired drafts (90 days) are purged by the server.
CREATE TABLE drafts (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    form TEXT NOT NULL CHECK (char_length(form) BETWEEN 1 AND 50),
    record_key TEXT NOT NULL CHECK (char_length(record_key) <= 50),
    fields TEXT NOT NULL CHECK (char_length(fields) <= 65536),
    base_fields TEXT NOT NULL CHECK (char_length(base_fields) <= 65536),
    base_version BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    UNIQUE (user_id, form, record_key)
);
CREATE INDEX drafts_expires ON drafts (expires_at);
-- Record versions, bumped by every change, so that a draft knows whether its base is stale.
ALTER TABLE users ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
ALTER TABLE organisations ADD COLUMN version BIGINT NOT NULL DEFAULT 1;
