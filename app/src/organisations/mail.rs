//! The mails of organisations: memberships and join requests. Their text is in `templates/<name>.<fr|en|es>.txt` (`mail::templates`).
use crate::organisations::domain::MemberRole;
use serde::Serialize;

/// The templates of the module, given to `mail::templates::install` (`app::modules`).
pub const TEMPLATES: &[crate::mail::templates::TemplateFiles] = crate::mail_templates!("organisations": "added_to_organisation", "invited_to_organisation", "join_request_received", "join_request_decided", "membership_changed");

/// A mail of the module: the variant names its template, the fields are its variables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "template", rename_all = "snake_case")]
pub enum OrganisationMail {
    /// An administrator added a person who already has an account.
    AddedToOrganisation {
        organisation: String,
        role: MemberRole,
        link: String,
    },
    /// An administrator listed an address that has no account yet.
    InvitedToOrganisation {
        organisation: String,
        role: MemberRole,
        sign_up_link: String,
    },
    /// To each administrator: someone asks to join.
    JoinRequestReceived {
        organisation: String,
        requester: String,
        requester_email: String,
        message: String,
        link: String,
    },
    /// To the requester: the decision.
    JoinRequestDecided {
        organisation: String,
        approved: bool,
    },
    /// A member's role changed, or their membership ended (role: none).
    MembershipChanged {
        organisation: String,
        role: Option<MemberRole>,
    },
}

impl crate::mail::templates::Mail for OrganisationMail {}
