-- Annual renewal (issue #5): a draft of next year made from an approved annual designation
-- names its source, once.
ALTER TABLE designations ADD COLUMN renewed_from INTEGER REFERENCES designations(id);
CREATE UNIQUE INDEX designations_renewed_from ON designations (renewed_from)
    WHERE renewed_from IS NOT NULL;
-- The public directory lists organisations in consultative status by name.
CREATE INDEX organisations_consultative ON organisations (consultative_status, legal_name);
