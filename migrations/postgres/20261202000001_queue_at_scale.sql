-- The secretariat's queue at scale (issue #13).
-- Pages in submission order at one station come straight from an index (no sort), and so do
-- the pages in name order.
CREATE INDEX designations_queue_order ON designations (duty_station, submitted_at, id)
    WHERE status <> 'draft';
CREATE INDEX designations_queue_names ON designations (duty_station, last_name, first_name, id)
    WHERE status <> 'draft';
-- Searching a part of a name (the person's or the organisation's) goes through a trigram index:
-- a table keyed by the designation's id (`rowid`, as SQLite's FTS5 table is) with a pg_trgm
-- index, kept by triggers. Names are stored lower-cased.
CREATE EXTENSION IF NOT EXISTS pg_trgm;
CREATE TABLE designation_search (
    rowid BIGINT PRIMARY KEY REFERENCES designations(id) ON DELETE CASCADE,
    names TEXT NOT NULL
);
CREATE INDEX designation_search_names ON designation_search USING gin (names gin_trgm_ops);
INSERT INTO designation_search (rowid, names)
    SELECT d.id, lower(d.first_name || ' ' || d.last_name || ' ' || o.legal_name)
    FROM designations d JOIN organisations o ON o.id = d.organisation_id;
CREATE FUNCTION designation_search_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO designation_search (rowid, names)
    SELECT NEW.id, lower(NEW.first_name || ' ' || NEW.last_name || ' ' || o.legal_name)
    FROM organisations o WHERE o.id = NEW.organisation_id
    ON CONFLICT (rowid) DO UPDATE SET names = EXCLUDED.names;
    RETURN NULL;
END $$;
CREATE TRIGGER designation_search_insert AFTER INSERT ON designations
    FOR EACH ROW EXECUTE FUNCTION designation_search_keep();
CREATE TRIGGER designation_search_update AFTER UPDATE OF first_name, last_name ON designations
    FOR EACH ROW EXECUTE FUNCTION designation_search_keep();
CREATE FUNCTION designation_search_organisation() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    UPDATE designation_search s
    SET names = lower(d.first_name || ' ' || d.last_name || ' ' || NEW.legal_name)
    FROM designations d WHERE d.organisation_id = NEW.id AND s.rowid = d.id;
    RETURN NULL;
END $$;
CREATE TRIGGER designation_search_organisation AFTER UPDATE OF legal_name ON organisations
    FOR EACH ROW EXECUTE FUNCTION designation_search_organisation();
-- The secretariat's figures (designations per station and state) kept as designations change,
-- not recounted from every row on every page.
CREATE TABLE designation_counts (
    duty_station TEXT NOT NULL,
    status TEXT NOT NULL,
    n BIGINT NOT NULL,
    PRIMARY KEY (duty_station, status)
);
INSERT INTO designation_counts (duty_station, status, n)
    SELECT duty_station, status, COUNT(*) FROM designations GROUP BY duty_station, status;
CREATE FUNCTION designation_counts_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        UPDATE designation_counts SET n = n - 1
            WHERE duty_station = OLD.duty_station AND status = OLD.status;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO designation_counts (duty_station, status, n)
            VALUES (NEW.duty_station, NEW.status, 1)
            ON CONFLICT (duty_station, status) DO UPDATE SET n = designation_counts.n + 1;
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER designation_counts_insert AFTER INSERT OR DELETE ON designations
    FOR EACH ROW EXECUTE FUNCTION designation_counts_keep();
CREATE TRIGGER designation_counts_update AFTER UPDATE OF status, duty_station ON designations
    FOR EACH ROW WHEN (OLD.status IS DISTINCT FROM NEW.status
        OR OLD.duty_station IS DISTINCT FROM NEW.duty_station)
    EXECUTE FUNCTION designation_counts_keep();
