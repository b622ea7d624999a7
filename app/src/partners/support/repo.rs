//! SQL of support requests (portable: SQLite and PostgreSQL).
use crate::partners::domain::support::NewRequest;
use crate::ssr::Db;
use crate::ssr::db::now_millis;
use sqlx::{Any, Executor};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct RequestRow {
    pub id: i64,
    pub organisation_id: i64,
    pub legal_name: String,
    pub requester_id: i64,
    pub requester: String,
    pub requester_email: String,
    pub requester_locale: String,
    pub category: String,
    pub subject: String,
    pub status: String,
    pub page: String,
    pub assignee: Option<String>,
    pub assignee_email: Option<String>,
    pub assignee_locale: Option<String>,
    pub version: i64,
    pub created_at: i64,
    pub updated_at: i64,
    pub resolved_at: Option<i64>,
}

const SELECT: &str = "SELECT r.id, r.organisation_id, o.legal_name, r.requester_id,
        u.display_name AS requester, u.email AS requester_email, u.locale AS requester_locale,
        r.category, r.subject, r.status, r.page, a.display_name AS assignee,
        a.email AS assignee_email, a.locale AS assignee_locale, r.version,
        r.created_at, r.updated_at, r.resolved_at
    FROM support_requests r
    JOIN organisations o ON o.id = r.organisation_id
    JOIN users u ON u.id = r.requester_id
    LEFT JOIN users a ON a.id = r.assignee_id";

pub async fn request(db: &Db, id: i64) -> Result<Option<RequestRow>, sqlx::Error> {
    sqlx::query_as(&format!("{SELECT} WHERE r.id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

/// Opens a request with its first message; its id.
pub async fn create(
    tx: &mut sqlx::AnyConnection,
    organisation_id: i64,
    requester_id: i64,
    r: &NewRequest,
    page: &str,
) -> Result<i64, sqlx::Error> {
    let now = now_millis();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO support_requests (organisation_id, requester_id, category, subject, page,
            created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(organisation_id)
    .bind(requester_id)
    .bind(r.category.as_str())
    .bind(&r.subject)
    .bind(page)
    .bind(now)
    .bind(now)
    .fetch_one(&mut *tx)
    .await?;
    add_message(tx, id, requester_id, false, &r.message).await?;
    Ok(id)
}

pub async fn add_message(
    tx: &mut sqlx::AnyConnection,
    request_id: i64,
    author_id: i64,
    from_help_desk: bool,
    body: &str,
) -> Result<(), sqlx::Error> {
    let now = now_millis();
    sqlx::query(
        "INSERT INTO support_messages (request_id, author_id, from_help_desk, body, created_at)
         VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(request_id)
    .bind(author_id)
    .bind(i64::from(from_help_desk))
    .bind(body)
    .bind(now)
    .execute(&mut *tx)
    .await?;
    sqlx::query("UPDATE support_requests SET updated_at = $1 WHERE id = $2")
        .bind(now)
        .bind(request_id)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

/// Moves a request from `from` (at `version`) to `to`; whether it was still there. Taking it in
/// hand names the assignee; resolving dates it.
pub async fn move_to(
    tx: &mut sqlx::AnyConnection,
    id: i64,
    from: &str,
    version: i64,
    to: &str,
    assignee: Option<i64>,
) -> Result<bool, sqlx::Error> {
    let now = now_millis();
    let done = sqlx::query(
        "UPDATE support_requests SET status = $1, version = version + 1, updated_at = $2,
            resolved_at = CASE WHEN $3 = 'resolved' THEN $4 ELSE resolved_at END,
            assignee_id = COALESCE($5, assignee_id)
         WHERE id = $6 AND status = $7 AND version = $8",
    )
    .bind(to)
    .bind(now)
    .bind(to)
    .bind(now)
    .bind(assignee)
    .bind(id)
    .bind(from)
    .bind(version)
    .execute(&mut *tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MessageRow {
    pub author: String,
    pub from_help_desk: i64,
    pub body: String,
    pub created_at: i64,
}

pub async fn messages(db: &Db, request_id: i64) -> Result<Vec<MessageRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.display_name AS author, m.from_help_desk, m.body, m.created_at
         FROM support_messages m JOIN users u ON u.id = m.author_id
         WHERE m.request_id = $1 ORDER BY m.created_at, m.id",
    )
    .bind(request_id)
    .fetch_all(db)
    .await
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct AttachmentRow {
    pub id: i64,
    pub file_name: String,
    pub size_bytes: i64,
}

pub async fn attachments(db: &Db, request_id: i64) -> Result<Vec<AttachmentRow>, sqlx::Error> {
    sqlx::query_as(
        "SELECT u.id, u.file_name, u.size_bytes FROM support_attachments s
         JOIN uploads u ON u.id = s.upload_id WHERE s.request_id = $1 ORDER BY u.id",
    )
    .bind(request_id)
    .fetch_all(db)
    .await
}

pub async fn attach(
    tx: &mut sqlx::AnyConnection,
    request_id: i64,
    upload_id: i64,
) -> Result<(), sqlx::Error> {
    sqlx::query("INSERT INTO support_attachments (upload_id, request_id) VALUES ($1, $2)")
        .bind(upload_id)
        .bind(request_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE support_requests SET updated_at = $1 WHERE id = $2")
        .bind(now_millis())
        .bind(request_id)
        .execute(&mut *tx)
        .await?;
    Ok(())
}

pub async fn attachment_count(
    tx: &mut sqlx::AnyConnection,
    request_id: i64,
) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM support_attachments WHERE request_id = $1")
        .bind(request_id)
        .fetch_one(&mut *tx)
        .await
}

/// The requester of the request a file is attached to.
pub async fn requester_of_file(db: &Db, upload_id: i64) -> Result<Option<i64>, sqlx::Error> {
    sqlx::query_scalar(
        "SELECT r.requester_id FROM support_attachments s
         JOIN support_requests r ON r.id = s.request_id WHERE s.upload_id = $1",
    )
    .bind(upload_id)
    .fetch_optional(db)
    .await
}

/// A page of requests, newest activity first: the help desk's queue (`requester` none, by
/// `status` when given) or one person's own requests; and the total.
pub async fn list(
    db: &Db,
    status: Option<&str>,
    requester: Option<i64>,
    limit: i64,
    offset: i64,
) -> Result<(Vec<RequestRow>, i64), sqlx::Error> {
    // An unused filter is given as '' or -1, so the statement is one for all.
    let filter = "($1 = '' OR r.status = $2) AND ($3 < 0 OR r.requester_id = $4)";
    let rows = sqlx::query_as(&format!(
        "{SELECT} WHERE {filter} ORDER BY r.updated_at DESC, r.id DESC LIMIT {limit} OFFSET {offset}"
    ))
    .bind(status.unwrap_or(""))
    .bind(status.unwrap_or(""))
    .bind(requester.unwrap_or(-1))
    .bind(requester.unwrap_or(-1))
    .fetch_all(db)
    .await?;
    let total = sqlx::query_scalar(&format!(
        "SELECT COUNT(*) FROM support_requests r WHERE {filter}"
    ))
    .bind(status.unwrap_or(""))
    .bind(status.unwrap_or(""))
    .bind(requester.unwrap_or(-1))
    .bind(requester.unwrap_or(-1))
    .fetch_one(db)
    .await?;
    Ok((rows, total))
}

/// Requests per state (the queue's tabs).
pub async fn counts(db: &Db) -> Result<Vec<(String, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT status, COUNT(*) FROM support_requests GROUP BY status")
        .fetch_all(db)
        .await
}

/// (address, language) of the help desk, to tell them of a new request or a reply.
pub async fn help_desk_contacts<'e, E>(db: E) -> Result<Vec<(String, String)>, sqlx::Error>
where
    E: Executor<'e, Database = Any>,
{
    sqlx::query_as(
        "SELECT DISTINCT u.email, u.locale FROM staff_roles s JOIN users u ON u.id = s.user_id
         WHERE s.role = 'help_desk' AND s.revoked_at IS NULL AND u.status = 'active'
         ORDER BY u.email",
    )
    .fetch_all(db)
    .await
}
