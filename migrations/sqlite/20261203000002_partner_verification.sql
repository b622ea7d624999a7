-- Agencies' verification of partner profiles and their flags (PRODUCT.md §4, issue 14): the
-- five answers (1 yes, 0 no) with a comment, the verdict the rule gave, and who gave it; the
-- latest verification stands. Flags are seen by agencies only; a flag's level changes only
-- through `FlagLevel::can_transition_to` (yellow → escalated → red or yellow).
CREATE TABLE partner_verifications (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    agency TEXT NOT NULL CHECK (length(agency) BETWEEN 2 AND 20),
    registration_valid INTEGER NOT NULL CHECK (registration_valid IN (0, 1)),
    mandate_consistent INTEGER NOT NULL CHECK (mandate_consistent IN (0, 1)),
    safeguards_in_place INTEGER NOT NULL CHECK (safeguards_in_place IN (0, 1)),
    other_risk INTEGER NOT NULL CHECK (other_risk IN (0, 1)),
    risk_unacceptable INTEGER NOT NULL CHECK (risk_unacceptable IN (0, 1)),
    comment TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
    verified INTEGER NOT NULL CHECK (verified IN (0, 1)),
    verified_by INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL
);
CREATE INDEX partner_verifications_organisation ON partner_verifications (organisation_id, created_at);
CREATE TABLE partner_flags (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    agency TEXT NOT NULL CHECK (length(agency) BETWEEN 2 AND 20),
    level TEXT NOT NULL CHECK (level IN ('observation', 'yellow', 'escalated', 'red')),
    category TEXT NOT NULL CHECK (category IN ('reputational', 'financial', 'operational', 'compliance', 'sea', 'safeguarding', 'other')),
    comment TEXT NOT NULL CHECK (length(comment) BETWEEN 1 AND 2000),
    raised_by INTEGER NOT NULL REFERENCES users(id),
    raised_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL
);
CREATE INDEX partner_flags_organisation ON partner_flags (organisation_id);
