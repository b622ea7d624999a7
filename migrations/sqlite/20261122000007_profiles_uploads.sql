-- The organisation profile (PRODUCT.md §4) beyond names: address, website, year established,
-- registration number and date (calendar date as 'YYYY-MM-DD'), annual budget (USD, minor
-- units), sectors (comma-separated codes), mandate, and the four flags (NULL = not answered,
-- 0 = no, 1 = yes).
ALTER TABLE organisations ADD COLUMN address TEXT CHECK (length(address) <= 500);
ALTER TABLE organisations ADD COLUMN website TEXT CHECK (length(website) <= 300);
ALTER TABLE organisations ADD COLUMN year_established INTEGER;
ALTER TABLE organisations ADD COLUMN registration_number TEXT CHECK (length(registration_number) <= 100);
ALTER TABLE organisations ADD COLUMN registration_date TEXT CHECK (length(registration_date) = 10);
ALTER TABLE organisations ADD COLUMN annual_budget_minor INTEGER CHECK (annual_budget_minor >= 0);
ALTER TABLE organisations ADD COLUMN sectors TEXT NOT NULL DEFAULT '' CHECK (length(sectors) <= 500);
ALTER TABLE organisations ADD COLUMN mandate TEXT CHECK (length(mandate) <= 4000);
ALTER TABLE organisations ADD COLUMN women_led INTEGER CHECK (women_led IN (0, 1));
ALTER TABLE organisations ADD COLUMN youth_led INTEGER CHECK (youth_led IN (0, 1));
ALTER TABLE organisations ADD COLUMN indigenous_led INTEGER CHECK (indigenous_led IN (0, 1));
ALTER TABLE organisations ADD COLUMN refugee_led INTEGER CHECK (refugee_led IN (0, 1));
-- Uploaded files (issue #4): stored under the data directory as `stored_name` (random), typed
-- by content; a newer file for the same purpose replaces the older one, which is kept.
CREATE TABLE uploads (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    purpose TEXT NOT NULL CHECK (length(purpose) BETWEEN 1 AND 40),
    content_type TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
    size_bytes INTEGER NOT NULL CHECK (size_bytes > 0),
    sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
    file_name TEXT NOT NULL CHECK (length(file_name) BETWEEN 1 AND 100),
    stored_name TEXT NOT NULL UNIQUE CHECK (length(stored_name) BETWEEN 1 AND 100),
    uploaded_by INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    replaced_at INTEGER
);
CREATE INDEX uploads_organisation ON uploads (organisation_id, purpose);
