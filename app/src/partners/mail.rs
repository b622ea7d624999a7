//! The mails of partners: support requests (a new request to the help desk, a reply to the other
//! side, a change of state to the requester). Their text is in `templates/<name>.<fr|en|es>.txt`
//! (`mail::templates`).
use crate::partners::domain::support::{Category, RequestStatus};
use serde::Serialize;

/// The templates of the module, given to `mail::templates::install` (`app::modules`).
pub const TEMPLATES: &[crate::mail::templates::TemplateFiles] = crate::mail_templates!("partners": "support_request_opened", "support_reply", "support_status_changed");

/// A mail of the module: the variant names its template, the fields are its variables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "template", rename_all = "snake_case")]
pub enum PartnerMail {
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
}

impl crate::mail::templates::Mail for PartnerMail {}
