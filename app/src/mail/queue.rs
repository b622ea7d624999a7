//! The mail queue: `enqueue` inside the caller's transaction; a worker delivers due jobs over
//! SMTP (lettre + rustls) or into the outbox, retrying with back-off. Several instances may run
//! workers on one database: a job is claimed by a conditional update before it is sent.
use super::domain::{MAX_ATTEMPTS, retry_delay_ms};
use super::templates::{Mail, render};
use crate::fields::EmailAddress;
use crate::locale::Language;
use crate::ssr::Db;
use crate::ssr::db::now_millis;
use lettre::message::{Mailbox, header::ContentType};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};
use std::time::Duration;

/// How long a claimed job is reserved for its worker before another may try it.
const CLAIM_LEASE_MS: i64 = 5 * 60 * 1000;

/// Where delivered mail goes.
#[derive(Clone)]
pub enum Transport {
    /// No `SMTP_URL`: mail stays in the database, readable by platform administrators.
    Outbox,
    Smtp {
        transport: AsyncSmtpTransport<Tokio1Executor>,
        from: Mailbox,
    },
}

impl Transport {
    /// Builds the transport from `SMTP_URL` (`smtp://` with optional `?tls=required`, or
    /// `smtps://`) and the sender address. A bad value is answered with the variable's name.
    pub fn from_config(
        smtp_url: Option<&str>,
        from: &str,
    ) -> Result<Transport, (&'static str, String)> {
        let from: Mailbox = from.parse().map_err(|e| {
            (
                "PASSERELLE_MAIL_FROM",
                format!("is '{from}', not a sender like Passerelle <no-reply@example.org> ({e})"),
            )
        })?;
        match smtp_url {
            None => Ok(Transport::Outbox),
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url)
                    .map_err(|e| {
                        (
                            "SMTP_URL",
                            format!(
                                "is not usable ({e}); use smtp://user:pass@host:587 or smtps://…"
                            ),
                        )
                    })?
                    .timeout(Some(Duration::from_secs(20)))
                    .build();
                Ok(Transport::Smtp { transport, from })
            }
        }
    }
}

/// Queues a mail in the recipient's language. Call it with the transaction of the state
/// change it reports, so that both happen or neither does.
pub async fn enqueue<'e, E>(
    executor: E,
    to: &EmailAddress,
    locale: Language,
    mail: &impl Mail,
) -> Result<i64, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    // A template that does not render is a programming error (every one is rendered by tests).
    let mail = render(mail, locale).map_err(|e| sqlx::Error::Encode(Box::new(e)))?;
    let now = now_millis();
    sqlx::query_scalar(
        "INSERT INTO mail_jobs (to_address, locale, subject, body, status, attempts, next_attempt_at, created_at)
         VALUES ($1, $2, $3, $4, 'queued', 0, $5, $5) RETURNING id",
    )
    .bind(to.as_str())
    .bind(locale.code())
    .bind(mail.subject)
    .bind(mail.body)
    .bind(now)
    .fetch_one(executor)
    .await
}

/// A job's row as the worker and the outbox page read it.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct MailJob {
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub status: String,
    pub attempts: i64,
    pub next_attempt_at: i64,
    pub last_error: Option<String>,
    pub created_at: i64,
}

/// Delivers every due job once. Returns how many were delivered.
pub async fn deliver_due(db: &Db, transport: &Transport) -> Result<usize, sqlx::Error> {
    let now = now_millis();
    let due: Vec<MailJob> = sqlx::query_as(
        "SELECT id, to_address, subject, body, status, attempts, next_attempt_at, last_error, created_at
         FROM mail_jobs WHERE status = 'queued' AND next_attempt_at <= $1
         ORDER BY next_attempt_at, id LIMIT 20",
    )
    .bind(now)
    .fetch_all(db)
    .await?;
    let mut delivered = 0;
    for job in due {
        let claimed = sqlx::query(
            "UPDATE mail_jobs SET next_attempt_at = $1
             WHERE id = $2 AND status = 'queued' AND next_attempt_at = $3",
        )
        .bind(now + CLAIM_LEASE_MS)
        .bind(job.id)
        .bind(job.next_attempt_at)
        .execute(db)
        .await?;
        if claimed.rows_affected() != 1 {
            continue; // another worker has it
        }
        let attempts = job.attempts + 1;
        match send(transport, &job).await {
            Ok(final_status) => {
                sqlx::query(
                    "UPDATE mail_jobs SET status = $1, attempts = $2, sent_at = $3, last_error = NULL WHERE id = $4",
                )
                .bind(final_status)
                .bind(attempts)
                .bind(now_millis())
                .bind(job.id)
                .execute(db)
                .await?;
                delivered += 1;
            }
            Err(SendError { message, permanent }) => {
                tracing::warn!(job = job.id, attempts, error = %message, "mail delivery failed");
                let give_up = permanent || attempts >= i64::from(MAX_ATTEMPTS);
                sqlx::query(
                    "UPDATE mail_jobs SET status = $1, attempts = $2, last_error = $3, next_attempt_at = $4
                     WHERE id = $5",
                )
                .bind(if give_up { "failed" } else { "queued" })
                .bind(attempts)
                .bind(message.chars().take(500).collect::<String>())
                .bind(now_millis() + retry_delay_ms(attempts as u32))
                .bind(job.id)
                .execute(db)
                .await?;
            }
        }
    }
    Ok(delivered)
}

struct SendError {
    message: String,
    permanent: bool,
}

/// Sends one job; answers the status it ends in (`sent` or `outbox`).
async fn send(transport: &Transport, job: &MailJob) -> Result<&'static str, SendError> {
    match transport {
        Transport::Outbox => Ok("outbox"),
        Transport::Smtp { transport, from } => {
            let to: Mailbox = job.to_address.parse().map_err(|e| SendError {
                message: format!("bad address: {e}"),
                permanent: true,
            })?;
            let message = Message::builder()
                .from(from.clone())
                .to(to)
                .subject(job.subject.clone())
                .header(ContentType::TEXT_PLAIN)
                .body(job.body.clone())
                .map_err(|e| SendError {
                    message: e.to_string(),
                    permanent: true,
                })?;
            transport
                .send(message)
                .await
                .map(|_| "sent")
                .map_err(|e| SendError {
                    message: e.to_string(),
                    permanent: e.is_permanent(),
                })
        }
    }
}

/// Runs forever: delivers due jobs, then waits `every` before looking again.
pub async fn run_worker(db: Db, transport: Transport, every: Duration) {
    loop {
        if let Err(e) = deliver_due(&db, &transport).await {
            tracing::error!(error = %e, "mail worker: database error");
        }
        tokio::time::sleep(every).await;
    }
}

/// One job's state (`None` when there is no such job).
pub async fn status_of<'e, E>(executor: E, id: i64) -> Result<Option<String>, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    sqlx::query_scalar("SELECT status FROM mail_jobs WHERE id = $1")
        .bind(id)
        .fetch_optional(executor)
        .await
}

/// Puts a failed job back in the queue, due now, with its tries counted afresh. Only a job
/// that is still failed changes (a second click does nothing); answers whether it changed.
pub async fn requeue_failed<'e, E>(executor: E, id: i64) -> Result<bool, sqlx::Error>
where
    E: sqlx::Executor<'e, Database = sqlx::Any>,
{
    let done = sqlx::query(
        "UPDATE mail_jobs SET status = 'queued', attempts = 0, next_attempt_at = $1, last_error = NULL
         WHERE id = $2 AND status = 'failed'",
    )
    .bind(now_millis())
    .bind(id)
    .execute(executor)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Jobs newest first, older than `before` (an id) when given: the outbox page.
pub async fn page(db: &Db, before: Option<i64>, limit: i64) -> Result<Vec<MailJob>, sqlx::Error> {
    sqlx::query_as(
        "SELECT id, to_address, subject, body, status, attempts, next_attempt_at, last_error, created_at
         FROM mail_jobs WHERE id < $1 ORDER BY id DESC LIMIT $2",
    )
    .bind(before.unwrap_or(i64::MAX))
    .bind(limit)
    .fetch_all(db)
    .await
}
