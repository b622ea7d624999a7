//! SQL for staff roles (grants are kept when removed: `revoked_at`).
use super::domain::StaffGrant;
use crate::ssr::Db;
use crate::ssr::db::now_millis;
use sqlx::Executor;

type Row = (i64, i64, String, String, String, String, i64);

fn grant(r: Row) -> StaffGrant {
    StaffGrant {
        id: r.0,
        user_id: r.1,
        name: r.2,
        email: r.3,
        role: r.4,
        scope: r.5,
        granted_at: r.6,
    }
}

const COLUMNS: &str = "s.id, s.user_id, u.display_name, u.email, s.role, s.scope, s.granted_at";

pub async fn list(db: &Db) -> Result<Vec<StaffGrant>, sqlx::Error> {
    let rows: Vec<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM staff_roles s JOIN users u ON u.id = s.user_id
         WHERE s.revoked_at IS NULL ORDER BY u.display_name, s.role, s.scope"
    ))
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(grant).collect())
}

pub async fn find(db: &Db, id: i64) -> Result<Option<StaffGrant>, sqlx::Error> {
    let row: Option<Row> = sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM staff_roles s JOIN users u ON u.id = s.user_id
         WHERE s.id = $1 AND s.revoked_at IS NULL"
    ))
    .bind(id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(grant))
}

pub async fn count_platform_admins<'e, E>(db: E) -> Result<i64, sqlx::Error>
where
    E: Executor<'e, Database = sqlx::Any>,
{
    sqlx::query_scalar(
        "SELECT COUNT(DISTINCT user_id) FROM staff_roles WHERE role = 'platform_admin' AND revoked_at IS NULL",
    )
    .fetch_one(db)
    .await
}

/// Locks the live platform-administrator grants until the transaction ends (a no-op update:
/// row locks on PostgreSQL, the write lock on SQLite), so that two removals are decided one
/// after the other and never both against the same count.
pub async fn lock_platform_admins<'e, E>(db: E) -> Result<(), sqlx::Error>
where
    E: Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "UPDATE staff_roles SET revoked_at = revoked_at
         WHERE role = 'platform_admin' AND revoked_at IS NULL",
    )
    .execute(db)
    .await?;
    Ok(())
}

pub async fn revoke<'e, E>(db: E, id: i64) -> Result<(), sqlx::Error>
where
    E: Executor<'e, Database = sqlx::Any>,
{
    sqlx::query("UPDATE staff_roles SET revoked_at = $1 WHERE id = $2")
        .bind(now_millis())
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}
