//! SQL for drafts and the versions of the records they edit.
use super::domain::DRAFT_LIFETIME_MS;
use crate::fields::Fields;
use crate::ssr::Db;
use crate::ssr::db::now_millis;

#[derive(Debug, Clone)]
pub struct StoredDraft {
    pub fields: Fields,
    pub base_fields: Fields,
    pub base_version: i64,
    pub updated_at: i64,
}

fn parse(json: &str) -> Fields {
    serde_json::from_str(json).unwrap_or_default()
}

/// Saves (inserts or replaces) a person's draft of a form for a record.
pub async fn save(
    db: &Db,
    user_id: i64,
    form: &str,
    record_key: &str,
    fields: &Fields,
    base_fields: &Fields,
    base_version: i64,
) -> Result<i64, sqlx::Error> {
    let now = now_millis();
    let fields = serde_json::to_string(fields).unwrap_or_else(|_| "{}".into());
    let base = serde_json::to_string(base_fields).unwrap_or_else(|_| "{}".into());
    sqlx::query(
        "INSERT INTO drafts (user_id, form, record_key, fields, base_fields, base_version, updated_at, expires_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
         ON CONFLICT (user_id, form, record_key) DO UPDATE SET fields = $4, base_fields = $5,
             base_version = $6, updated_at = $7, expires_at = $8",
    )
    .bind(user_id)
    .bind(form)
    .bind(record_key)
    .bind(fields)
    .bind(base)
    .bind(base_version)
    .bind(now)
    .bind(now + DRAFT_LIFETIME_MS)
    .execute(db)
    .await?;
    Ok(now)
}

pub async fn load(
    db: &Db,
    user_id: i64,
    form: &str,
    record_key: &str,
) -> Result<Option<StoredDraft>, sqlx::Error> {
    let row: Option<(String, String, i64, i64)> = sqlx::query_as(
        "SELECT fields, base_fields, base_version, updated_at FROM drafts
         WHERE user_id = $1 AND form = $2 AND record_key = $3 AND expires_at > $4",
    )
    .bind(user_id)
    .bind(form)
    .bind(record_key)
    .bind(now_millis())
    .fetch_optional(db)
    .await?;
    Ok(row.map(|(f, b, v, u)| StoredDraft {
        fields: parse(&f),
        base_fields: parse(&b),
        base_version: v,
        updated_at: u,
    }))
}

pub async fn discard<'e, E>(
    db: E,
    user_id: i64,
    form: &str,
    record_key: &str,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query("DELETE FROM drafts WHERE user_id = $1 AND form = $2 AND record_key = $3")
        .bind(user_id)
        .bind(form)
        .bind(record_key)
        .execute(db)
        .await?;
    Ok(())
}

/// Removes drafts past their 90 days (a system task, not a user action).
/// Hourly: drafts past their 90 days are removed.
pub const PURGE_JOB: crate::ssr::jobs::Job = crate::ssr::jobs::Job {
    name: "drafts.purge",
    every: std::time::Duration::from_secs(3600),
    run: |db, _| Box::pin(async move { Ok(purge_expired(db).await?) }),
};

pub async fn purge_expired(db: &Db) -> Result<u64, sqlx::Error> {
    Ok(sqlx::query("DELETE FROM drafts WHERE expires_at <= $1")
        .bind(now_millis())
        .execute(db)
        .await?
        .rows_affected())
}
