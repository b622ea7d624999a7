//! Server functions of support requests: one request with its thread, files and history; the
//! help desk's queue or one's own requests; asking; replying; moving a request on.
use crate::AppError;
use crate::audit::AuditEvent;
use crate::partners::domain::support::{Category, RequestStatus};
use leptos::prelude::*;
use serde::{Deserialize, Serialize};

/// Requests a page of the queue shows.
pub const PAGE_SIZE: i64 = 25;
/// Files a request may hold.
pub const MAX_FILES: i64 = 10;

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportMessage {
    pub author: String,
    pub from_help_desk: bool,
    pub body: String,
    pub at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportFile {
    pub id: i64,
    pub file_name: String,
    pub size_bytes: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportRequestView {
    pub id: i64,
    pub organisation_id: i64,
    pub legal_name: String,
    pub requester: String,
    pub category: Category,
    pub subject: String,
    pub status: RequestStatus,
    /// The page of the partner space it was asked from.
    pub page: String,
    pub assignee: Option<String>,
    pub version: i64,
    pub created_at: i64,
    pub resolved_at: Option<i64>,
    pub messages: Vec<SupportMessage>,
    pub files: Vec<SupportFile>,
    pub history: Vec<AuditEvent>,
    /// The viewer works for the help desk (takes in hand, resolves).
    pub help_desk: bool,
    /// The viewer may reopen it now (its requester, within 14 days of its resolution).
    pub may_reopen: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportItem {
    pub id: i64,
    pub legal_name: String,
    pub requester: String,
    pub category: Category,
    pub subject: String,
    pub status: RequestStatus,
    pub assignee: Option<String>,
    pub updated_at: i64,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SupportList {
    pub items: Vec<SupportItem>,
    pub total: i64,
    pub page: i64,
    pub pages: i64,
    pub status: Option<RequestStatus>,
    /// Requests per state (the help desk's tabs; empty for a requester).
    pub counts: Vec<(RequestStatus, i64)>,
    pub help_desk: bool,
}

/// A request, to its requester and the help desk.
#[server(endpoint = "partners/support_request")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn support_request(request_id: i64) -> Result<SupportRequestView, AppError> {
    crate::ssr::respond(server::view(request_id).await)
}

/// The help desk's queue (by state), or the signed-in person's own requests.
#[server(endpoint = "partners/support_requests")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn support_requests(
    #[server(default)] status: String,
    #[server(default)] page: Option<i64>,
) -> Result<SupportList, AppError> {
    crate::ssr::respond(server::list(status, page).await)
}

/// A member of a partner asks for help: the organisation and the page it was asked from are
/// attached.
#[server(endpoint = "partners/ask_for_help")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn ask_for_help(
    organisation_id: i64,
    #[server(default)] category: String,
    #[server(default)] subject: String,
    #[server(default)] message: String,
    #[server(default)] page: String,
) -> Result<(), AppError> {
    crate::ssr::respond(server::ask(organisation_id, category, subject, message, page).await)
}

/// A message on a request, from its requester or the help desk (mailed to the other side).
#[server(endpoint = "partners/support_reply")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn reply_to_request(
    request_id: i64,
    #[server(default)] message: String,
) -> Result<(), AppError> {
    crate::ssr::respond(server::reply(request_id, message).await)
}

/// Moves a request on: the help desk takes it in hand or resolves it (with an optional note);
/// its requester reopens it within 14 days, saying why.
#[server(endpoint = "partners/support_move")]
#[cfg_attr(feature = "ssr", tracing::instrument(skip_all, err(level = "info")))]
pub async fn move_request(
    request_id: i64,
    #[server(default)] version: i64,
    #[server(default)] to: String,
    #[server(default)] message: String,
) -> Result<(), AppError> {
    crate::ssr::respond(server::move_on(request_id, version, to, message).await)
}

#[cfg(feature = "ssr")]
pub(crate) mod server {
    use super::*;
    use crate::actor::Actor;
    use crate::actor::server::actor;
    use crate::audit::{Change, repo::record};
    use crate::fields::Fields;
    use crate::organisations::repo as organisations;
    use crate::partners::domain::support::{NewRequest, may_reopen, parse_reply};
    use crate::partners::mail::{PartnerMail, send};
    use crate::partners::policy;
    use crate::partners::support::repo;
    use crate::ssr::{Db, db, link, redirect};

    /// The request `id`, if `actor` may follow it (else not found: its existence is not told).
    pub async fn followed(db: &Db, id: i64, actor: &Actor) -> Result<repo::RequestRow, AppError> {
        let r = repo::request(db, id).await?.ok_or(AppError::NotFound)?;
        policy::may_follow_request(actor, r.requester_id).map_err(|_| AppError::NotFound)?;
        Ok(r)
    }

    fn at(ms: Option<i64>) -> Option<chrono::DateTime<chrono::Utc>> {
        ms.and_then(chrono::DateTime::from_timestamp_millis)
    }

    pub async fn view(request_id: i64) -> Result<SupportRequestView, AppError> {
        let (me, actor) = actor().await?;
        let db = db()?;
        let r = followed(&db, request_id, &actor).await?;
        let status = RequestStatus::stored(&r.status)?;
        let reopen = r.requester_id == me.user_id
            && at(r.resolved_at).is_some_and(|t| may_reopen(status, t, chrono::Utc::now()));
        Ok(SupportRequestView {
            messages: repo::messages(&db, r.id)
                .await?
                .into_iter()
                .map(|m| SupportMessage {
                    author: m.author,
                    from_help_desk: m.from_help_desk == 1,
                    body: m.body,
                    at: m.created_at,
                })
                .collect(),
            files: repo::attachments(&db, r.id)
                .await?
                .into_iter()
                .map(|f| SupportFile {
                    id: f.id,
                    file_name: f.file_name,
                    size_bytes: f.size_bytes,
                })
                .collect(),
            history: crate::audit::repo::history(&db, "support_request", r.id).await?,
            help_desk: policy::may_handle_support(&actor).is_ok(),
            may_reopen: reopen,
            category: Category::stored(&r.category)?,
            status,
            id: r.id,
            organisation_id: r.organisation_id,
            legal_name: r.legal_name,
            requester: r.requester,
            subject: r.subject,
            page: r.page,
            assignee: r.assignee,
            version: r.version,
            created_at: r.created_at,
            resolved_at: r.resolved_at,
        })
    }

    pub async fn list(status: String, page: Option<i64>) -> Result<SupportList, AppError> {
        let (me, actor) = actor().await?;
        let db = db()?;
        let help_desk = policy::may_handle_support(&actor).is_ok();
        let status = RequestStatus::parse(status.trim());
        let paging = crate::ui::pager::Paging::new(page, PAGE_SIZE);
        let (rows, total) = repo::list(
            &db,
            status.map(RequestStatus::as_str),
            (!help_desk).then_some(me.user_id),
            paging.size,
            paging.offset(),
        )
        .await?;
        let mut counts = vec![];
        if help_desk {
            let stored = repo::counts(&db).await?;
            for s in RequestStatus::ALL {
                let n = stored
                    .iter()
                    .find(|(c, _)| c == s.as_str())
                    .map_or(0, |(_, n)| *n);
                counts.push((*s, n));
            }
        }
        Ok(SupportList {
            items: rows
                .into_iter()
                .map(|r| {
                    Ok(SupportItem {
                        category: Category::stored(&r.category)?,
                        status: RequestStatus::stored(&r.status)?,
                        id: r.id,
                        legal_name: r.legal_name,
                        requester: r.requester,
                        subject: r.subject,
                        assignee: r.assignee,
                        updated_at: r.updated_at,
                    })
                })
                .collect::<Result<_, AppError>>()?,
            total,
            page: paging.page,
            pages: paging.pages(total),
            status,
            counts,
            help_desk,
        })
    }

    /// The page a request was asked from, kept when it is a page of the partner space.
    fn page_of(raw: &str) -> String {
        let p = raw.trim();
        let safe = p.starts_with("/partners/")
            && p.len() <= 300
            && p.chars().all(|c| c.is_ascii_graphic());
        if safe { p.to_string() } else { String::new() }
    }

    fn one_field(name: &str, value: String) -> (String, String) {
        (name.to_string(), value)
    }

    pub async fn ask(
        organisation_id: i64,
        category: String,
        subject: String,
        message: String,
        page: String,
    ) -> Result<(), AppError> {
        let (me, _actor) = actor().await?;
        let db = db()?;
        let org = crate::partners::api::server::partner_organisation(&db, organisation_id).await?;
        let role = organisations::role_of(&db, org.id, me.user_id).await?;
        policy::may_ask_for_help(role)?;
        let form: Fields = [
            one_field("category", category),
            one_field("subject", subject),
            one_field("message", message),
        ]
        .into_iter()
        .collect();
        let r = NewRequest::parse(&form).map_err(AppError::Invalid)?;
        let page = page_of(&page);
        let contacts = repo::help_desk_contacts(&db).await?;
        let mut tx = crate::ssr::db::begin(&db).await?;
        let id = repo::create(&mut tx, org.id, me.user_id, &r, &page).await?;
        record(
            &mut *tx,
            &Change::new("support_request", id, "partners.support_opened")
                .by(me.user_id)
                .to_state(Some(RequestStatus::Open.as_str()))
                .reason(Some(r.category.as_str())),
        )
        .await?;
        let mail = PartnerMail::SupportRequestOpened {
            organisation: org.legal_name.clone(),
            requester: me.display_name.clone(),
            category: r.category,
            subject: r.subject.clone(),
            message: r.message.clone(),
            link: link(&format!("/support/{id}"))?,
        };
        send(&mut tx, &contacts, &mail).await?;
        tx.commit().await?;
        redirect(&format!("/support/{id}?saved=opened"));
        Ok(())
    }

    /// Who hears of a message on `r` written by `me`: the requester when the help desk wrote,
    /// else the one who took it in hand, else the whole help desk.
    async fn other_side(
        db: &Db,
        r: &repo::RequestRow,
        from_help_desk: bool,
    ) -> Result<Vec<(String, String)>, AppError> {
        Ok(if from_help_desk {
            vec![(r.requester_email.clone(), r.requester_locale.clone())]
        } else if let (Some(e), Some(l)) = (&r.assignee_email, &r.assignee_locale) {
            vec![(e.clone(), l.clone())]
        } else {
            repo::help_desk_contacts(db).await?
        })
    }

    pub async fn reply(request_id: i64, message: String) -> Result<(), AppError> {
        let (me, actor) = actor().await?;
        let db = db()?;
        let r = followed(&db, request_id, &actor).await?;
        let status = RequestStatus::stored(&r.status)?;
        let body = parse_reply(&[one_field("message", message)].into_iter().collect())
            .map_err(AppError::Invalid)?;
        if !status.is_active() {
            return Err(AppError::invalid("_", "request_resolved"));
        }
        // A member of the help desk who asked for themselves writes as the requester.
        let from_help_desk = r.requester_id != me.user_id;
        let to = other_side(&db, &r, from_help_desk).await?;
        let mut tx = crate::ssr::db::begin(&db).await?;
        repo::add_message(&mut tx, r.id, me.user_id, from_help_desk, &body).await?;
        record(
            &mut *tx,
            &Change::new("support_request", r.id, "partners.support_replied").by(me.user_id),
        )
        .await?;
        let mail = PartnerMail::SupportReply {
            subject: r.subject.clone(),
            author: me.display_name.clone(),
            message: body,
            link: link(&format!("/support/{}", r.id))?,
        };
        send(&mut tx, &to, &mail).await?;
        tx.commit().await?;
        redirect(&format!("/support/{}?saved=replied", r.id));
        Ok(())
    }

    pub async fn move_on(
        request_id: i64,
        version: i64,
        to: String,
        message: String,
    ) -> Result<(), AppError> {
        let (me, actor) = actor().await?;
        let db = db()?;
        let r = followed(&db, request_id, &actor).await?;
        let from = RequestStatus::stored(&r.status)?;
        let to = RequestStatus::parse(to.trim())
            .ok_or_else(|| AppError::invalid("to", "choice_invalid"))?;
        let note = crate::fields::parse_optional_text(
            &message,
            crate::partners::domain::support::MESSAGE_MAX,
        )
        .map_err(|e| AppError::invalid("message", crate::fields::text_error_code(e)))?
        .unwrap_or_default();
        let reopening = to == RequestStatus::Reopened;
        if reopening {
            // The requester's: within 14 days of the resolution, saying why.
            if r.requester_id != me.user_id {
                return Err(AppError::Forbidden);
            }
            if !at(r.resolved_at).is_some_and(|t| may_reopen(from, t, chrono::Utc::now())) {
                return Err(AppError::invalid("_", "reopen_too_late"));
            }
            if note.is_empty() {
                return Err(AppError::invalid("message", "required"));
            }
        } else {
            policy::may_handle_support(&actor)?;
            if !from.can_transition_to(to) {
                return Err(AppError::invalid("_", "transition_not_allowed"));
            }
        }
        let assignee = (to == RequestStatus::InProgress).then_some(me.user_id);
        let mut tx = crate::ssr::db::begin(&db).await?;
        if !repo::move_to(&mut tx, r.id, from.as_str(), version, to.as_str(), assignee).await? {
            return Err(AppError::invalid("_", "record_changed"));
        }
        if !note.is_empty() {
            repo::add_message(&mut tx, r.id, me.user_id, !reopening, &note).await?;
        }
        record(
            &mut *tx,
            &Change::new("support_request", r.id, "partners.support_moved")
                .by(me.user_id)
                .from_state(Some(from.as_str()))
                .to_state(Some(to.as_str()))
                .reason(Some(note.as_str()).filter(|n| !n.is_empty())),
        )
        .await?;
        let link = link(&format!("/support/{}", r.id))?;
        if reopening {
            let to = other_side(&db, &r, false).await?;
            let mail = PartnerMail::SupportReply {
                subject: r.subject.clone(),
                author: me.display_name.clone(),
                message: note,
                link,
            };
            send(&mut tx, &to, &mail).await?;
        } else {
            let mail = PartnerMail::SupportStatusChanged {
                subject: r.subject.clone(),
                status: to,
                note,
                link,
            };
            send(
                &mut tx,
                &[(r.requester_email.clone(), r.requester_locale.clone())],
                &mail,
            )
            .await?;
        }
        tx.commit().await?;
        redirect(&format!("/support/{}?saved={}", r.id, to.as_str()));
        Ok(())
    }
}
