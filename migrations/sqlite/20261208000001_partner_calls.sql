-- Calls for expression of interest (CFEI, PRODUCT.md §4 "Opportunities", issue 15): written by an
-- agency's officers, states draft → published → closed (the deadline passed: the scheduled job
-- `partners.calls_close`) → finalised with a reason (`partners::domain::calls`). The sectors and
-- countries are kept as ',health,education,' and ',ML,SN,' so that a filter is one LIKE
-- '%,code,%'; the criteria (weights adding up to 100) are rows of their own, in the form's order.
CREATE TABLE partner_calls (
    id INTEGER PRIMARY KEY,
    agency TEXT NOT NULL CHECK (agency IN ('unfpa', 'unicef', 'unhcr', 'wfp', 'undp', 'un_women', 'who', 'fao', 'iom')),
    title TEXT NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
    description TEXT NOT NULL CHECK (length(description) BETWEEN 1 AND 8000),
    sectors TEXT NOT NULL CHECK (length(sectors) BETWEEN 3 AND 1000),
    countries TEXT NOT NULL CHECK (length(countries) BETWEEN 4 AND 1000),
    clarification_deadline TEXT NOT NULL,
    deadline TEXT NOT NULL,
    notification_date TEXT NOT NULL,
    start_date TEXT NOT NULL,
    end_date TEXT NOT NULL,
    state TEXT NOT NULL DEFAULT 'draft' CHECK (state IN ('draft', 'published', 'closed', 'finalised')),
    final_reason TEXT CHECK (final_reason IN ('partner_selected', 'no_suitable_applicant', 'cancelled')),
    final_note TEXT NOT NULL DEFAULT '' CHECK (length(final_note) <= 2000),
    created_by INTEGER NOT NULL REFERENCES users(id),
    version INTEGER NOT NULL DEFAULT 1,
    created_at INTEGER NOT NULL,
    updated_at INTEGER NOT NULL,
    published_at INTEGER,
    closed_at INTEGER,
    finalised_at INTEGER,
    CHECK (clarification_deadline <= deadline AND deadline <= notification_date
        AND notification_date <= start_date AND start_date <= end_date),
    CHECK ((state = 'finalised') = (final_reason IS NOT NULL))
);
-- The public list (published, by deadline) and the closing job (published, deadline passed).
CREATE INDEX partner_calls_state_deadline ON partner_calls (state, deadline, id);
-- The agency's own list.
CREATE INDEX partner_calls_agency ON partner_calls (agency, state, updated_at, id);
CREATE TABLE partner_call_criteria (
    call_id INTEGER NOT NULL REFERENCES partner_calls(id) ON DELETE CASCADE,
    seq INTEGER NOT NULL CHECK (seq BETWEEN 1 AND 10),
    name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
    weight INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 100),
    PRIMARY KEY (call_id, seq)
);
