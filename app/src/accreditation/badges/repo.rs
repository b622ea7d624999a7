//! SQL of badges: the badge in force of a designation, lookup by serial, issuing a new one.
use super::token::*;
use sqlx::Executor;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct BadgeRow {
    pub id: i64,
    pub designation_id: i64,
    pub serial: String,
}

/// The badge in force of a designation (the last printed).
pub async fn current<'e, E>(db: E, designation_id: i64) -> Result<Option<BadgeRow>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT id, designation_id, serial FROM badges WHERE designation_id = $1
         ORDER BY id DESC LIMIT 1",
    )
    .bind(designation_id)
    .fetch_optional(db)
    .await
}

pub async fn by_serial<'e, E>(db: E, serial: &str) -> Result<Option<BadgeRow>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_as("SELECT id, designation_id, serial FROM badges WHERE serial = $1")
        .bind(serial)
        .fetch_optional(db)
        .await
}

/// Issues a badge (a new serial) and records it: `badge_printed` the first time,
/// `badge_reprinted` after.
pub async fn issue(
    conn: &mut sqlx::AnyConnection,
    designation_id: i64,
    by: i64,
) -> Result<BadgeRow, sqlx::Error> {
    let before = current(&mut *conn, designation_id).await?;
    let serial = new_serial();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO badges (designation_id, serial, printed_by, printed_at)
         VALUES ($1, $2, $3, $4) RETURNING id",
    )
    .bind(designation_id)
    .bind(&serial)
    .bind(by)
    .bind(crate::ssr::db::now_millis())
    .fetch_one(&mut *conn)
    .await?;
    crate::audit::repo::record(
        &mut *conn,
        &crate::audit::Change::new(
            "designation",
            designation_id,
            if before.is_some() {
                "accreditation.badge_reprinted"
            } else {
                "accreditation.badge_printed"
            },
        )
        .by(by),
    )
    .await?;
    Ok(BadgeRow {
        id,
        designation_id,
        serial,
    })
}
