-- The secretariat's queue at scale (issue #13).
-- Pages in submission order at one station come straight from an index (no sort), and so do
-- the pages in name order.
CREATE INDEX designations_queue_order ON designations (duty_station, submitted_at, id)
    WHERE status <> 'draft';
CREATE INDEX designations_queue_names ON designations (duty_station, last_name, first_name, id)
    WHERE status <> 'draft';
-- Searching a part of a name (the person's or the organisation's) goes through a trigram index:
-- an FTS5 table whose rowid is the designation's id (on PostgreSQL, a table with a pg_trgm
-- index), kept by triggers. Names are stored lower-cased.
CREATE VIRTUAL TABLE designation_search USING fts5(names, tokenize = 'trigram');
INSERT INTO designation_search (rowid, names)
    SELECT d.id, lower(d.first_name || ' ' || d.last_name || ' ' || o.legal_name)
    FROM designations d JOIN organisations o ON o.id = d.organisation_id;
CREATE TRIGGER designation_search_insert AFTER INSERT ON designations BEGIN
    INSERT INTO designation_search (rowid, names)
    SELECT new.id, lower(new.first_name || ' ' || new.last_name || ' ' || o.legal_name)
    FROM organisations o WHERE o.id = new.organisation_id;
END;
CREATE TRIGGER designation_search_update AFTER UPDATE OF first_name, last_name ON designations
BEGIN
    DELETE FROM designation_search WHERE rowid = old.id;
    INSERT INTO designation_search (rowid, names)
    SELECT new.id, lower(new.first_name || ' ' || new.last_name || ' ' || o.legal_name)
    FROM organisations o WHERE o.id = new.organisation_id;
END;
CREATE TRIGGER designation_search_delete AFTER DELETE ON designations BEGIN
    DELETE FROM designation_search WHERE rowid = old.id;
END;
CREATE TRIGGER designation_search_organisation AFTER UPDATE OF legal_name ON organisations BEGIN
    DELETE FROM designation_search
        WHERE rowid IN (SELECT id FROM designations WHERE organisation_id = new.id);
    INSERT INTO designation_search (rowid, names)
    SELECT d.id, lower(d.first_name || ' ' || d.last_name || ' ' || new.legal_name)
    FROM designations d WHERE d.organisation_id = new.id;
END;
-- The secretariat's figures (designations per station and state) kept as designations change,
-- not recounted from every row on every page.
CREATE TABLE designation_counts (
    duty_station TEXT NOT NULL,
    status TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (duty_station, status)
);
INSERT INTO designation_counts (duty_station, status, n)
    SELECT duty_station, status, COUNT(*) FROM designations GROUP BY duty_station, status;
CREATE TRIGGER designation_counts_insert AFTER INSERT ON designations BEGIN
    INSERT INTO designation_counts (duty_station, status, n) VALUES (new.duty_station, new.status, 1)
        ON CONFLICT (duty_station, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER designation_counts_update AFTER UPDATE OF status, duty_station ON designations
BEGIN
    UPDATE designation_counts SET n = n - 1
        WHERE duty_station = old.duty_station AND status = old.status;
    INSERT INTO designation_counts (duty_station, status, n) VALUES (new.duty_station, new.status, 1)
        ON CONFLICT (duty_station, status) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER designation_counts_delete AFTER DELETE ON designations BEGIN
    UPDATE designation_counts SET n = n - 1
        WHERE duty_station = old.duty_station AND status = old.status;
END;
