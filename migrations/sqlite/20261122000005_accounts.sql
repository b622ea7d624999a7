-- Accounts: account states, verification codes, reset links, memberships, join requests,
-- extranet registrations, staff roles that can be removed (kept, marked revoked).
ALTER TABLE users ADD COLUMN status TEXT NOT NULL DEFAULT 'active' CHECK (status IN ('active','pending','rejected'));
ALTER TABLE users ADD COLUMN newsletter INTEGER NOT NULL DEFAULT 0 CHECK (newsletter IN (0, 1));
ALTER TABLE organisations ADD COLUMN email TEXT CHECK (email IS NULL OR length(email) <= 254);
CREATE INDEX organisations_email ON organisations (email);
ALTER TABLE staff_roles ADD COLUMN revoked_at INTEGER;

-- A 6-digit code mailed to prove an address (sign-up, change of address). Only its hash is kept.
-- A verified sign-up code issues a ticket (hash kept) that finishes the sign-up within the hour.
CREATE TABLE email_codes (
    id INTEGER PRIMARY KEY,
    purpose TEXT NOT NULL CHECK (purpose IN ('sign_up','change_email')),
    email TEXT NOT NULL CHECK (length(email) <= 254),
    user_id INTEGER REFERENCES users(id),
    code_hash TEXT NOT NULL,
    wrong_tries INTEGER NOT NULL DEFAULT 0,
    expires_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    closed_at INTEGER,
    outcome TEXT CHECK (outcome IN ('verified','voided','replaced')),
    ticket_hash TEXT UNIQUE,
    ticket_expires_at INTEGER
);
CREATE INDEX email_codes_open ON email_codes (purpose, email, closed_at);

-- A single-use password reset link. Only the token's hash is kept.
CREATE TABLE password_resets (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL REFERENCES users(id),
    token_hash TEXT NOT NULL UNIQUE,
    expires_at INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    used_at INTEGER
);
CREATE INDEX password_resets_user ON password_resets (user_id);

-- A person's place in an organisation. 'listed': added by an administrator by email, attached
-- when that address signs up. 'ended': left or removed (kept for the history).
CREATE TABLE memberships (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    user_id INTEGER REFERENCES users(id),
    email TEXT NOT NULL CHECK (length(email) <= 254),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    role TEXT NOT NULL CHECK (role IN ('administrator','editor','reader')),
    status TEXT NOT NULL CHECK (status IN ('listed','active','ended')),
    created_at INTEGER NOT NULL,
    ended_at INTEGER
);
CREATE UNIQUE INDEX memberships_one_per_person ON memberships (organisation_id, email) WHERE status <> 'ended';
CREATE INDEX memberships_user ON memberships (user_id, status);

CREATE TABLE join_requests (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    message TEXT NOT NULL DEFAULT '' CHECK (length(message) <= 1000),
    status TEXT NOT NULL CHECK (status IN ('pending','approved','declined')),
    created_at INTEGER NOT NULL,
    decided_at INTEGER,
    decided_by INTEGER REFERENCES users(id)
);
CREATE UNIQUE INDEX join_requests_one_pending ON join_requests (organisation_id, user_id) WHERE status = 'pending';

-- An extranet registration: the account stays 'pending' until the extranet secretariat decides.
CREATE TABLE extranet_registrations (
    id INTEGER PRIMARY KEY,
    user_id INTEGER NOT NULL UNIQUE REFERENCES users(id),
    group_kind TEXT NOT NULL CHECK (group_kind IN ('embassy','local_authority','national_elected_officials_association','international_elected_officials_association','regional_network','ministry_or_public_operator','prefecture')),
    organisation_id INTEGER REFERENCES organisations(id),
    organisation_name TEXT NOT NULL CHECK (length(organisation_name) BETWEEN 1 AND 300),
    country TEXT NOT NULL CHECK (length(country) = 2),
    position TEXT NOT NULL CHECK (length(position) BETWEEN 1 AND 200),
    status TEXT NOT NULL CHECK (status IN ('pending','validated','rejected')),
    reason TEXT CHECK (reason IS NULL OR length(reason) <= 2000),
    created_at INTEGER NOT NULL,
    decided_at INTEGER,
    decided_by INTEGER REFERENCES users(id)
);
CREATE INDEX extranet_registrations_status ON extranet_registrations (status, id);
