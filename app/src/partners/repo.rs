//! SQL of partner profiles: section answers with the profile's version and completeness,
//! agencies' partner codes, spending history (portable: SQLite and PostgreSQL).
use crate::partners::domain::profile::{Answers, Section, section_fields};
use crate::partners::domain::spending::SpendingRow;
use crate::ssr::Db;
use crate::ssr::db::now_millis;
use sqlx::{Any, Executor};

/// A profile's answers (empty when nothing was saved yet).
pub async fn answers<'e, E>(db: E, organisation_id: i64) -> Result<Answers, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    let rows: Vec<(String, String)> =
        sqlx::query_as("SELECT field, value FROM partner_answers WHERE organisation_id = $1")
            .bind(organisation_id)
            .fetch_all(db)
            .await?;
    Ok(rows.into_iter().collect())
}

/// A profile's version (0 before its first save).
pub async fn version<'e, E>(db: E, organisation_id: i64) -> Result<i64, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    let v: Option<i64> =
        sqlx::query_scalar("SELECT version FROM partner_profiles WHERE organisation_id = $1")
            .bind(organisation_id)
            .fetch_optional(db)
            .await?;
    Ok(v.unwrap_or(0))
}

/// Takes the profile from version `expected` to the next (creating it at its first save),
/// with its new completeness. False when the profile is no longer at `expected` (someone saved
/// in between): nothing is written.
pub async fn bump_version(
    conn: &mut sqlx::AnyConnection,
    organisation_id: i64,
    expected: i64,
    completeness: u8,
) -> Result<bool, sqlx::Error> {
    let now = now_millis();
    let done = if expected == 0 {
        sqlx::query(
            "INSERT INTO partner_profiles (organisation_id, version, completeness, updated_at)
             VALUES ($1, 1, $2, $3) ON CONFLICT (organisation_id) DO NOTHING",
        )
        .bind(organisation_id)
        .bind(completeness as i64)
        .bind(now)
        .execute(&mut *conn)
        .await?
    } else {
        sqlx::query(
            "UPDATE partner_profiles SET version = version + 1, completeness = $1, updated_at = $2
             WHERE organisation_id = $3 AND version = $4",
        )
        .bind(completeness as i64)
        .bind(now)
        .bind(organisation_id)
        .bind(expected)
        .execute(&mut *conn)
        .await?
    };
    Ok(done.rows_affected() == 1)
}

/// Replaces one section's answers (the others are left as they are).
pub async fn replace_section(
    conn: &mut sqlx::AnyConnection,
    organisation_id: i64,
    section: Section,
    answers: &Answers,
) -> Result<(), sqlx::Error> {
    let names: Vec<&str> = section_fields(section).map(|f| f.name).collect();
    let placeholders: Vec<String> = (0..names.len()).map(|i| format!("${}", i + 2)).collect();
    let sql = format!(
        "DELETE FROM partner_answers WHERE organisation_id = $1 AND field IN ({})",
        placeholders.join(", ")
    );
    let mut delete = sqlx::query(&sql).bind(organisation_id);
    for n in &names {
        delete = delete.bind(*n);
    }
    delete.execute(&mut *conn).await?;
    add_answers(conn, organisation_id, answers).await
}

/// Adds answers to fields the profile has not answered (the move of the organisation form's
/// fields: `partners::moves`).
pub async fn add_answers(
    conn: &mut sqlx::AnyConnection,
    organisation_id: i64,
    answers: &Answers,
) -> Result<(), sqlx::Error> {
    for (field, value) in answers {
        sqlx::query(
            "INSERT INTO partner_answers (organisation_id, field, value) VALUES ($1, $2, $3)
             ON CONFLICT (organisation_id, field) DO NOTHING",
        )
        .bind(organisation_id)
        .bind(field)
        .bind(value)
        .execute(&mut *conn)
        .await?;
    }
    Ok(())
}

/// Whether `file_id` is a current file of the organisation (a profile answer may name only its
/// own documents).
pub async fn is_file_of(db: &Db, organisation_id: i64, file_id: i64) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM uploads WHERE id = $1 AND organisation_id = $2 AND replaced_at IS NULL",
    )
    .bind(file_id)
    .bind(organisation_id)
    .fetch_one(db)
    .await?;
    Ok(n > 0)
}

/// The partner codes agencies linked to a profile: (agency, code).
pub async fn codes_of(db: &Db, organisation_id: i64) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT agency, code FROM partner_codes WHERE organisation_id = $1")
        .bind(organisation_id)
        .fetch_all(db)
        .await
}

/// The profile an agency's code is linked to.
pub async fn profile_of_code<'e, E>(
    db: E,
    agency: &str,
    code: &str,
) -> Result<Option<i64>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_scalar("SELECT organisation_id FROM partner_codes WHERE agency = $1 AND code = $2")
        .bind(agency)
        .bind(code)
        .fetch_optional(db)
        .await
}

/// Links a profile to the agency's code, replacing the agency's previous code for it; answers
/// the code it replaced. The code must not be linked to another profile (checked by the caller
/// in the same transaction; the unique index says so too).
pub async fn link_code(
    conn: &mut sqlx::AnyConnection,
    agency: &str,
    code: &str,
    organisation_id: i64,
    by: i64,
) -> Result<Option<String>, sqlx::Error> {
    let previous: Option<String> = sqlx::query_scalar(
        "SELECT code FROM partner_codes WHERE agency = $1 AND organisation_id = $2",
    )
    .bind(agency)
    .bind(organisation_id)
    .fetch_optional(&mut *conn)
    .await?;
    sqlx::query("DELETE FROM partner_codes WHERE agency = $1 AND organisation_id = $2")
        .bind(agency)
        .bind(organisation_id)
        .execute(&mut *conn)
        .await?;
    sqlx::query(
        "INSERT INTO partner_codes (agency, code, organisation_id, linked_by, linked_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(agency)
    .bind(code)
    .bind(organisation_id)
    .bind(by)
    .bind(now_millis())
    .execute(&mut *conn)
    .await?;
    Ok(previous)
}

/// Every code the agency linked.
pub async fn codes_of_agency(
    db: &Db,
    agency: &str,
) -> Result<std::collections::HashSet<String>, sqlx::Error> {
    let codes: Vec<String> = sqlx::query_scalar("SELECT code FROM partner_codes WHERE agency = $1")
        .bind(agency)
        .fetch_all(db)
        .await?;
    Ok(codes.into_iter().collect())
}

/// Rows written by one statement of an import.
const IMPORT_BATCH: usize = 500;

/// Writes checked spending rows: a (code, year) already there takes the new amount, so that
/// the same file imported twice leaves the same data.
pub async fn import_spending(
    conn: &mut sqlx::AnyConnection,
    agency: &str,
    rows: &[SpendingRow],
    by: i64,
) -> Result<(), sqlx::Error> {
    let now = now_millis();
    for batch in rows.chunks(IMPORT_BATCH) {
        let values: Vec<String> = (0..batch.len())
            .map(|i| {
                let b = i * 6;
                let p: Vec<String> = (1..=6).map(|k| format!("${}", b + k)).collect();
                format!("({})", p.join(", "))
            })
            .collect();
        let sql = format!(
            "INSERT INTO partner_spending (agency, code, year, amount_minor, imported_by, imported_at)
             VALUES {}
             ON CONFLICT (agency, code, year) DO UPDATE SET amount_minor = excluded.amount_minor,
                imported_by = excluded.imported_by, imported_at = excluded.imported_at",
            values.join(", ")
        );
        let mut q = sqlx::query(&sql);
        for r in batch {
            q = q
                .bind(agency)
                .bind(&r.partner_code)
                .bind(r.year as i64)
                .bind(r.amount_minor)
                .bind(by)
                .bind(now);
        }
        q.execute(&mut *conn).await?;
    }
    Ok(())
}

/// A profile's spending by agency: (agency, year, amount), through the codes linked to it.
pub async fn spending_of(
    db: &Db,
    organisation_id: i64,
) -> Result<Vec<(String, i64, i64)>, sqlx::Error> {
    sqlx::query_as(
        "SELECT s.agency, s.year, s.amount_minor FROM partner_spending s
         JOIN partner_codes c ON c.agency = s.agency AND c.code = s.code
         WHERE c.organisation_id = $1 ORDER BY s.agency, s.year",
    )
    .bind(organisation_id)
    .fetch_all(db)
    .await
}

/// Sets one answer outside a section's save (an uploaded document), moving the profile to its
/// next version with its new completeness.
pub async fn set_answer(
    conn: &mut sqlx::AnyConnection,
    organisation_id: i64,
    field: &str,
    value: &str,
    completeness: u8,
) -> Result<(), sqlx::Error> {
    let now = now_millis();
    sqlx::query(
        "INSERT INTO partner_profiles (organisation_id, version, completeness, updated_at)
         VALUES ($1, 1, $2, $3)
         ON CONFLICT (organisation_id) DO UPDATE SET version = partner_profiles.version + 1,
            completeness = excluded.completeness, updated_at = excluded.updated_at",
    )
    .bind(organisation_id)
    .bind(completeness as i64)
    .bind(now)
    .execute(&mut *conn)
    .await?;
    sqlx::query(
        "INSERT INTO partner_answers (organisation_id, field, value) VALUES ($1, $2, $3)
         ON CONFLICT (organisation_id, field) DO UPDATE SET value = excluded.value",
    )
    .bind(organisation_id)
    .bind(field)
    .bind(value)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// The latest verification of a profile: (agency, verified, when).
pub async fn latest_verification(
    db: &Db,
    organisation_id: i64,
) -> Result<Option<(String, bool, i64)>, sqlx::Error> {
    let row: Option<(String, i64, i64)> = sqlx::query_as(
        "SELECT agency, verified, created_at FROM partner_verifications
         WHERE organisation_id = $1 ORDER BY created_at DESC, id DESC LIMIT 1",
    )
    .bind(organisation_id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(a, v, at)| (a, v == 1, at)))
}

/// A verification as an officer gave it.
pub struct NewVerification<'a> {
    pub organisation_id: i64,
    pub agency: &'a str,
    pub answers: [bool; 5],
    pub comment: &'a str,
    pub verified: bool,
    pub by: i64,
}

pub async fn insert_verification(
    conn: &mut sqlx::AnyConnection,
    v: &NewVerification<'_>,
) -> Result<(), sqlx::Error> {
    let [a, b, c, d, e] = v.answers.map(i64::from);
    sqlx::query(
        "INSERT INTO partner_verifications (organisation_id, agency, registration_valid,
            mandate_consistent, safeguards_in_place, other_risk, risk_unacceptable, comment,
            verified, verified_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)",
    )
    .bind(v.organisation_id)
    .bind(v.agency)
    .bind(a)
    .bind(b)
    .bind(c)
    .bind(d)
    .bind(e)
    .bind(v.comment)
    .bind(i64::from(v.verified))
    .bind(v.by)
    .bind(now_millis())
    .execute(conn)
    .await?;
    Ok(())
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct FlagRow {
    pub id: i64,
    pub organisation_id: i64,
    pub agency: String,
    pub level: String,
    pub category: String,
    pub comment: String,
    pub raised_at: i64,
}

const FLAG_COLUMNS: &str = "id, organisation_id, agency, level, category, comment, raised_at";

pub async fn flags_of(db: &Db, organisation_id: i64) -> Result<Vec<FlagRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {FLAG_COLUMNS} FROM partner_flags WHERE organisation_id = $1 ORDER BY raised_at DESC, id DESC"
    ))
    .bind(organisation_id)
    .fetch_all(db)
    .await
}

pub async fn flag(db: &Db, id: i64) -> Result<Option<FlagRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {FLAG_COLUMNS} FROM partner_flags WHERE id = $1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

pub async fn insert_flag(
    conn: &mut sqlx::AnyConnection,
    organisation_id: i64,
    agency: &str,
    level: &str,
    category: &str,
    comment: &str,
    by: i64,
) -> Result<i64, sqlx::Error> {
    let now = now_millis();
    sqlx::query_scalar(
        "INSERT INTO partner_flags (organisation_id, agency, level, category, comment, raised_by,
            raised_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id",
    )
    .bind(organisation_id)
    .bind(agency)
    .bind(level)
    .bind(category)
    .bind(comment)
    .bind(by)
    .bind(now)
    .bind(now)
    .fetch_one(conn)
    .await
}

/// Moves a flag from level `from` to `to`; false when it is no longer at `from`.
pub async fn set_flag_level(
    conn: &mut sqlx::AnyConnection,
    id: i64,
    from: &str,
    to: &str,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "UPDATE partner_flags SET level = $1, updated_at = $2 WHERE id = $3 AND level = $4",
    )
    .bind(to)
    .bind(now_millis())
    .bind(id)
    .bind(from)
    .execute(conn)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// One profile of the agencies' search.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct SearchRow {
    pub id: i64,
    pub legal_name: String,
    pub acronym: Option<String>,
    pub country: String,
    pub kind: String,
    pub completeness: i64,
    /// The latest verification: 1, 0, or none.
    pub verified: Option<i64>,
    /// The viewer's agency's partner code.
    pub code: Option<String>,
    /// The leadership flags answered yes, between commas (`,women_led,youth_led,`).
    pub leadership: String,
}

/// The agencies' search as SQL: its `FROM` (codes of the agency `$1` joined), `WHERE` and
/// `ORDER BY`, and the values bound in order.
struct SearchSql {
    filter: String,
    order: &'static str,
    binds: Vec<String>,
}

const SEARCH_FROM: &str = "FROM partner_search s
     LEFT JOIN partner_codes c ON c.organisation_id = s.organisation_id AND c.agency = $1";

const SEARCH_COLUMNS: &str = "s.organisation_id AS id, s.legal_name, o.acronym, s.country, s.kind,
    s.completeness, s.verified, c.code, s.leadership";

fn search_sql(f: &crate::partners::domain::search::SearchFilter, agency: &str) -> SearchSql {
    use crate::partners::domain::search::Sort;
    // Everything filtered and sorted on is one narrow row per organisation (`partner_search`,
    // kept by triggers; migration 20261203000004), names through its trigram index.
    let mut binds: Vec<String> = vec![agency.to_string()];
    let next = |v: String, binds: &mut Vec<String>| {
        binds.push(v);
        format!("${}", binds.len())
    };
    // Kinds come from the closed list; every value is bound, never spliced.
    let kinds: Vec<String> = crate::organisations::kinds::OrganisationKind::ALL
        .iter()
        .filter(|k| k.is_civil_society())
        .map(|k| next(k.as_str().to_string(), &mut binds))
        .collect();
    let mut clauses = vec![
        "NOT s.archived".to_string(),
        format!("s.kind IN ({})", kinds.join(", ")),
    ];
    if let Some(k) = f.kind {
        let p = next(k.as_str().to_string(), &mut binds);
        clauses.push(format!("s.kind = {p}"));
    }
    if let Some(c) = &f.country {
        let p = next(c.clone(), &mut binds);
        clauses.push(format!("s.country = {p}"));
    }
    if let Some(t) = &f.text {
        let p = next(format!("%{t}%"), &mut binds);
        clauses.push(format!(
            "s.organisation_id IN (SELECT rowid FROM partner_names WHERE names LIKE {p})"
        ));
    }
    if let Some(s) = f.sector {
        let p = next(format!("%,{s},%"), &mut binds);
        clauses.push(format!("s.sectors LIKE {p}"));
    }
    if let Some(l) = f.leadership {
        let p = next(format!("%,{l},%"), &mut binds);
        clauses.push(format!("s.leadership LIKE {p}"));
    }
    match f.complete {
        Some(true) => clauses.push("s.completeness = 100".into()),
        Some(false) => clauses.push("s.completeness < 100".into()),
        None => {}
    }
    match f.verified {
        Some(Some(v)) => clauses.push(format!("s.verified = {}", i64::from(v))),
        Some(None) => clauses.push("s.verified IS NULL".into()),
        None => {}
    }
    match f.linked {
        Some(true) => clauses.push("c.code IS NOT NULL".into()),
        Some(false) => clauses.push("c.code IS NULL".into()),
        None => {}
    }
    let order = match f.sort {
        Sort::Name => "s.legal_name, s.organisation_id",
        Sort::Completeness => "s.completeness, s.legal_name, s.organisation_id",
        Sort::Updated => "s.updated_at DESC, s.organisation_id",
    };
    SearchSql {
        filter: clauses.join(" AND "),
        order,
        binds,
    }
}

/// The agencies' search: a page of profiles of partner kinds matching `f`, and the total.
/// `agency` is the viewer's agency (its codes are shown and filtered by).
pub async fn search(
    db: &Db,
    f: &crate::partners::domain::search::SearchFilter,
    agency: &str,
    limit: i64,
    offset: i64,
) -> Result<(Vec<SearchRow>, i64), sqlx::Error> {
    let SearchSql {
        filter,
        order,
        binds,
    } = search_sql(f, agency);
    let rows_sql = format!(
        "SELECT {SEARCH_COLUMNS} {SEARCH_FROM} JOIN organisations o ON o.id = s.organisation_id
         WHERE {filter} ORDER BY {order} LIMIT {limit} OFFSET {offset}"
    );
    let mut q = sqlx::query_as::<_, SearchRow>(&rows_sql);
    for b in &binds {
        q = q.bind(b.clone());
    }
    let rows = q.fetch_all(db).await?;
    // The count joins the codes only when it filters by them (SQLite would otherwise probe
    // them for every row).
    let count_from = if f.linked.is_some() {
        SEARCH_FROM
    } else {
        "FROM partner_search s"
    };
    let count_sql = format!("SELECT COUNT(*) {count_from} WHERE {filter}");
    let mut q = sqlx::query_scalar::<_, i64>(&count_sql);
    for b in &binds {
        q = q.bind(b.clone());
    }
    Ok((rows, q.fetch_one(db).await?))
}

/// The ids the search finds, in its order (at most `limit`): the lines of an export.
pub async fn search_ids(
    db: &Db,
    f: &crate::partners::domain::search::SearchFilter,
    agency: &str,
    limit: i64,
) -> Result<Vec<i64>, sqlx::Error> {
    let SearchSql {
        filter,
        order,
        binds,
    } = search_sql(f, agency);
    let sql = format!(
        "SELECT s.organisation_id {SEARCH_FROM} WHERE {filter} ORDER BY {order} LIMIT {limit}"
    );
    let mut q = sqlx::query_scalar::<_, i64>(&sql);
    for b in &binds {
        q = q.bind(b.clone());
    }
    q.fetch_all(db).await
}

/// The search's rows of `ids` (with `agency`'s codes), in the order of `ids`.
pub async fn search_rows(
    db: &Db,
    agency: &str,
    ids: &[i64],
) -> Result<Vec<SearchRow>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let params: Vec<String> = (2..=ids.len() + 1).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT {SEARCH_COLUMNS} {SEARCH_FROM} JOIN organisations o ON o.id = s.organisation_id
         WHERE s.organisation_id IN ({})",
        params.join(", ")
    );
    let mut q = sqlx::query_as::<_, SearchRow>(&sql).bind(agency.to_string());
    for id in ids {
        q = q.bind(*id);
    }
    let mut rows = q.fetch_all(db).await?;
    crate::ssr::export::in_order_of(ids, &mut rows, |r| r.id);
    Ok(rows)
}

/// (organisation, stored completeness if its profile was ever saved) for the civil-society
/// organisations among `ids`.
pub async fn completeness_of(db: &Db, ids: &[i64]) -> Result<Vec<(i64, Option<i64>)>, sqlx::Error> {
    if ids.is_empty() {
        return Ok(vec![]);
    }
    let list = ids.iter().map(i64::to_string).collect::<Vec<_>>().join(",");
    let kinds = partner_kinds_sql();
    sqlx::query_as(&format!(
        "SELECT o.id, p.completeness FROM organisations o
         LEFT JOIN partner_profiles p ON p.organisation_id = o.id
         WHERE o.id IN ({list}) AND o.kind IN ({kinds})"
    ))
    .fetch_all(db)
    .await
}

/// The kinds of partner organisations, as SQL literals from the closed list.
pub(crate) fn partner_kinds_sql() -> String {
    crate::organisations::kinds::OrganisationKind::ALL
        .iter()
        .filter(|k| k.is_civil_society())
        .map(|k| format!("'{}'", k.as_str()))
        .collect::<Vec<_>>()
        .join(",")
}

/// The agencies' dashboard figures over the profiles the search lists.
#[derive(Debug, Clone, Default)]
pub struct DashboardCounts {
    /// (completeness percent, profiles).
    pub completeness: Vec<(i64, i64)>,
    /// (latest verification: 1, 0 or none, profiles).
    pub verification: Vec<(Option<i64>, i64)>,
    /// (rating of the latest agreed PSEA assessment, profiles).
    pub psea: Vec<(String, i64)>,
    /// Profiles created in each of the months asked (in their order).
    pub created: Vec<i64>,
}

/// The dashboard's figures, read from the counts the database keeps as profiles change
/// (`partner_figures`, migration 20261207000001) for the partner kinds; `months` are calendar
/// months as `dashboard::month_index` numbers them.
pub async fn dashboard(db: &Db, months: &[i64]) -> Result<DashboardCounts, sqlx::Error> {
    let kinds = partner_kinds_sql();
    let rows: Vec<(String, String, i64)> = sqlx::query_as(&format!(
        "SELECT figure, value, CAST(SUM(n) AS BIGINT) FROM partner_figures
         WHERE kind IN ({kinds}) GROUP BY figure, value"
    ))
    .fetch_all(db)
    .await?;
    let mut c = DashboardCounts::default();
    let mut created = std::collections::HashMap::new();
    for (figure, value, n) in rows.into_iter().filter(|r| r.2 > 0) {
        match figure.as_str() {
            "completeness" => {
                if let Ok(p) = value.parse() {
                    c.completeness.push((p, n));
                }
            }
            "verified" => c.verification.push((value.parse().ok(), n)),
            "psea" if value != "none" => c.psea.push((value, n)),
            "created" => {
                if let Ok(m) = value.parse::<i64>() {
                    created.insert(m, n);
                }
            }
            _ => {}
        }
    }
    c.created = months
        .iter()
        .map(|m| created.get(m).copied().unwrap_or(0))
        .collect();
    Ok(c)
}

/// Sets a saved profile's stored completeness (its headquarters' answers changed); a profile
/// never saved keeps none until its first save.
pub async fn set_completeness(
    conn: &mut sqlx::AnyConnection,
    organisation_id: i64,
    completeness: u8,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE partner_profiles SET completeness = $1 WHERE organisation_id = $2")
        .bind(completeness as i64)
        .bind(organisation_id)
        .execute(&mut *conn)
        .await?;
    Ok(())
}
