-- The organisation profile (PRODUCT.md §4) beyond names: address, website, year established,
-- registration number and date (calendar date as 'YYYY-MM-DD'), annual budget (USD, minor
-- units), sectors (comma-separated codes), mandate, and the four flags (NULL = not answered,
-- 0 = no, 1 = yes).
ALTER TABLE organisations ADD COLUMN address TEXT CHECK (char_length(address) <= 500);
ALTER TABLE organisations ADD COLUMN website TEXT CHECK (char_length(website) <= 300);
ALTER TABLE organisations ADD COLUMN year_established BIGINT;
ALTER TABLE organisations ADD COLUMN registration_number TEXT CHECK (char_length(registration_number) <= 100);
ALTER TABLE organisations ADD COLUMN registration_date TEXT CHECK (char_length(registration_date) = 10);
ALTER TABLE organisations ADD COLUMN annual_budget_minor BIGINT CHECK (annual_budget_minor >= 0);
ALTER TABLE organisations ADD COLUMN sectors TEXT NOT NULL DEFAULT '' CHECK (char_length(sectors) <= 500);
ALTER TABLE organisations ADD COLUMN mandate TEXT CHECK (char_length(mandate) <= 4000);
ALTER TABLE organisations ADD COLUMN women_led BIGINT CHECK (women_led IN (0, 1));
ALTER TABLE organisations ADD COLUMN youth_led BIGINT CHECK (youth_led IN (0, 1));
ALTER TABLE organisations ADD COLUMN indigenous_led BIGINT CHECK (indigenous_led IN (0, 1));
ALTER TABLE organisations ADD COLUMN refugee_led BIGINT CHECK (refugee_led IN (0, 1));
-- Uploaded files (issue #4): stored under the data directory as `stored_name` (random), typed
-- by content; a newer file for the same purpose replaces the older one, which is kept.
CREATE TABLE uploads (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations(id),
    purpose TEXT NOT NULL CHECK (char_length(purpose) BETWEEN 1 AND 40),
    content_type TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
    size_bytes BIGINT NOT NULL CHECK (size_bytes > 0),
    sha256 TEXT NOT NULL CHECK (char_length(sha256) = 64),
    file_name TEXT NOT NULL CHECK (char_length(file_name) BETWEEN 1 AND 100),
    stored_name TEXT NOT NULL UNIQUE CHECK (char_length(stored_name) BETWEEN 1 AND 100),
    uploaded_by BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    replaced_at BIGINT
);
CREATE INDEX uploads_organisation ON uploads (organisation_id, purpose);
