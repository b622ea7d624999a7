-- Foundation: organisations, people, staff roles.
-- Portable types only (see docs/ARCHITECTURE.md): BIGINT, TEXT; times are UTC epoch milliseconds.
CREATE TABLE organisations (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    legal_name TEXT NOT NULL CHECK (char_length(legal_name) BETWEEN 1 AND 300),
    acronym TEXT CHECK (acronym IS NULL OR char_length(acronym) <= 30),
    country TEXT NOT NULL CHECK (char_length(country) = 2),
    kind TEXT NOT NULL CHECK (kind IN ('national_ngo','international_ngo','community_based_organisation','academic_institution','red_cross_red_crescent','embassy','local_authority','national_elected_officials_association','international_elected_officials_association','regional_network','ministry_or_public_operator','prefecture')),
    parent_id BIGINT REFERENCES organisations(id),
    consultative_status TEXT CHECK (consultative_status IN ('general','special','roster')),
    consultative_since BIGINT,
    created_at BIGINT NOT NULL,
    archived_at BIGINT
);
CREATE UNIQUE INDEX organisations_legal_name_country ON organisations (legal_name, country);
CREATE INDEX organisations_parent ON organisations (parent_id);

CREATE TABLE users (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    email TEXT NOT NULL UNIQUE CHECK (char_length(email) <= 254),
    username TEXT NOT NULL UNIQUE CHECK (char_length(username) BETWEEN 1 AND 254),
    display_name TEXT NOT NULL CHECK (char_length(display_name) <= 200),
    first_name TEXT NOT NULL DEFAULT '' CHECK (char_length(first_name) <= 100),
    last_name TEXT NOT NULL DEFAULT '' CHECK (char_length(last_name) <= 100),
    password_hash TEXT NOT NULL,
    locale TEXT NOT NULL DEFAULT 'fr' CHECK (locale IN ('fr','en','es')),
    created_at BIGINT NOT NULL
);

CREATE TABLE staff_roles (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users(id),
    role TEXT NOT NULL CHECK (role IN ('accreditation_officer','agency_officer','help_desk','extranet_secretariat','platform_admin')),
    scope TEXT NOT NULL DEFAULT '',
    granted_at BIGINT NOT NULL,
    UNIQUE (user_id, role, scope)
);
