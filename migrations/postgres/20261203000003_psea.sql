-- PSEA self-assessments (PRODUCT.md §4, issue 14): one per organisation at a time, written by
-- the partner (draft → submitted), reviewed by an agency officer (agreed, or sent back with a
-- comment to be corrected and submitted again); the rating `psea::rating` gave at submission.
-- Answers: one row per standard (met 1 / 0) with its evidence.
CREATE TABLE psea_assessments (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations(id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'sent_back', 'agreed')),
    rating TEXT CHECK (rating IN ('full', 'medium', 'low')),
    version BIGINT NOT NULL DEFAULT 1,
    created_by BIGINT NOT NULL REFERENCES users(id),
    created_at BIGINT NOT NULL,
    submitted_at BIGINT,
    reviewed_by BIGINT REFERENCES users(id),
    reviewed_agency TEXT CHECK (reviewed_agency IS NULL OR char_length(reviewed_agency) BETWEEN 2 AND 20),
    reviewed_at BIGINT,
    review_comment TEXT CHECK (review_comment IS NULL OR char_length(review_comment) <= 2000)
);
CREATE INDEX psea_assessments_organisation ON psea_assessments (organisation_id, created_at);
CREATE TABLE psea_answers (
    assessment_id BIGINT NOT NULL REFERENCES psea_assessments(id),
    standard TEXT NOT NULL CHECK (char_length(standard) BETWEEN 1 AND 40),
    met BIGINT NOT NULL CHECK (met IN (0, 1)),
    evidence TEXT NOT NULL DEFAULT '' CHECK (char_length(evidence) <= 2000),
    PRIMARY KEY (assessment_id, standard)
);
