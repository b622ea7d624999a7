-- Support requests ("ask for help", PRODUCT.md §4, issue 14): a partner's member asks the help
-- desk, the organisation attached; states open → in progress → resolved (→ reopened by the
-- requester within 14 days: `partners::domain::support`); the thread of messages between the
-- requester and the help desk; files attached to the request (uploads of purpose
-- support_attachment).
CREATE TABLE support_requests (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisations(id),
    requester_id BIGINT NOT NULL REFERENCES users(id),
    category TEXT NOT NULL CHECK (category IN ('lost_access', 'non_editable_information', 'duplicate_profile', 'other')),
    subject TEXT NOT NULL CHECK (char_length(subject) BETWEEN 1 AND 150),
    status TEXT NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'in_progress', 'resolved', 'reopened')),
    -- The page of the partner space it was asked from.
    page TEXT NOT NULL DEFAULT '' CHECK (char_length(page) <= 300),
    assignee_id BIGINT REFERENCES users(id),
    version BIGINT NOT NULL DEFAULT 1,
    created_at BIGINT NOT NULL,
    updated_at BIGINT NOT NULL,
    resolved_at BIGINT
);
CREATE INDEX support_requests_queue ON support_requests (status, updated_at, id);
CREATE INDEX support_requests_updated ON support_requests (updated_at, id);
CREATE INDEX support_requests_requester ON support_requests (requester_id, created_at);
CREATE INDEX support_requests_organisation ON support_requests (organisation_id);
CREATE TABLE support_messages (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id BIGINT NOT NULL REFERENCES support_requests(id),
    author_id BIGINT NOT NULL REFERENCES users(id),
    from_help_desk BIGINT NOT NULL CHECK (from_help_desk IN (0, 1)),
    body TEXT NOT NULL CHECK (char_length(body) BETWEEN 1 AND 4000),
    created_at BIGINT NOT NULL
);
CREATE INDEX support_messages_request ON support_messages (request_id, created_at, id);
CREATE TABLE support_attachments (
    upload_id BIGINT PRIMARY KEY REFERENCES uploads(id),
    request_id BIGINT NOT NULL REFERENCES support_requests(id)
);
CREATE INDEX support_attachments_request ON support_attachments (request_id);
