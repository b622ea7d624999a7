//! The outbox page's server function: the newest mails first, 50 at a time.
use crate::AppError;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct OutboxMail {
    pub id: i64,
    pub to_address: String,
    pub subject: String,
    pub body: String,
    pub status: String,
    pub attempts: i64,
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
            use crate::accounts::{policy, repo};
            let me = crate::ssr::session::current_user().ok_or(AppError::Unauthenticated)?;
            let db = crate::ssr::db()?;
            policy::may_read_outbox(&repo::staff_roles(&db, me.user_id).await?)?;
            let mut mails = super::queue::page(&db, before, OUTBOX_PAGE_SIZE + 1).await?;
            let next_before = (mails.len() as i64 > OUTBOX_PAGE_SIZE).then(|| {
                mails.truncate(OUTBOX_PAGE_SIZE as usize);
                mails.last().map(|m| m.id)
            });
            Ok(OutboxPage {
                mails: mails
                    .into_iter()
                    .map(|m| OutboxMail {
                        id: m.id,
                        to_address: m.to_address,
                        subject: m.subject,
                        body: m.body,
                        status: m.status,
                        attempts: m.attempts,
                        created_at: m.created_at,
                    })
                    .collect(),
                next_before: next_before.flatten(),
            })
        }
        .await,
    )
}
