//! The mails of partners: an agency's verification and PSEA review (to the organisation's
//! administrators; never the flags), support requests (a new request to the help desk, a reply to
//! the other side, a change of state to the requester). Their text is in `templates/<name>.<fr|en|es>.txt`
//! (`mail::templates`).
use crate::partners::domain::psea::Rating;
use crate::partners::domain::support::{Category, RequestStatus};
use serde::Serialize;

/// The templates of the module, given to `mail::templates::install` (`app::modules`).
pub const TEMPLATES: &[crate::mail::templates::TemplateFiles] = crate::mail_templates!("partners": "profile_verified", "psea_reviewed", "support_request_opened", "support_reply", "support_status_changed", "call_published", "call_closed", "application_submitted", "reviewer_assigned", "application_awarded", "award_answered", "award_retracted", "call_result");

/// A mail of the module: the variant names its template, the fields are its variables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "template", rename_all = "snake_case")]
pub enum PartnerMail {
    /// An agency verified the profile, or found it could not (the answers stay the agency's).
    ProfileVerified {
        organisation: String,
        agency: String,
        verified: bool,
        link: String,
    },
    /// An agency agreed with the PSEA self-assessment (its rating), or sent it back with
    /// comments to correct.
    PseaReviewed {
        organisation: String,
        agency: String,
        agreed: bool,
        rating: Option<Rating>,
        comment: String,
        link: String,
    },
    /// To each member of the help desk: someone asked for help.
    SupportRequestOpened {
        organisation: String,
        requester: String,
        category: Category,
        subject: String,
        message: String,
        link: String,
    },
    /// A new message on a request: to the requester (from the help desk), or to the help desk
    /// (from the requester).
    SupportReply {
        subject: String,
        author: String,
        message: String,
        link: String,
    },
    /// To the requester: the help desk took the request in hand or resolved it.
    SupportStatusChanged {
        subject: String,
        status: RequestStatus,
        /// The help desk's note with the change (may be empty).
        note: String,
        link: String,
    },
    /// To a partner's administrators: a new call concerns one of its sectors and countries.
    CallPublished {
        agency: String,
        title: String,
        /// `YYYY-MM-DD`.
        deadline: String,
        link: String,
    },
    /// To the call's author: its deadline passed and it closed; the review may start.
    CallClosed { title: String, link: String },
    /// To a partner's administrators: its application to a call is sent.
    ApplicationSubmitted {
        organisation: String,
        call: String,
        /// `YYYY-MM-DD`.
        deadline: String,
        link: String,
    },
    /// To an agency officer: they review the applications to a call once it closes.
    ReviewerAssigned { call: String, link: String },
    /// To a partner's administrators: its application is selected; it accepts or declines.
    ApplicationAwarded {
        organisation: String,
        call: String,
        link: String,
    },
    /// To the call's author: the partner accepted or declined its award.
    AwardAnswered {
        organisation: String,
        call: String,
        accepted: bool,
        link: String,
    },
    /// To a partner's administrators: the agency retracted its award, and why.
    AwardRetracted {
        organisation: String,
        call: String,
        reason: String,
        link: String,
    },
    /// To a partner's administrators: the call is finalised; the result of its application and
    /// the agency's feedback are on the call's page.
    CallResult {
        organisation: String,
        call: String,
        link: String,
    },
}

impl crate::mail::templates::Mail for PartnerMail {}

/// Queues `mail` to each (address, language) of `to`, in the transaction of the change it tells.
pub async fn send(
    tx: &mut sqlx::AnyConnection,
    to: &[(String, String)],
    mail: &PartnerMail,
) -> Result<(), crate::AppError> {
    for (email, locale) in to {
        if let Ok(address) = crate::fields::EmailAddress::parse(email) {
            let language = crate::locale::Language::from_code(locale);
            crate::mail::queue::enqueue(&mut *tx, &address, language, mail).await?;
        }
    }
    Ok(())
}

/// Queues `mail` to the organisation's active administrators.
pub async fn to_administrators(
    tx: &mut sqlx::AnyConnection,
    organisation_id: i64,
    mail: &PartnerMail,
) -> Result<(), crate::AppError> {
    let to = crate::organisations::repo::administrator_contacts(&mut *tx, organisation_id).await?;
    send(tx, &to, mail).await
}
