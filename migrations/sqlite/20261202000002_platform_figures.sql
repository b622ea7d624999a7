-- The home page's figures (live organisations, those in consultative status) kept as
-- organisations change, not recounted on every visit (issue #13).
CREATE TABLE platform_figures (
    id INTEGER PRIMARY KEY CHECK (id = 1),
    organisations INTEGER NOT NULL,
    consultative INTEGER NOT NULL
);
INSERT INTO platform_figures (id, organisations, consultative)
    SELECT 1, COUNT(*), COUNT(consultative_status) FROM organisations WHERE archived_at IS NULL;
CREATE TRIGGER platform_figures_insert AFTER INSERT ON organisations BEGIN
    UPDATE platform_figures SET
        organisations = organisations + (CASE WHEN new.archived_at IS NULL THEN 1 ELSE 0 END),
        consultative = consultative + (CASE WHEN new.archived_at IS NULL
            AND new.consultative_status IS NOT NULL THEN 1 ELSE 0 END)
    WHERE id = 1;
END;
CREATE TRIGGER platform_figures_update AFTER UPDATE OF archived_at, consultative_status
    ON organisations BEGIN
    UPDATE platform_figures SET
        organisations = organisations
            - (CASE WHEN old.archived_at IS NULL THEN 1 ELSE 0 END)
            + (CASE WHEN new.archived_at IS NULL THEN 1 ELSE 0 END),
        consultative = consultative
            - (CASE WHEN old.archived_at IS NULL AND old.consultative_status IS NOT NULL THEN 1 ELSE 0 END)
            + (CASE WHEN new.archived_at IS NULL AND new.consultative_status IS NOT NULL THEN 1 ELSE 0 END)
    WHERE id = 1;
END;
CREATE TRIGGER platform_figures_delete AFTER DELETE ON organisations BEGIN
    UPDATE platform_figures SET
        organisations = organisations - (CASE WHEN old.archived_at IS NULL THEN 1 ELSE 0 END),
        consultative = consultative - (CASE WHEN old.archived_at IS NULL
            AND old.consultative_status IS NOT NULL THEN 1 ELSE 0 END)
    WHERE id = 1;
END;
