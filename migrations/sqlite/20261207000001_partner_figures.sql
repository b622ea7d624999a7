-- The agencies' dashboard at scale (issues 13, 14): its figures kept by triggers as the partner
-- search rows change, instead of counted over every profile on every request. One row per
-- figure, kind of organisation and value (a completeness percent, a verification `1` / `0` /
-- `never`, the latest agreed PSEA rating or `none`, a creation month as year * 12 + month - 1),
-- counting the organisations not archived; the dashboard sums the partner kinds' rows.
ALTER TABLE partner_search ADD COLUMN psea_rating TEXT;
ALTER TABLE partner_search ADD COLUMN created_month INTEGER NOT NULL DEFAULT 0;
UPDATE partner_search SET
    psea_rating = (SELECT a.rating FROM psea_assessments a
        WHERE a.organisation_id = partner_search.organisation_id AND a.status = 'agreed'
        ORDER BY a.id DESC LIMIT 1),
    created_month = (SELECT CAST(strftime('%Y', o.created_at / 1000, 'unixepoch') AS INTEGER) * 12
            + CAST(strftime('%m', o.created_at / 1000, 'unixepoch') AS INTEGER) - 1
        FROM organisations o WHERE o.id = partner_search.organisation_id);

CREATE TABLE partner_figures (
    figure TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    n INTEGER NOT NULL,
    PRIMARY KEY (figure, kind, value)
);
INSERT INTO partner_figures (figure, kind, value, n)
    SELECT 'completeness', kind, CAST(completeness AS TEXT), COUNT(*) FROM partner_search
        WHERE NOT archived GROUP BY kind, completeness;
INSERT INTO partner_figures (figure, kind, value, n)
    SELECT 'verified', kind, COALESCE(CAST(verified AS TEXT), 'never'), COUNT(*) FROM partner_search
        WHERE NOT archived GROUP BY kind, verified;
INSERT INTO partner_figures (figure, kind, value, n)
    SELECT 'psea', kind, COALESCE(psea_rating, 'none'), COUNT(*) FROM partner_search
        WHERE NOT archived GROUP BY kind, psea_rating;
INSERT INTO partner_figures (figure, kind, value, n)
    SELECT 'created', kind, CAST(created_month AS TEXT), COUNT(*) FROM partner_search
        WHERE NOT archived GROUP BY kind, created_month;

-- A new organisation's row now carries its creation month.
DROP TRIGGER partner_search_organisation_insert;
CREATE TRIGGER partner_search_organisation_insert AFTER INSERT ON organisations BEGIN
    INSERT INTO partner_search (organisation_id, legal_name, kind, country, archived, created_month)
        VALUES (new.id, new.legal_name, new.kind, new.country, new.archived_at IS NOT NULL,
            CAST(strftime('%Y', new.created_at / 1000, 'unixepoch') AS INTEGER) * 12
            + CAST(strftime('%m', new.created_at / 1000, 'unixepoch') AS INTEGER) - 1);
    INSERT INTO partner_names (rowid, names)
        VALUES (new.id, lower(new.legal_name || ' ' || COALESCE(new.acronym, '')));
END;
CREATE TRIGGER partner_search_psea_insert AFTER INSERT ON psea_assessments
WHEN new.status = 'agreed' BEGIN
    UPDATE partner_search SET psea_rating = (SELECT a.rating FROM psea_assessments a
        WHERE a.organisation_id = new.organisation_id AND a.status = 'agreed'
        ORDER BY a.id DESC LIMIT 1) WHERE organisation_id = new.organisation_id;
END;
CREATE TRIGGER partner_search_psea_update AFTER UPDATE OF status, rating ON psea_assessments BEGIN
    UPDATE partner_search SET psea_rating = (SELECT a.rating FROM psea_assessments a
        WHERE a.organisation_id = new.organisation_id AND a.status = 'agreed'
        ORDER BY a.id DESC LIMIT 1) WHERE organisation_id = new.organisation_id;
END;

CREATE TRIGGER partner_figures_insert AFTER INSERT ON partner_search WHEN NOT new.archived BEGIN
    INSERT INTO partner_figures (figure, kind, value, n) VALUES
        ('completeness', new.kind, CAST(new.completeness AS TEXT), 1),
        ('verified', new.kind, COALESCE(CAST(new.verified AS TEXT), 'never'), 1),
        ('psea', new.kind, COALESCE(new.psea_rating, 'none'), 1),
        ('created', new.kind, CAST(new.created_month AS TEXT), 1)
        ON CONFLICT (figure, kind, value) DO UPDATE SET n = n + 1;
END;
CREATE TRIGGER partner_figures_delete AFTER DELETE ON partner_search WHEN NOT old.archived BEGIN
    UPDATE partner_figures SET n = n - 1 WHERE kind = old.kind AND (
        (figure = 'completeness' AND value = CAST(old.completeness AS TEXT))
        OR (figure = 'verified' AND value = COALESCE(CAST(old.verified AS TEXT), 'never'))
        OR (figure = 'psea' AND value = COALESCE(old.psea_rating, 'none'))
        OR (figure = 'created' AND value = CAST(old.created_month AS TEXT)));
END;
-- A change: the old row's figures leave, the new row's enter (two triggers, in either order).
CREATE TRIGGER partner_figures_leave
AFTER UPDATE OF kind, archived, completeness, verified, psea_rating, created_month ON partner_search
WHEN NOT old.archived BEGIN
    UPDATE partner_figures SET n = n - 1 WHERE kind = old.kind AND (
        (figure = 'completeness' AND value = CAST(old.completeness AS TEXT))
        OR (figure = 'verified' AND value = COALESCE(CAST(old.verified AS TEXT), 'never'))
        OR (figure = 'psea' AND value = COALESCE(old.psea_rating, 'none'))
        OR (figure = 'created' AND value = CAST(old.created_month AS TEXT)));
END;
CREATE TRIGGER partner_figures_enter
AFTER UPDATE OF kind, archived, completeness, verified, psea_rating, created_month ON partner_search
WHEN NOT new.archived BEGIN
    INSERT INTO partner_figures (figure, kind, value, n) VALUES
        ('completeness', new.kind, CAST(new.completeness AS TEXT), 1),
        ('verified', new.kind, COALESCE(CAST(new.verified AS TEXT), 'never'), 1),
        ('psea', new.kind, COALESCE(new.psea_rating, 'none'), 1),
        ('created', new.kind, CAST(new.created_month AS TEXT), 1)
        ON CONFLICT (figure, kind, value) DO UPDATE SET n = n + 1;
END;
