//! SQL of applications to calls (portable: SQLite and PostgreSQL).
use crate::ssr::Db;
use crate::ssr::db::now_millis;
use sqlx::{Any, Executor};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ApplicationRow {
    pub id: i64,
    pub call_id: i64,
    pub organisation_id: i64,
    pub legal_name: String,
    pub country: String,
    pub state: String,
    pub concept_note: String,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub feedback: String,
    pub retract_reason: String,
    /// Reviews done, and the sum of their totals.
    pub reviews: i64,
    pub score_sum: i64,
}

const SELECT: &str = "SELECT a.id, a.call_id, a.organisation_id, o.legal_name, o.country, a.state,
        a.concept_note, a.version, a.created_at, a.updated_at, a.feedback, a.retract_reason,
        CAST((SELECT COUNT(*) FROM partner_reviews r WHERE r.application_id = a.id) AS BIGINT) AS reviews,
        CAST(COALESCE((SELECT SUM(r.total) FROM partner_reviews r WHERE r.application_id = a.id), 0) AS BIGINT) AS score_sum
    FROM partner_applications a JOIN organisations o ON o.id = a.organisation_id";

pub async fn application(db: &Db, id: i64) -> Result<Option<ApplicationRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE a.id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// Every application to a call, first sent first.
pub async fn of_call(db: &Db, call_id: i64) -> Result<Vec<ApplicationRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} WHERE a.call_id = $1 ORDER BY a.created_at, a.id"
    ))
    .bind(call_id)
    .fetch_all(db)
    .await
}

/// The applications of the organisations `user_id` is an active member of, to `call_id`.
pub async fn of_member(
    db: &Db,
    call_id: i64,
    user_id: i64,
) -> Result<Vec<ApplicationRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "{SELECT} JOIN memberships m ON m.organisation_id = a.organisation_id
         WHERE a.call_id = $1 AND m.user_id = $2 AND m.status = 'active'
         ORDER BY a.id"
    ))
    .bind(call_id)
    .bind(user_id)
    .fetch_all(db)
    .await
}

/// An organisation a person might apply as: its kind, whether it is a country office, their
/// role, its stored completeness.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ApplicantRow {
    pub id: i64,
    pub legal_name: String,
    pub kind: String,
    pub is_office: i64,
    pub role: String,
    pub completeness: i64,
}

pub async fn applicants_of(db: &Db, user_id: i64) -> Result<Vec<ApplicantRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT o.id, o.legal_name, o.kind,
            CAST(CASE WHEN o.parent_id IS NULL THEN 0 ELSE 1 END AS BIGINT) AS is_office,
            m.role, CAST(COALESCE(p.completeness, 0) AS BIGINT) AS completeness
         FROM memberships m
         JOIN organisations o ON o.id = m.organisation_id
         LEFT JOIN partner_profiles p ON p.organisation_id = o.id
         WHERE m.user_id = $1 AND m.status = 'active' AND o.archived_at IS NULL
         ORDER BY o.legal_name, o.id",
    )
    .bind(user_id)
    .fetch_all(db)
    .await
}

/// A new application; its id, or none when the organisation already applied to the call (the
/// unique key holds two sent at once too).
pub async fn create(
    tx: &mut sqlx::AnyConnection,
    call_id: i64,
    organisation_id: i64,
    concept_note: &str,
    user_id: i64,
) -> Result<Option<i64>, sqlx::Error> {
    let now = now_millis();
    sqlx::query_scalar(
        "INSERT INTO partner_applications (call_id, organisation_id, concept_note, submitted_by,
            created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6)
         ON CONFLICT (call_id, organisation_id) DO NOTHING RETURNING id",
    )
    .bind(call_id)
    .bind(organisation_id)
    .bind(concept_note)
    .bind(user_id)
    .bind(now)
    .bind(now)
    .fetch_optional(&mut *tx)
    .await
}

/// Moves an application from `from` at `version` to `to`; whether it was still there.
pub async fn move_to<'e, E>(
    db: E,
    id: i64,
    from: &str,
    version: i64,
    to: &str,
) -> Result<bool, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    let done = sqlx::query(
        "UPDATE partner_applications SET state = $1, version = version + 1, updated_at = $2
         WHERE id = $3 AND state = $4 AND version = $5",
    )
    .bind(to)
    .bind(now_millis())
    .bind(id)
    .bind(from)
    .bind(version)
    .execute(db)
    .await?
    .rows_affected();
    Ok(done == 1)
}
