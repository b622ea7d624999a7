-- Partner profiles (PRODUCT.md §4, issue 14): the answers of the seven sections, one row per
-- field (names from `partners::domain::profile::FIELDS`, values in their stored form), and per
-- profile its version (a section is saved only from the version it was read at) and its
-- completeness (the percentage `profile::completeness` gave at the last save, for lists).
CREATE TABLE partner_profiles (
    organisation_id BIGINT PRIMARY KEY REFERENCES organisations(id),
    version BIGINT NOT NULL DEFAULT 1,
    completeness BIGINT NOT NULL DEFAULT 0 CHECK (completeness BETWEEN 0 AND 100),
    updated_at BIGINT NOT NULL
);
CREATE INDEX partner_profiles_completeness ON partner_profiles (completeness);
CREATE TABLE partner_answers (
    organisation_id BIGINT NOT NULL REFERENCES organisations(id),
    field TEXT NOT NULL CHECK (char_length(field) BETWEEN 1 AND 60),
    value TEXT NOT NULL CHECK (char_length(value) BETWEEN 1 AND 8000),
    PRIMARY KEY (organisation_id, field)
);
-- An agency's partner code for a profile: one code per agency and profile, unique per agency.
CREATE TABLE partner_codes (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    agency TEXT NOT NULL CHECK (char_length(agency) BETWEEN 2 AND 20),
    code TEXT NOT NULL CHECK (char_length(code) BETWEEN 1 AND 40),
    organisation_id BIGINT NOT NULL REFERENCES organisations(id),
    linked_by BIGINT NOT NULL REFERENCES users(id),
    linked_at BIGINT NOT NULL,
    UNIQUE (agency, code),
    UNIQUE (agency, organisation_id)
);
CREATE INDEX partner_codes_organisation ON partner_codes (organisation_id);
-- Spending history (UN data) as the agency imported it: one amount per code and year (USD
-- cents); a later import of the same code and year replaces it.
CREATE TABLE partner_spending (
    agency TEXT NOT NULL CHECK (char_length(agency) BETWEEN 2 AND 20),
    code TEXT NOT NULL CHECK (char_length(code) BETWEEN 1 AND 40),
    year BIGINT NOT NULL CHECK (year BETWEEN 1990 AND 2200),
    amount_minor BIGINT NOT NULL CHECK (amount_minor >= 0),
    imported_by BIGINT NOT NULL REFERENCES users(id),
    imported_at BIGINT NOT NULL,
    PRIMARY KEY (agency, code, year)
);
