-- The agencies' partner search at scale (issues 13, 14). One narrow row per organisation with
-- what the search filters and sorts on, kept by triggers from the organisation, its profile, its
-- answers (the sectors and the four leadership flags) and its latest verification; and its
-- names (legal name and acronym, lower-cased) in a trigram index whose rowid is the
-- organisation's id, as the designation queue has (`designation_search`).
CREATE TABLE partner_search (
    organisation_id INTEGER PRIMARY KEY REFERENCES organisations(id) ON DELETE CASCADE,
    legal_name TEXT NOT NULL,
    kind TEXT NOT NULL,
    country TEXT NOT NULL,
    archived INTEGER NOT NULL DEFAULT 0,
    completeness INTEGER NOT NULL DEFAULT 0,
    updated_at INTEGER NOT NULL DEFAULT 0,
    -- ',health,education,' and ',women_led,youth_led,': a filter is one LIKE '%,code,%'.
    sectors TEXT NOT NULL DEFAULT '',
    leadership TEXT NOT NULL DEFAULT '',
    -- The latest verification: NULL never verified, 0 not verified, 1 verified.
    verified INTEGER
);
CREATE INDEX partner_search_name ON partner_search (legal_name, organisation_id);
CREATE INDEX partner_search_completeness ON partner_search (completeness, legal_name, organisation_id);
CREATE INDEX partner_search_updated ON partner_search (updated_at DESC, organisation_id);
CREATE INDEX partner_search_country ON partner_search (country, legal_name, organisation_id);
CREATE VIRTUAL TABLE partner_names USING fts5(names, tokenize = 'trigram');

INSERT INTO partner_search (organisation_id, legal_name, kind, country, archived)
    SELECT id, legal_name, kind, country, archived_at IS NOT NULL FROM organisations;
INSERT INTO partner_names (rowid, names)
    SELECT id, lower(legal_name || ' ' || COALESCE(acronym, '')) FROM organisations;
UPDATE partner_search SET
    completeness = COALESCE((SELECT pp.completeness FROM partner_profiles pp
        WHERE pp.organisation_id = partner_search.organisation_id), 0),
    updated_at = COALESCE((SELECT pp.updated_at FROM partner_profiles pp
        WHERE pp.organisation_id = partner_search.organisation_id), 0),
    sectors = COALESCE((SELECT ',' || a.value || ',' FROM partner_answers a
        WHERE a.organisation_id = partner_search.organisation_id AND a.field = 'sectors'), ''),
    leadership = COALESCE((SELECT ',' || GROUP_CONCAT(a.field, ',') || ',' FROM partner_answers a
        WHERE a.organisation_id = partner_search.organisation_id
        AND a.field IN ('women_led', 'youth_led', 'indigenous_led', 'refugee_led')
        AND a.value = 'yes'), ''),
    verified = (SELECT v.verified FROM partner_verifications v
        WHERE v.organisation_id = partner_search.organisation_id
        ORDER BY v.created_at DESC, v.id DESC LIMIT 1);

CREATE TRIGGER partner_search_organisation_insert AFTER INSERT ON organisations BEGIN
    INSERT INTO partner_search (organisation_id, legal_name, kind, country, archived)
        VALUES (new.id, new.legal_name, new.kind, new.country, new.archived_at IS NOT NULL);
    INSERT INTO partner_names (rowid, names)
        VALUES (new.id, lower(new.legal_name || ' ' || COALESCE(new.acronym, '')));
END;
CREATE TRIGGER partner_search_organisation_update
AFTER UPDATE OF legal_name, acronym, kind, country, archived_at ON organisations BEGIN
    UPDATE partner_search SET legal_name = new.legal_name, kind = new.kind,
        country = new.country, archived = new.archived_at IS NOT NULL
        WHERE organisation_id = new.id;
    DELETE FROM partner_names WHERE rowid = old.id;
    INSERT INTO partner_names (rowid, names)
        VALUES (new.id, lower(new.legal_name || ' ' || COALESCE(new.acronym, '')));
END;
CREATE TRIGGER partner_search_organisation_delete AFTER DELETE ON organisations BEGIN
    DELETE FROM partner_search WHERE organisation_id = old.id;
    DELETE FROM partner_names WHERE rowid = old.id;
END;
CREATE TRIGGER partner_search_profile_insert AFTER INSERT ON partner_profiles BEGIN
    UPDATE partner_search SET completeness = new.completeness, updated_at = new.updated_at
        WHERE organisation_id = new.organisation_id;
END;
CREATE TRIGGER partner_search_profile_update
AFTER UPDATE OF completeness, updated_at ON partner_profiles BEGIN
    UPDATE partner_search SET completeness = new.completeness, updated_at = new.updated_at
        WHERE organisation_id = new.organisation_id;
END;
CREATE TRIGGER partner_search_answer_insert AFTER INSERT ON partner_answers
WHEN new.field IN ('sectors', 'women_led', 'youth_led', 'indigenous_led', 'refugee_led') BEGIN
    UPDATE partner_search SET
        sectors = COALESCE((SELECT ',' || a.value || ',' FROM partner_answers a
            WHERE a.organisation_id = new.organisation_id AND a.field = 'sectors'), ''),
        leadership = COALESCE((SELECT ',' || GROUP_CONCAT(a.field, ',') || ',' FROM partner_answers a
            WHERE a.organisation_id = new.organisation_id
            AND a.field IN ('women_led', 'youth_led', 'indigenous_led', 'refugee_led')
            AND a.value = 'yes'), '')
        WHERE organisation_id = new.organisation_id;
END;
CREATE TRIGGER partner_search_answer_update AFTER UPDATE ON partner_answers
WHEN new.field IN ('sectors', 'women_led', 'youth_led', 'indigenous_led', 'refugee_led') BEGIN
    UPDATE partner_search SET
        sectors = COALESCE((SELECT ',' || a.value || ',' FROM partner_answers a
            WHERE a.organisation_id = new.organisation_id AND a.field = 'sectors'), ''),
        leadership = COALESCE((SELECT ',' || GROUP_CONCAT(a.field, ',') || ',' FROM partner_answers a
            WHERE a.organisation_id = new.organisation_id
            AND a.field IN ('women_led', 'youth_led', 'indigenous_led', 'refugee_led')
            AND a.value = 'yes'), '')
        WHERE organisation_id = new.organisation_id;
END;
CREATE TRIGGER partner_search_answer_delete AFTER DELETE ON partner_answers
WHEN old.field IN ('sectors', 'women_led', 'youth_led', 'indigenous_led', 'refugee_led') BEGIN
    UPDATE partner_search SET
        sectors = COALESCE((SELECT ',' || a.value || ',' FROM partner_answers a
            WHERE a.organisation_id = old.organisation_id AND a.field = 'sectors'), ''),
        leadership = COALESCE((SELECT ',' || GROUP_CONCAT(a.field, ',') || ',' FROM partner_answers a
            WHERE a.organisation_id = old.organisation_id
            AND a.field IN ('women_led', 'youth_led', 'indigenous_led', 'refugee_led')
            AND a.value = 'yes'), '')
        WHERE organisation_id = old.organisation_id;
END;
CREATE TRIGGER partner_search_verification AFTER INSERT ON partner_verifications BEGIN
    UPDATE partner_search SET verified = (SELECT v.verified FROM partner_verifications v
        WHERE v.organisation_id = new.organisation_id
        ORDER BY v.created_at DESC, v.id DESC LIMIT 1)
        WHERE organisation_id = new.organisation_id;
END;
