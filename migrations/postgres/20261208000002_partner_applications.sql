-- Applications to calls for expression of interest (PRODUCT.md §4 "Opportunities", issue 15):
-- one per call and organisation (a withdrawn one counts: the unique key also holds two
-- applications sent at once), states in `partners::domain::applications`.
CREATE TABLE partner_applications (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    call_id BIGINT NOT NULL REFERENCES partner_calls(id),
    organisation_id BIGINT NOT NULL REFERENCES organisations(id),
    state TEXT NOT NULL DEFAULT 'pending' CHECK (state IN ('pending', 'withdrawn', 'preselected', 'recommended', 'rejected', 'awarded', 'accepted', 'declined', 'retracted')),
    concept_note TEXT NOT NULL CHECK (char_length(concept_note) BETWEEN 1 AND 6000),
    submitted_by BIGINT NOT NULL REFERENCES users(id),
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    UNIQUE (call_id, organisation_id)
);
CREATE INDEX partner_applications_organisation ON partner_applications (organisation_id, created_at);
CREATE INDEX partner_applications_call ON partner_applications (call_id, state, id);
