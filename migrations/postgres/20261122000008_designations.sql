-- Accreditation designations (PRODUCT.md §3, issue #5). One row per designation of a person by
-- an organisation, at a duty station, for a year; the whole form is kept as JSON (`fields`,
-- checked by `accreditation::domain::DesignationForm::parse` before every write), the columns
-- repeat what queues filter, sort and count on.
--
-- Quotas hold in the database too: an active (submitted or approved) annual designation holds a
-- numbered seat of its quota, and a seat is unique per organisation, station, year and type —
-- one seat for the President/Chief executive, the Administrative director and the Principal
-- representative, four for Additional representatives. A fifth cannot exist, whatever the
-- application does. The seat is released (NULL) when the designation ends.
CREATE TABLE designations (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations(id),
    duty_station TEXT NOT NULL CHECK (duty_station IN ('new_york', 'geneva', 'vienna')),
    year BIGINT NOT NULL CHECK (year BETWEEN 2000 AND 2200),
    pass_kind TEXT NOT NULL CHECK (pass_kind IN ('annual', 'temporary')),
    representative_type TEXT NOT NULL CHECK (representative_type IN ('president_chief_executive',
        'administrative_director', 'principal_representative', 'additional_representative')),
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'approved', 'rejected',
        'withdrawn', 'revoked', 'expired')),
    seat BIGINT CHECK (seat IS NULL OR (seat BETWEEN 1 AND 4
        AND (seat = 1 OR representative_type = 'additional_representative')
        AND pass_kind = 'annual' AND status IN ('submitted', 'approved'))),
    title TEXT NOT NULL CHECK (char_length(title) <= 5),
    first_name TEXT NOT NULL CHECK (char_length(first_name) BETWEEN 1 AND 100),
    last_name TEXT NOT NULL CHECK (char_length(last_name) BETWEEN 1 AND 100),
    date_of_birth TEXT NOT NULL CHECK (char_length(date_of_birth) = 10),
    -- The person as the same-person rule compares them (folded names and date of birth).
    person_key TEXT NOT NULL CHECK (char_length(person_key) <= 300),
    valid_from TEXT NOT NULL CHECK (char_length(valid_from) = 10),
    valid_until TEXT NOT NULL CHECK (char_length(valid_until) = 10),
    accreditation_rights BIGINT NOT NULL DEFAULT 0 CHECK (accreditation_rights IN (0, 1)),
    fields TEXT NOT NULL CHECK (char_length(fields) <= 20000),
    photo_upload_id BIGINT REFERENCES uploads(id),
    reason TEXT CHECK (char_length(reason) <= 1000),
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    submitted_at BIGINT,
    decided_at BIGINT,
    decided_by BIGINT REFERENCES users(id),
    version BIGINT NOT NULL DEFAULT 1
);
CREATE UNIQUE INDEX designations_seat
    ON designations (organisation_id, duty_station, year, representative_type, seat)
    WHERE seat IS NOT NULL;
CREATE INDEX designations_organisation ON designations (organisation_id, duty_station, year);
CREATE INDEX designations_queue ON designations (status, duty_station, submitted_at);
-- Designation photos are uploads of the organisation with purpose 'designation_photo'.
