-- PSEA self-assessments (PRODUCT.md §4, issue 14): one per organisation at a time, written by
-- the partner (draft → submitted), reviewed by an agency officer (agreed, or sent back with a
-- comment to be corrected and submitted again); the rating `psea::rating` gave at submission.
-- Answers: one row per standard (met 1 / 0) with its evidence.
CREATE TABLE psea_assessments (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisations(id),
    status TEXT NOT NULL CHECK (status IN ('draft', 'submitted', 'sent_back', 'agreed')),
    rating TEXT CHECK (rating IN ('full', 'medium', 'low')),
    version INTEGER NOT NULL DEFAULT 1,
    created_by INTEGER NOT NULL REFERENCES users(id),
    created_at INTEGER NOT NULL,
    submitted_at INTEGER,
    reviewed_by INTEGER REFERENCES users(id),
    reviewed_agency TEXT CHECK (reviewed_agency IS NULL OR length(reviewed_agency) BETWEEN 2 AND 20),
    reviewed_at INTEGER,
    review_comment TEXT CHECK (review_comment IS NULL OR length(review_comment) <= 2000)
);
CREATE INDEX psea_assessments_organisation ON psea_assessments (organisation_id, created_at);
CREATE TABLE psea_answers (
    assessment_id INTEGER NOT NULL REFERENCES psea_assessments(id),
    standard TEXT NOT NULL CHECK (length(standard) BETWEEN 1 AND 40),
    met INTEGER NOT NULL CHECK (met IN (0, 1)),
    evidence TEXT NOT NULL DEFAULT '' CHECK (length(evidence) <= 2000),
    PRIMARY KEY (assessment_id, standard)
);
