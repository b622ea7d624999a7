//! SQL for people, their codes and reset links (portable: runs on SQLite and PostgreSQL).
use crate::fields::EmailAddress;
use crate::ssr::Db;
use crate::ssr::db::now_millis;

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
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub password_hash: &'a str,
    pub locale: &'a str,
    /// `active`, or `pending` for an extranet registration awaiting the secretariat.
    pub status: &'a str,
    pub newsletter: bool,
}

pub async fn insert_user<'e, E>(db: E, u: &NewUser<'_>) -> Result<i64, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query_scalar(
        "INSERT INTO users (email, username, display_name, first_name, last_name, password_hash,
            locale, status, newsletter, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10) RETURNING id",
    )
    .bind(u.email.as_str())
    .bind(u.username)
    .bind(u.display_name)
    .bind(u.first_name)
    .bind(u.last_name)
    .bind(u.password_hash)
    .bind(u.locale)
    .bind(u.status)
    .bind(i64::from(u.newsletter))
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

/// Grants a staff role (idempotent; a removed role comes back). `scope` is a duty station or agency code, or empty.
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
         ON CONFLICT (user_id, role, scope) DO UPDATE SET revoked_at = NULL",
    )
    .bind(user_id)
    .bind(role)
    .bind(scope)
    .bind(now_millis())
    .execute(db)
    .await?;
    Ok(())
}

/// An account that may sign in with this login (an email, lower-cased, or a username).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct LoginCandidate {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub password_hash: String,
    /// `active`, `pending` (extranet registration not yet validated) or `rejected`.
    pub status: String,
}

pub async fn find_login(db: &Db, login: &str) -> Result<Option<LoginCandidate>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, username, display_name, password_hash, status FROM users
         WHERE email = $1 OR username = $1 ORDER BY id LIMIT 1",
    )
    .bind(login)
    .fetch_optional(db)
    .await
}

/// A person as the account pages and mail need them (never the password hash).
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Person {
    pub id: i64,
    pub email: String,
    pub username: String,
    pub display_name: String,
    pub first_name: String,
    pub last_name: String,
    pub locale: String,
    pub newsletter: i64,
    pub status: String,
}

const PERSON_COLUMNS: &str =
    "id, email, username, display_name, first_name, last_name, locale, newsletter, status";

pub async fn person<'e, E>(db: E, id: i64) -> Result<Option<Person>, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query_as(&format!("SELECT {PERSON_COLUMNS} FROM users WHERE id = $1"))
        .bind(id)
        .fetch_optional(db)
        .await
}

pub async fn person_by_email<'e, E>(
    db: E,
    email: &EmailAddress,
) -> Result<Option<Person>, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query_as(&format!(
        "SELECT {PERSON_COLUMNS} FROM users WHERE email = $1"
    ))
    .bind(email.as_str())
    .fetch_optional(db)
    .await
}

/// Whether another account (not `except`) uses this username.
pub async fn username_taken(
    db: &Db,
    username: &str,
    except: Option<i64>,
) -> Result<bool, sqlx::Error> {
    let n: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE username = $1 AND id <> $2")
        .bind(username)
        .bind(except.unwrap_or(0))
        .fetch_one(db)
        .await?;
    Ok(n > 0)
}

pub async fn email_taken(db: &Db, email: &EmailAddress) -> Result<bool, sqlx::Error> {
    Ok(find_user_id_by_email(db, email).await?.is_some())
}

pub struct ProfileChange<'a> {
    pub username: &'a str,
    pub display_name: &'a str,
    pub first_name: &'a str,
    pub last_name: &'a str,
    pub locale: &'a str,
    pub newsletter: bool,
}

/// Writes a person's details if their record is still at `expected_version` (when given), in
/// one statement (simultaneous saves from one version: exactly one is written). Whether it was.
pub async fn update_profile<'e, E>(
    db: E,
    id: i64,
    p: &ProfileChange<'_>,
    expected_version: Option<i64>,
) -> Result<bool, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let done = sqlx::query(
        "UPDATE users SET username = $1, display_name = $2, first_name = $3, last_name = $4,
            locale = $5, newsletter = $6, version = version + 1
         WHERE id = $7 AND ($8 < 0 OR version = $8)",
    )
    .bind(p.username)
    .bind(p.display_name)
    .bind(p.first_name)
    .bind(p.last_name)
    .bind(p.locale)
    .bind(i64::from(p.newsletter))
    .bind(id)
    .bind(expected_version.unwrap_or(-1))
    .execute(db)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// The version of a person's record (bumped by every change of their details).
pub async fn version_of_user<'e, E>(db: E, id: i64) -> Result<i64, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query_scalar("SELECT version FROM users WHERE id = $1")
        .bind(id)
        .fetch_one(db)
        .await
}

pub async fn set_email<'e, E>(db: E, id: i64, email: &EmailAddress) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query("UPDATE users SET email = $1 WHERE id = $2")
        .bind(email.as_str())
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn set_status<'e, E>(db: E, id: i64, status: &str) -> Result<(), sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query("UPDATE users SET status = $1 WHERE id = $2")
        .bind(status)
        .bind(id)
        .execute(db)
        .await?;
    Ok(())
}

pub async fn password_hash_of(db: &Db, id: i64) -> Result<Option<String>, sqlx::Error> {
    sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(id)
        .fetch_optional(db)
        .await
}

/// Verification codes (sign-up, change of address): only hashes are stored.
pub mod codes {
    use crate::ssr::db::now_millis;

    #[derive(Debug, Clone, sqlx::FromRow)]
    pub struct OpenCode {
        pub id: i64,
        pub email: String,
        pub code_hash: String,
        pub wrong_tries: i64,
        pub expires_at: i64,
    }

    /// Closes the open codes of this purpose for this address (or person), e.g. when a new
    /// one is sent: only the latest code works.
    pub async fn replace_open<'e, E>(
        db: E,
        purpose: &str,
        email: &str,
        user_id: Option<i64>,
    ) -> Result<(), sqlx::Error>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        sqlx::query(
            "UPDATE email_codes SET closed_at = $1, outcome = 'replaced'
             WHERE purpose = $2 AND closed_at IS NULL AND (email = $3 OR user_id = $4)",
        )
        .bind(now_millis())
        .bind(purpose)
        .bind(email)
        .bind(user_id.unwrap_or(0))
        .execute(db)
        .await?;
        Ok(())
    }

    pub async fn insert<'e, E>(
        db: E,
        purpose: &str,
        email: &str,
        user_id: Option<i64>,
        code_hash: &str,
        expires_at: i64,
    ) -> Result<i64, sqlx::Error>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        sqlx::query_scalar(
            "INSERT INTO email_codes (purpose, email, user_id, code_hash, expires_at, created_at)
             VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
        )
        .bind(purpose)
        .bind(email)
        .bind(user_id)
        .bind(code_hash)
        .bind(expires_at)
        .bind(now_millis())
        .fetch_one(db)
        .await
    }

    /// The open code of this purpose for an address (sign-up) or a person (change of address).
    pub async fn open<'e, E>(
        db: E,
        purpose: &str,
        email: Option<&str>,
        user_id: Option<i64>,
    ) -> Result<Option<OpenCode>, sqlx::Error>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        sqlx::query_as(
            "SELECT id, email, code_hash, wrong_tries, expires_at FROM email_codes
             WHERE purpose = $1 AND closed_at IS NULL AND (email = $2 OR user_id = $3)
             ORDER BY id DESC LIMIT 1",
        )
        .bind(purpose)
        .bind(email.unwrap_or(""))
        .bind(user_id.unwrap_or(0))
        .fetch_optional(db)
        .await
    }

    /// Counts a wrong try; `void` closes the code for good.
    pub async fn wrong_try<'e, E>(db: E, id: i64, void: bool) -> Result<(), sqlx::Error>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        sqlx::query(
            "UPDATE email_codes SET wrong_tries = wrong_tries + 1,
                closed_at = CASE WHEN $1 = 1 THEN $2 ELSE closed_at END,
                outcome = CASE WHEN $1 = 1 THEN 'voided' ELSE outcome END
             WHERE id = $3",
        )
        .bind(i64::from(void))
        .bind(now_millis())
        .bind(id)
        .execute(db)
        .await?;
        Ok(())
    }

    /// Closes an expired code.
    pub async fn close_expired<'e, E>(db: E, id: i64) -> Result<(), sqlx::Error>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        sqlx::query("UPDATE email_codes SET closed_at = $1, outcome = 'voided' WHERE id = $2")
            .bind(now_millis())
            .bind(id)
            .execute(db)
            .await?;
        Ok(())
    }

    /// Marks a code verified (only if still open: a code verifies once), with the sign-up
    /// ticket's hash when there is one. Answers whether it was still open.
    pub async fn verify<'e, E>(
        db: E,
        id: i64,
        ticket: Option<(&str, i64)>,
    ) -> Result<bool, sqlx::Error>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        let (hash, expires) = ticket.unzip();
        let done = sqlx::query(
            "UPDATE email_codes SET closed_at = $1, outcome = 'verified', ticket_hash = $2,
                ticket_expires_at = $3
             WHERE id = $4 AND closed_at IS NULL",
        )
        .bind(now_millis())
        .bind(hash)
        .bind(expires)
        .bind(id)
        .execute(db)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Uses a sign-up ticket (once): answers the verified address it stands for.
    pub async fn take_ticket<'e, E>(db: E, ticket_hash: &str) -> Result<Option<String>, sqlx::Error>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        sqlx::query_scalar(
            "UPDATE email_codes SET ticket_hash = NULL
             WHERE ticket_hash = $1 AND ticket_expires_at > $2 RETURNING email",
        )
        .bind(ticket_hash)
        .bind(now_millis())
        .fetch_optional(db)
        .await
    }

    /// The address a ticket stands for, without using it (to show it on the form).
    pub async fn ticket_email(
        db: &crate::ssr::Db,
        ticket_hash: &str,
    ) -> Result<Option<String>, sqlx::Error> {
        sqlx::query_scalar(
            "SELECT email FROM email_codes WHERE ticket_hash = $1 AND ticket_expires_at > $2",
        )
        .bind(ticket_hash)
        .bind(now_millis())
        .fetch_optional(db)
        .await
    }
}

/// Password reset links: only hashes are stored; used once.
pub mod resets {
    use crate::ssr::db::now_millis;

    pub async fn insert<'e, E>(
        db: E,
        user_id: i64,
        token_hash: &str,
        expires_at: i64,
    ) -> Result<(), sqlx::Error>
    where
        E: sqlx::Executor<'e, Database = sqlx::Any>,
    {
        sqlx::query(
            "INSERT INTO password_resets (user_id, token_hash, expires_at, created_at)
             VALUES ($1, $2, $3, $4)",
        )
        .bind(user_id)
        .bind(token_hash)
        .bind(expires_at)
        .bind(now_millis())
        .execute(db)
        .await?;
        Ok(())
    }

    /// (id, user, expires at, used) of a link.
    pub async fn find(
        db: &crate::ssr::Db,
        token_hash: &str,
    ) -> Result<Option<(i64, i64, i64, bool)>, sqlx::Error> {
        let row: Option<(i64, i64, i64, Option<i64>)> = sqlx::query_as(
            "SELECT id, user_id, expires_at, used_at FROM password_resets WHERE token_hash = $1",
        )
        .bind(token_hash)
        .fetch_optional(db)
        .await?;
        Ok(row.map(|(id, user, exp, used)| (id, user, exp, used.is_some())))
    }

    /// Uses a link and every other open link of the same person. Answers false when the link
    /// was used meanwhile (two tabs): the second use fails.
    pub async fn use_all_of(
        db: &mut sqlx::AnyConnection,
        id: i64,
        user_id: i64,
    ) -> Result<bool, sqlx::Error> {
        let now = now_millis();
        let first = sqlx::query(
            "UPDATE password_resets SET used_at = $1 WHERE id = $2 AND used_at IS NULL",
        )
        .bind(now)
        .bind(id)
        .execute(&mut *db)
        .await?;
        sqlx::query(
            "UPDATE password_resets SET used_at = $1 WHERE user_id = $2 AND used_at IS NULL",
        )
        .bind(now)
        .bind(user_id)
        .execute(&mut *db)
        .await?;
        Ok(first.rows_affected() == 1)
    }
}
