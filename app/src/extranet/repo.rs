//! SQL for extranet registrations.
use crate::ssr::Db;
use crate::ssr::db::now_millis;
use sqlx::Executor;

pub struct NewRegistration<'a> {
    pub user_id: i64,
    pub group_kind: &'a str,
    pub organisation_id: Option<i64>,
    pub organisation_name: &'a str,
    pub country: &'a str,
    pub position: &'a str,
}

pub async fn insert<'e, E>(db: E, r: &NewRegistration<'_>) -> Result<i64, sqlx::Error>
where
    E: Executor<'e, Database = sqlx::Any>,
{
    sqlx::query_scalar(
        "INSERT INTO extranet_registrations
            (user_id, group_kind, organisation_id, organisation_name, country, position, status, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, 'pending', $7) RETURNING id",
    )
    .bind(r.user_id)
    .bind(r.group_kind)
    .bind(r.organisation_id)
    .bind(r.organisation_name)
    .bind(r.country)
    .bind(r.position)
    .bind(now_millis())
    .fetch_one(db)
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RegistrationRow {
    pub id: i64,
    pub user_id: i64,
    pub person: String,
    pub email: String,
    pub group_kind: String,
    pub organisation_id: Option<i64>,
    pub organisation_name: String,
    pub country: String,
    pub position: String,
    pub status: String,
    pub reason: Option<String>,
    pub created_at: i64,
}

const COLUMNS: &str = "r.id, r.user_id, u.display_name AS person, u.email, r.group_kind,
    r.organisation_id, r.organisation_name, r.country, r.position, r.status, r.reason, r.created_at";

pub async fn find(db: &Db, id: i64) -> Result<Option<RegistrationRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM extranet_registrations r JOIN users u ON u.id = r.user_id WHERE r.id = $1"
    ))
    .bind(id)
    .fetch_optional(db)
    .await
}

/// Pending registrations first (oldest first), then the decided ones (newest first).
pub async fn list(db: &Db, limit: i64) -> Result<Vec<RegistrationRow>, sqlx::Error> {
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM extranet_registrations r JOIN users u ON u.id = r.user_id
         ORDER BY CASE WHEN r.status = 'pending' THEN 0 ELSE 1 END,
                  CASE WHEN r.status = 'pending' THEN r.id ELSE -r.id END
         LIMIT $1"
    ))
    .bind(limit)
    .fetch_all(db)
    .await
}

/// Decides a pending registration; false when it was decided meanwhile.
pub async fn decide<'e, E>(
    db: E,
    id: i64,
    status: &str,
    reason: Option<&str>,
    by: i64,
) -> Result<bool, sqlx::Error>
where
    E: Executor<'e, Database = sqlx::Any>,
{
    let done = sqlx::query(
        "UPDATE extranet_registrations SET status = $1, reason = $2, decided_at = $3, decided_by = $4
         WHERE id = $5 AND status = 'pending'",
    )
    .bind(status)
    .bind(reason)
    .bind(now_millis())
    .bind(by)
    .bind(id)
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// (address, language) of the extranet secretariat, to tell them of a new registration.
pub async fn secretariat_contacts<'e, E>(db: E) -> Result<Vec<(String, String)>, sqlx::Error>
where
    E: Executor<'e, Database = sqlx::Any>,
{
    sqlx::query_as(
        "SELECT DISTINCT u.email, u.locale FROM staff_roles s JOIN users u ON u.id = s.user_id
         WHERE s.role = 'extranet_secretariat' AND s.revoked_at IS NULL AND u.status = 'active'
         ORDER BY u.email",
    )
    .fetch_all(db)
    .await
}
