-- Agencies' verification of partner profiles and their flags (PRODUCT.md §4, issue 14): the
-- five answers (1 yes, 0 no) with a comment, the verdict the rule gave, and who gave it; the
-- latest verification stands. Flags are seen by agencies only; a flag's level changes only
-- through `FlagLevel::can_transition_to` (yellow → escalated → red or yellow).
CREATE TABLE partner_verifications (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations(id),
    agency TEXT NOT NULL CHECK (char_length(agency) BETWEEN 2 AND 20),
    registration_valid BIGINT NOT NULL CHECK (registration_valid IN (0, 1)),
    mandate_consistent BIGINT NOT NULL CHECK (mandate_consistent IN (0, 1)),
    safeguards_in_place BIGINT NOT NULL CHECK (safeguards_in_place IN (0, 1)),
    other_risk BIGINT NOT NULL CHECK (other_risk IN (0, 1)),
    risk_unacceptable BIGINT NOT NULL CHECK (risk_unacceptable IN (0, 1)),
    comment TEXT NOT NULL DEFAULT '' CHECK (char_length(comment) <= 2000),
    verified BIGINT NOT NULL CHECK (verified IN (0, 1)),
    verified_by BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL
);
CREATE INDEX partner_verifications_organisation ON partner_verifications (organisation_id, created_at);
CREATE TABLE partner_flags (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations(id),
    agency TEXT NOT NULL CHECK (char_length(agency) BETWEEN 2 AND 20),
    level TEXT NOT NULL CHECK (level IN ('observation', 'yellow', 'escalated', 'red')),
    category TEXT NOT NULL CHECK (category IN ('reputational', 'financial', 'operational', 'compliance', 'sea', 'safeguarding', 'other')),
    comment TEXT NOT NULL CHECK (char_length(comment) BETWEEN 1 AND 2000),
    raised_by BIGINT NOT NULL REFERENCES users(id),
    raised_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL
);
CREATE INDEX partner_flags_organisation ON partner_flags (organisation_id);
