-- "Forgot my password" requests, queued as they come for every address (known or not), so that
-- the answer and its timing say nothing about which addresses have accounts. The recovery
-- worker takes each one (deleting it), writes the reset links and queues the mails.
CREATE TABLE reset_requests (
    id INTEGER PRIMARY KEY,
    email TEXT NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
    locale TEXT NOT NULL CHECK (locale IN ('fr', 'en', 'es')),
    created_at INTEGER NOT NULL
);
