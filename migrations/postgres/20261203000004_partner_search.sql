-- The agencies' partner search at scale (issues 13, 14). One narrow row per organisation with
-- what the search filters and sorts on, kept by triggers from the organisation, its profile, its
-- answers (the sectors and the four leadership flags) and its latest verification (all through
-- partner_search_refresh); and its names (legal name and acronym, lower-cased) under a trigram
-- index, read through the view partner_names (rowid, names) as SQLite's FTS5 table is.
CREATE TABLE partner_search (
    organisation_id BIGINT PRIMARY KEY REFERENCES organisations(id) ON DELETE CASCADE,
    legal_name TEXT NOT NULL,
    names TEXT NOT NULL,
    kind TEXT NOT NULL,
    country TEXT NOT NULL,
    archived BOOLEAN NOT NULL DEFAULT FALSE,
    completeness BIGINT NOT NULL DEFAULT 0,
    updated_at BIGINT NOT NULL DEFAULT 0,
    -- ',health,education,' and ',women_led,youth_led,': a filter is one LIKE '%,code,%'.
    sectors TEXT NOT NULL DEFAULT '',
    leadership TEXT NOT NULL DEFAULT '',
    -- The latest verification: NULL never verified, 0 not verified, 1 verified.
    verified BIGINT
);
CREATE INDEX partner_search_name ON partner_search (legal_name, organisation_id);
CREATE INDEX partner_search_completeness ON partner_search (completeness, legal_name, organisation_id);
CREATE INDEX partner_search_updated ON partner_search (updated_at DESC, organisation_id);
CREATE INDEX partner_search_country ON partner_search (country, legal_name, organisation_id);
CREATE INDEX partner_search_names ON partner_search USING gin (names gin_trgm_ops);
CREATE VIEW partner_names AS SELECT organisation_id AS rowid, names FROM partner_search;

CREATE FUNCTION partner_search_refresh(org BIGINT) RETURNS void LANGUAGE sql AS $$
    INSERT INTO partner_search (organisation_id, legal_name, names, kind, country, archived,
        completeness, updated_at, sectors, leadership, verified)
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
            WHERE v.organisation_id = o.id ORDER BY v.created_at DESC, v.id DESC LIMIT 1)
    FROM organisations o LEFT JOIN partner_profiles pp ON pp.organisation_id = o.id
    WHERE o.id = org
    ON CONFLICT (organisation_id) DO UPDATE SET legal_name = EXCLUDED.legal_name,
        names = EXCLUDED.names, kind = EXCLUDED.kind, country = EXCLUDED.country,
        archived = EXCLUDED.archived, completeness = EXCLUDED.completeness,
        updated_at = EXCLUDED.updated_at, sectors = EXCLUDED.sectors,
        leadership = EXCLUDED.leadership, verified = EXCLUDED.verified;
$$;
SELECT partner_search_refresh(id) FROM organisations;

CREATE FUNCTION partner_search_keep() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_TABLE_NAME = 'organisations' THEN
        PERFORM partner_search_refresh(NEW.id);
    ELSIF TG_OP = 'DELETE' THEN
        PERFORM partner_search_refresh(OLD.organisation_id);
    ELSE
        PERFORM partner_search_refresh(NEW.organisation_id);
    END IF;
    RETURN NULL;
END $$;
CREATE TRIGGER partner_search_organisation AFTER INSERT OR UPDATE OF legal_name, acronym, kind,
    country, archived_at ON organisations
    FOR EACH ROW EXECUTE FUNCTION partner_search_keep();
CREATE TRIGGER partner_search_profile AFTER INSERT OR UPDATE OF completeness, updated_at
    ON partner_profiles FOR EACH ROW EXECUTE FUNCTION partner_search_keep();
CREATE TRIGGER partner_search_answer AFTER INSERT OR UPDATE ON partner_answers
    FOR EACH ROW WHEN (NEW.field IN ('sectors', 'women_led', 'youth_led', 'indigenous_led', 'refugee_led'))
    EXECUTE FUNCTION partner_search_keep();
CREATE TRIGGER partner_search_answer_delete AFTER DELETE ON partner_answers
    FOR EACH ROW WHEN (OLD.field IN ('sectors', 'women_led', 'youth_led', 'indigenous_led', 'refugee_led'))
    EXECUTE FUNCTION partner_search_keep();
CREATE TRIGGER partner_search_verification AFTER INSERT ON partner_verifications
    FOR EACH ROW EXECUTE FUNCTION partner_search_keep();
