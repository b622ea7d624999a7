//! SQL and storage of uploaded files. The bytes live under `<data dir>/uploads/` with a random
//! name; the row says whose they are, what for, their type (by content) and their digest.
use crate::ssr::db::now_millis;
use sqlx::Executor;

type Any = sqlx::Any;

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct UploadRow {
    pub id: i64,
    pub organisation_id: i64,
    pub purpose: String,
    pub content_type: String,
    pub size_bytes: i64,
    pub file_name: String,
    pub stored_name: String,
    pub created_at: i64,
}

pub struct NewUpload<'a> {
    pub organisation_id: i64,
    pub purpose: &'a str,
    pub content_type: &'a str,
    pub size_bytes: i64,
    pub sha256: &'a str,
    pub file_name: &'a str,
    pub stored_name: &'a str,
    pub uploaded_by: i64,
}

const COLUMNS: &str =
    "id, organisation_id, purpose, content_type, size_bytes, file_name, stored_name, created_at";

/// Records a file; the organisation's previous file for the same purpose is marked replaced.
pub async fn insert(db: &mut sqlx::AnyConnection, u: &NewUpload<'_>) -> Result<i64, sqlx::Error> {
    // An organisation's logo or certificate replaces the previous one; a designation's photo
    // belongs to its designation (which names it) and replaces nothing here.
    sqlx::query(
        "UPDATE uploads SET replaced_at = $1
         WHERE organisation_id = $2 AND purpose = $3 AND replaced_at IS NULL AND purpose <> 'photo'",
    )
    .bind(now_millis())
    .bind(u.organisation_id)
    .bind(u.purpose)
    .execute(&mut *db)
    .await?;
    sqlx::query_scalar(
        "INSERT INTO uploads (organisation_id, purpose, content_type, size_bytes, sha256,
            file_name, stored_name, uploaded_by, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id",
    )
    .bind(u.organisation_id)
    .bind(u.purpose)
    .bind(u.content_type)
    .bind(u.size_bytes)
    .bind(u.sha256)
    .bind(u.file_name)
    .bind(u.stored_name)
    .bind(u.uploaded_by)
    .bind(now_millis())
    .fetch_one(db)
    .await
}

pub async fn upload<'e, E>(db: E, id: i64) -> Result<Option<UploadRow>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_as(&format!("SELECT {COLUMNS} FROM uploads WHERE id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// The organisation's current files (one per purpose).
pub async fn current_of<'e, E>(db: E, organisation_id: i64) -> Result<Vec<UploadRow>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_as(&format!(
        "SELECT {COLUMNS} FROM uploads WHERE organisation_id = $1 AND replaced_at IS NULL
            AND purpose <> 'photo' ORDER BY purpose"
    ))
    .bind(organisation_id)
    .fetch_all(db)
    .await
}

/// Where uploaded bytes are kept.
pub fn folder(data_dir: &std::path::Path) -> std::path::PathBuf {
    data_dir.join("uploads")
}

/// Keeps bytes the server itself provides (the demo data's documents) as an upload does:
/// recognised by content, stored under a random name, recorded. Not for what people send,
/// which goes through `uploads::api` and its checks.
pub async fn keep_bytes(
    db: &mut sqlx::AnyConnection,
    data_dir: &std::path::Path,
    organisation_id: i64,
    purpose: &str,
    file_name: &str,
    bytes: &[u8],
    uploaded_by: i64,
) -> Result<i64, sqlx::Error> {
    use sha2::{Digest, Sha256};
    let content = crate::uploads::domain::sniff(bytes)
        .ok_or_else(|| sqlx::Error::Protocol(format!("{file_name}: not a PDF, JPEG or PNG")))?;
    let stored_name = format!(
        "{}.{}",
        crate::ssr::session::new_token(),
        content.extension()
    );
    let folder = folder(data_dir);
    std::fs::create_dir_all(&folder)
        .and_then(|_| std::fs::write(folder.join(&stored_name), bytes))
        .map_err(sqlx::Error::Io)?;
    insert(
        db,
        &NewUpload {
            organisation_id,
            purpose,
            content_type: content.mime(),
            size_bytes: bytes.len() as i64,
            sha256: &crate::ssr::session::hex(&Sha256::digest(bytes)),
            file_name,
            stored_name: &stored_name,
            uploaded_by,
        },
    )
    .await
}
