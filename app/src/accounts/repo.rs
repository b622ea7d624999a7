//! SQL for people, organisations and staff roles (portable: runs on SQLite and PostgreSQL).
use super::domain::{ConsultativeStatus, EmailAddress, OrganisationKind};
use crate::ssr::Db;
use crate::ssr::db::now_millis;

pub struct NewOrganisation<'a> {
    pub legal_name: &'a str,
    pub acronym: Option<&'a str>,
    pub country: &'a str,
    pub kind: OrganisationKind,
    /// (legal name, country) of the headquarters, for a country office.
    pub parent: Option<(&'a str, &'a str)>,
    pub consultative: Option<(ConsultativeStatus, i64)>,
}

/// Inserts an organisation unless one with the same legal name and country exists.
/// Returns whether a row was inserted.
pub async fn insert_organisation_if_absent(
    db: &Db,
    o: &NewOrganisation<'_>,
) -> Result<bool, sqlx::Error> {
    let (parent_name, parent_country) = o.parent.unzip();
    let (status, since) = o.consultative.map(|(s, y)| (s.code(), y)).unzip();
    let done = sqlx::query(
        "INSERT INTO organisations
            (legal_name, acronym, country, kind, parent_id, consultative_status, consultative_since, created_at)
         VALUES ($1, $2, $3, $4,
            (SELECT id FROM organisations WHERE legal_name = $5 AND country = $6),
            $7, $8, $9)
         ON CONFLICT (legal_name, country) DO NOTHING",
    )
    .bind(o.legal_name)
    .bind(o.acronym)
    .bind(o.country)
    .bind(o.kind.code())
    .bind(parent_name)
    .bind(parent_country)
    .bind(status)
    .bind(since)
    .bind(now_millis())
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

pub async fn count_organisations(db: &Db) -> Result<i64, sqlx::Error> {
    sqlx::query_scalar("SELECT COUNT(*) FROM organisations")
        .fetch_one(db)
        .await
}

pub async fn find_user_id_by_email<'e, E>(
    db: E,
    email: &EmailAddress,
) -> Result<Option<i64>, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email.as_str())
        .fetch_optional(db)
        .await
}

pub struct NewUser<'a> {
    pub email: &'a EmailAddress,
    pub username: &'a str,
    pub display_name: &'a str,
    pub password_hash: &'a str,
}

pub async fn insert_user<'e, E>(db: E, u: &NewUser<'_>) -> Result<i64, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query_scalar(
        "INSERT INTO users (email, username, display_name, password_hash, created_at)
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(u.email.as_str())
    .bind(u.username)
    .bind(u.display_name)
    .bind(u.password_hash)
    .bind(now_millis())
    .fetch_one(db)
    .await
}

pub async fn set_password_hash<'e, E>(
    db: E,
    user_id: i64,
    password_hash: &str,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(password_hash)
        .bind(user_id)
        .execute(db)
        .await?;
    Ok(())
}

/// Grants a staff role (idempotent). `scope` is a duty station or agency code, or empty.
pub async fn grant_staff_role<'e, E>(
    db: E,
    user_id: i64,
    role: &str,
    scope: &str,
) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query(
        "INSERT INTO staff_roles (user_id, role, scope, granted_at) VALUES ($1, $2, $3, $4)
         ON CONFLICT (user_id, role, scope) DO NOTHING",
    )
    .bind(user_id)
    .bind(role)
    .bind(scope)
    .bind(now_millis())
    .execute(db)
    .await?;
    Ok(())
}

/// The staff roles of a person, for the authorisation policy.
pub async fn staff_roles(
    db: &Db,
    user_id: i64,
) -> Result<Vec<super::policy::StaffRole>, sqlx::Error> {
    Ok(staff_roles_of(db, user_id)
        .await?
        .into_iter()
        .map(|(role, scope)| super::policy::StaffRole { role, scope })
        .collect())
}

pub async fn staff_roles_of(db: &Db, user_id: i64) -> Result<Vec<(String, String)>, sqlx::Error> {
    sqlx::query_as("SELECT role, scope FROM staff_roles WHERE user_id = $1 ORDER BY role, scope")
        .bind(user_id)
        .fetch_all(db)
        .await
}

/// An account that may sign in with this login (an email, lower-cased, or a username).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LoginCandidate {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub password_hash: String,
}

pub async fn find_login(db: &Db, login: &str) -> Result<Option<LoginCandidate>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, username, display_name, password_hash FROM users
         WHERE email = $1 OR username = $1 ORDER BY id LIMIT 1",
    )
    .bind(login)
    .fetch_optional(db)
    .await
}
