-- The review of applications to calls (PRODUCT.md §4 "Opportunities", issue 15): the reviewers
-- an officer assigns to a call, each reviewer's scores of an application (one review each,
-- stored complete and then locked), the agency's feedback to the partner (shown once the call
-- is finalised) and the reason an award was retracted.
CREATE TABLE partner_call_reviewers (
    call_id INTEGER NOT NULL REFERENCES partner_calls(id),
    user_id INTEGER NOT NULL REFERENCES users(id),
    assigned_by INTEGER NOT NULL REFERENCES users(id),
    assigned_at INTEGER NOT NULL,
    PRIMARY KEY (call_id, user_id)
);
CREATE TABLE partner_reviews (
    application_id INTEGER NOT NULL REFERENCES partner_applications(id),
    reviewer_id INTEGER NOT NULL REFERENCES users(id),
    -- One score per criterion, in the call's order, comma-separated.
    scores TEXT NOT NULL,
    total INTEGER NOT NULL CHECK (total BETWEEN 0 AND 100),
    comment TEXT NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
    created_at INTEGER NOT NULL,
    PRIMARY KEY (application_id, reviewer_id)
);
ALTER TABLE partner_applications ADD COLUMN feedback TEXT NOT NULL DEFAULT '' CHECK (length(feedback) <= 2000);
ALTER TABLE partner_applications ADD COLUMN retract_reason TEXT NOT NULL DEFAULT '' CHECK (length(retract_reason) <= 2000);
