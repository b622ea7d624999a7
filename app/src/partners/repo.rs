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
    for (field, value) in answers {
        sqlx::query(
            "INSERT INTO partner_answers (organisation_id, field, value) VALUES ($1, $2, $3)",
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
