//! SQL of the review of applications (portable: SQLite and PostgreSQL).
use crate::ssr::Db;
use crate::ssr::db::now_millis;
use sqlx::{Any, Executor};

/// A person: id, name, address, language.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct PersonRow {
    pub user_id: i64,
    pub display_name: String,
    pub email: String,
    pub locale: String,
}

/// The reviewers assigned to a call, by name.
pub async fn reviewers<'e, E>(db: E, call_id: i64) -> Result<Vec<PersonRow>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT u.id AS user_id, u.display_name, u.email, u.locale
         FROM partner_call_reviewers r JOIN users u ON u.id = r.user_id
         WHERE r.call_id = $1 ORDER BY u.display_name, u.id",
    )
    .bind(call_id)
    .fetch_all(db)
    .await
}

/// The officers of an agency (its staff scope): those a call's reviewers are chosen among.
pub async fn officers_of(db: &Db, scope: &str) -> Result<Vec<PersonRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT DISTINCT u.id AS user_id, u.display_name, u.email, u.locale
         FROM staff_roles s JOIN users u ON u.id = s.user_id
         WHERE s.role = 'agency_officer' AND s.scope = $1 AND s.revoked_at IS NULL
         ORDER BY u.display_name, u.id",
    )
    .bind(scope)
    .fetch_all(db)
    .await
}

/// Assigns a reviewer to a call; whether they were not already.
pub async fn assign(
    tx: &mut sqlx::AnyConnection,
    call_id: i64,
    user_id: i64,
    by: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "INSERT INTO partner_call_reviewers (call_id, user_id, assigned_by, assigned_at)
         VALUES ($1, $2, $3, $4) ON CONFLICT (call_id, user_id) DO NOTHING",
    )
    .bind(call_id)
    .bind(user_id)
    .bind(by)
    .bind(now_millis())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    Ok(done == 1)
}

/// Removes a reviewer who has not reviewed any of the call's applications; whether it did.
pub async fn unassign(
    tx: &mut sqlx::AnyConnection,
    call_id: i64,
    user_id: i64,
) -> Result<bool, sqlx::Error> {
    let done = sqlx::query(
        "DELETE FROM partner_call_reviewers WHERE call_id = $1 AND user_id = $2
         AND NOT EXISTS (SELECT 1 FROM partner_reviews v
             JOIN partner_applications a ON a.id = v.application_id
             WHERE a.call_id = $3 AND v.reviewer_id = $4)",
    )
    .bind(call_id)
    .bind(user_id)
    .bind(call_id)
    .bind(user_id)
    .execute(&mut *tx)
    .await?
    .rows_affected();
    Ok(done == 1)
}

/// One review as stored.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ReviewRow {
    pub application_id: i64,
    pub reviewer_id: i64,
    pub reviewer_name: String,
    pub scores: String,
    pub total: i64,
    pub comment: String,
    pub created_at: i64,
}

/// The reviews of an application, first written first.
pub async fn reviews_of<'e, E>(db: E, application_id: i64) -> Result<Vec<ReviewRow>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT v.application_id, v.reviewer_id, u.display_name AS reviewer_name, v.scores,
            CAST(v.total AS BIGINT) AS total, v.comment, v.created_at
         FROM partner_reviews v JOIN users u ON u.id = v.reviewer_id
         WHERE v.application_id = $1 ORDER BY v.created_at, v.reviewer_id",
    )
    .bind(application_id)
    .fetch_all(db)
    .await
}

/// Stores a complete review; false when the reviewer already reviewed it (a review is
/// locked: never replaced).
pub async fn insert_review(
    tx: &mut sqlx::AnyConnection,
    application_id: i64,
    reviewer_id: i64,
    scores: &[u8],
    comment: &str,
) -> Result<bool, sqlx::Error> {
    let total: i64 = scores.iter().map(|s| i64::from(*s)).sum();
    let stored = scores
        .iter()
        .map(u8::to_string)
        .collect::<Vec<_>>()
        .join(",");
    let done = sqlx::query(
        "INSERT INTO partner_reviews (application_id, reviewer_id, scores, total, comment, created_at)
         VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (application_id, reviewer_id) DO NOTHING",
    )
    .bind(application_id)
    .bind(reviewer_id)
    .bind(stored)
    .bind(total)
    .bind(comment)
    .bind(now_millis())
    .execute(&mut *tx)
    .await?
    .rows_affected();
    Ok(done == 1)
}

/// The agency's feedback to the partner.
pub async fn set_feedback(
    tx: &mut sqlx::AnyConnection,
    application_id: i64,
    feedback: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE partner_applications SET feedback = $1, updated_at = $2 WHERE id = $3")
        .bind(feedback)
        .bind(now_millis())
        .bind(application_id)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// Why an award was retracted.
pub async fn set_retract_reason(
    tx: &mut sqlx::AnyConnection,
    application_id: i64,
    reason: &str,
) -> Result<(), sqlx::Error> {
    sqlx::query("UPDATE partner_applications SET retract_reason = $1 WHERE id = $2")
        .bind(reason)
        .bind(application_id)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// How many of a call's applications are in `state`.
pub async fn count_in_state<'e, E>(db: E, call_id: i64, state: &str) -> Result<i64, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_scalar(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM partner_applications WHERE call_id = $1 AND state = $2",
    )
    .bind(call_id)
    .bind(state)
    .fetch_one(db)
    .await
}

/// The organisations with an application to the call that was not withdrawn (told its result
/// when the call is finalised).
pub async fn applicants_to_tell<'e, E>(
    db: E,
    call_id: i64,
) -> Result<Vec<(i64, String)>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT o.id, o.legal_name FROM partner_applications a
         JOIN organisations o ON o.id = a.organisation_id
         WHERE a.call_id = $1 AND a.state <> 'withdrawn' ORDER BY a.id",
    )
    .bind(call_id)
    .fetch_all(db)
    .await
}
