-- The home page's figures (live organisations, those in consultative status) kept as
-- organisations change, not recounted on every visit (issue #13).
CREATE TABLE platform_figures (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    organisations BIGINT NOT NULL,
    consultative BIGINT NOT NULL
);
INSERT INTO platform_figures (id, organisations, consultative)
    SELECT 1, COUNT(*), COUNT(consultative_status) FROM organisations WHERE archived_at IS NULL;
CREATE FUNCTION platform_figures_keep() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    d_live BIGINT := 0;
    d_consultative BIGINT := 0;
BEGIN
    IF TG_OP IN ('UPDATE', 'DELETE') AND OLD.archived_at IS NULL THEN
        d_live := d_live - 1;
        IF OLD.consultative_status IS NOT NULL THEN d_consultative := d_consultative - 1; END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') AND NEW.archived_at IS NULL THEN
        d_live := d_live + 1;
        IF NEW.consultative_status IS NOT NULL THEN d_consultative := d_consultative + 1; END IF;
    END IF;
    UPDATE platform_figures SET organisations = organisations + d_live,
        consultative = consultative + d_consultative
    WHERE id = 1;
    RETURN NULL;
END $$;
CREATE TRIGGER platform_figures_change AFTER INSERT OR DELETE OR UPDATE OF archived_at, consultative_status
    ON organisations FOR EACH ROW EXECUTE FUNCTION platform_figures_keep();
