-- The mail queue. Rendered at enqueue time in the recipient's language; delivered by the worker
-- over SMTP ('sent') or into the outbox ('outbox'); retried with back-off; 'failed' after too many
-- tries, kept for a platform administrator to retry. Never deleted by a user action.
CREATE TABLE mail_jobs (
    id INTEGER PRIMARY KEY,
    to_address TEXT NOT NULL CHECK (length(to_address) <= 254),
    locale TEXT NOT NULL CHECK (locale IN ('fr','en','es')),
    subject TEXT NOT NULL CHECK (length(subject) <= 300),
    body TEXT NOT NULL CHECK (length(body) <= 100000),
    status TEXT NOT NULL CHECK (status IN ('queued','sent','outbox','failed')),
    attempts INTEGER NOT NULL DEFAULT 0,
    next_attempt_at INTEGER NOT NULL,
    last_error TEXT,
    created_at INTEGER NOT NULL,
    sent_at INTEGER
);
CREATE INDEX mail_jobs_due ON mail_jobs (status, next_attempt_at);
