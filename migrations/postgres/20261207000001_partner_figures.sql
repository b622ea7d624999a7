-- The agencies' dashboard at scale (issues 13, 14): its figures kept by triggers as the partner
-- search rows change, instead of counted over every profile on every request. One row per
-- figure, kind of organisation and value (a completeness percent, a verification `1` / `0` /
-- `never`, the latest agreed PSEA rating or `none`, a creation month as year * 12 + month - 1),
-- counting the organisations not archived; the dashboard sums the partner kinds' rows.
ALTER TABLE partner_search ADD COLUMN psea_rating TEXT;
ALTER TABLE partner_search ADD COLUMN created_month BIGINT NOT NULL DEFAULT 0;

CREATE FUNCTION partner_created_month(created_at BIGINT) RETURNS BIGINT LANGUAGE sql IMMUTABLE AS $$
    SELECT CAST(EXTRACT(YEAR FROM to_timestamp(created_at / 1000.0) AT TIME ZONE 'UTC') AS BIGINT) * 12
        + CAST(EXTRACT(MONTH FROM to_timestamp(created_at / 1000.0) AT TIME ZONE 'UTC') AS BIGINT) - 1;
$$;

CREATE OR REPLACE FUNCTION partner_search_refresh(org BIGINT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO partner_search (organisation_id, legal_name, names, kind, country, archived,
        completeness, updated_at, sectors, leadership, verified, psea_rating, created_month)
    SELECT o.id, o.legal_name, lower(o.legal_name || ' ' || COALESCE(o.acronym, '')), o.kind,
        o.country, o.archived_at IS NOT NULL,
        COALESCE(pp.completeness, 0), COALESCE(pp.updated_at, 0),
        COALESCE((SELECT ',' || a.value || ',' FROM partner_answers a
            WHERE a.organisation_id = o.id AND a.field = 'sectors'), ''),
        COALESCE((SELECT ',' || STRING_AGG(a.field, ',') || ',' FROM partner_answers a
            WHERE a.organisation_id = o.id
            AND a.field IN ('women_led', 'youth_led', 'indigenous_led', 'refugee_led')
            AND a.value = 'yes'), ''),
        (SELECT CAST(v.verified AS BIGINT) FROM partner_verifications v
            WHERE v.organisation_id = o.id ORDER BY v.created_at DESC, v.id DESC LIMIT 1),
        (SELECT a.rating FROM psea_assessments a
            WHERE a.organisation_id = o.id AND a.status = 'agreed' ORDER BY a.id DESC LIMIT 1),
        partner_created_month(o.created_at)
    FROM organisations o LEFT JOIN partner_profiles pp ON pp.organisation_id = o.id
    WHERE o.id = org
    ON CONFLICT (organisation_id) DO UPDATE SET legal_name = EXCLUDED.legal_name,
        names = EXCLUDED.names, kind = EXCLUDED.kind, country = EXCLUDED.country,
        archived = EXCLUDED.archived, completeness = EXCLUDED.completeness,
        updated_at = EXCLUDED.updated_at, sectors = EXCLUDED.sectors,
        leadership = EXCLUDED.leadership, verified = EXCLUDED.verified,
        psea_rating = EXCLUDED.psea_rating, created_month = EXCLUDED.created_month;
$$;
UPDATE partner_search s SET
    psea_rating = (SELECT a.rating FROM psea_assessments a
        WHERE a.organisation_id = s.organisation_id AND a.status = 'agreed'
        ORDER BY a.id DESC LIMIT 1),
    created_month = (SELECT partner_created_month(o.created_at) FROM organisations o
        WHERE o.id = s.organisation_id);

CREATE TABLE partner_figures (
    figure TEXT NOT NULL,
    kind TEXT NOT NULL,
    value TEXT NOT NULL,
    n BIGINT NOT NULL,
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

CREATE TRIGGER partner_search_psea AFTER INSERT OR UPDATE OF status, rating ON psea_assessments
    FOR EACH ROW EXECUTE FUNCTION partner_search_keep();

-- A change: the old row's figures leave (-1), the new row's enter (+1), as one statement that
-- takes the figure rows in their key's order (two saves at once never wait on each other in a
-- circle); a refresh that changes none of them touches no figure.
CREATE FUNCTION partner_figures_keep() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    fa TEXT[] := '{}';
    ka TEXT[] := '{}';
    va TEXT[] := '{}';
    da BIGINT[] := '{}';
BEGIN
    IF TG_OP = 'UPDATE' THEN
        IF OLD.kind = NEW.kind AND OLD.archived = NEW.archived
            AND OLD.completeness = NEW.completeness
            AND OLD.verified IS NOT DISTINCT FROM NEW.verified
            AND OLD.psea_rating IS NOT DISTINCT FROM NEW.psea_rating
            AND OLD.created_month = NEW.created_month THEN
            RETURN NULL;
        END IF;
    END IF;
    IF TG_OP IN ('UPDATE', 'DELETE') THEN
        IF NOT OLD.archived THEN
            fa := fa || ARRAY['completeness', 'created', 'psea', 'verified'];
            ka := ka || ARRAY[OLD.kind, OLD.kind, OLD.kind, OLD.kind];
            va := va || ARRAY[CAST(OLD.completeness AS TEXT), CAST(OLD.created_month AS TEXT),
                COALESCE(OLD.psea_rating, 'none'), COALESCE(CAST(OLD.verified AS TEXT), 'never')];
            da := da || ARRAY[-1, -1, -1, -1]::BIGINT[];
        END IF;
    END IF;
    IF TG_OP IN ('INSERT', 'UPDATE') THEN
        IF NOT NEW.archived THEN
            fa := fa || ARRAY['completeness', 'created', 'psea', 'verified'];
            ka := ka || ARRAY[NEW.kind, NEW.kind, NEW.kind, NEW.kind];
            va := va || ARRAY[CAST(NEW.completeness AS TEXT), CAST(NEW.created_month AS TEXT),
                COALESCE(NEW.psea_rating, 'none'), COALESCE(CAST(NEW.verified AS TEXT), 'never')];
            da := da || ARRAY[1, 1, 1, 1]::BIGINT[];
        END IF;
    END IF;
    INSERT INTO partner_figures (figure, kind, value, n)
        SELECT c.f, c.k, c.v, SUM(c.d) FROM unnest(fa, ka, va, da) AS c(f, k, v, d)
        GROUP BY c.f, c.k, c.v HAVING SUM(c.d) <> 0
        ORDER BY c.f, c.k, c.v
        ON CONFLICT (figure, kind, value) DO UPDATE SET n = partner_figures.n + EXCLUDED.n;
    RETURN NULL;
END $$;
CREATE TRIGGER partner_figures_keep AFTER INSERT OR UPDATE OR DELETE ON partner_search
    FOR EACH ROW EXECUTE FUNCTION partner_figures_keep();
