//! The outbox page's server functions: the newest mails first, 50 at a time; retry a failed mail.
use crate::AppError;
#[cfg(feature = "ssr")]
use crate::error::FieldError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxMail {
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub status: crate::mail::domain::MailStatus,
    pub attempts: i64,
    /// Why the last try failed (the SMTP server's answer), for a failed or retried mail.
    pub last_error: Option<String>,
    pub created_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxPage {
    pub mails: Vec<OutboxMail>,
    /// Pass as `before` to read the next (older) page; none when this is the last.
    pub next_before: Option<i64>,
}

pub const OUTBOX_PAGE_SIZE: i64 = 50;

#[server(endpoint = "mail/outbox")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn outbox(before: Option<i64>) -> Result<OutboxPage, AppError> {
    crate::ssr::respond(
        async move {
            let me = crate::ssr::session::current_user().ok_or(AppError::Unauthenticated)?;
            let db = crate::ssr::db()?;
            crate::mail::policy::may_manage_outbox(
                &crate::actor::server::staff_roles(&db, me.user_id).await?,
            )?;
            let mut mails = super::queue::page(&db, before, OUTBOX_PAGE_SIZE + 1).await?;
            let next_before = (mails.len() as i64 > OUTBOX_PAGE_SIZE).then(|| {
                mails.truncate(OUTBOX_PAGE_SIZE as usize);
                mails.last().map(|m| m.id)
            });
            Ok(OutboxPage {
                mails: mails
                    .into_iter()
                    .map(|m| {
                        Ok(OutboxMail {
                            status: crate::mail::domain::MailStatus::stored(&m.status)?,
                            id: m.id,
                            to_address: m.to_address,
                            subject: m.subject,
                            body: m.body,
                            attempts: m.attempts,
                            last_error: m.last_error,
                            created_at: m.created_at,
                        })
                    })
                    .collect::<Result<_, AppError>>()?,
                next_before: next_before.flatten(),
            })
        }
        .await,
    )
}

/// Puts a mail that failed for good back in the queue (platform administrators). Recorded in the
/// audit trail; a mail that is not failed is refused (`transition_not_allowed`).
#[server(endpoint = "mail/retry")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn retry_mail(mail_id: i64) -> Result<(), AppError> {
    crate::ssr::respond(
        async move {
            use crate::audit::{Change, repo::record};
            let me = crate::ssr::session::current_user().ok_or(AppError::Unauthenticated)?;
            let db = crate::ssr::db()?;
            crate::mail::policy::may_manage_outbox(
                &crate::actor::server::staff_roles(&db, me.user_id).await?,
            )?;
            let mut tx = crate::ssr::db::begin(&db).await?;
            let status = super::queue::status_of(&mut *tx, mail_id)
                .await?
                .ok_or(AppError::NotFound)?;
            if !super::domain::may_retry(&status)
                || !super::queue::requeue_failed(&mut *tx, mail_id).await?
            {
                return Err(AppError::Invalid(vec![FieldError::new(
                    "_",
                    "transition_not_allowed",
                )]));
            }
            let change = Change::new("mail", mail_id, "mail.mail_retried")
                .by(me.user_id)
                .between("failed", "queued");
            record(&mut *tx, &change).await?;
            tx.commit().await?;
            Ok(())
        }
        .await,
    )
}
