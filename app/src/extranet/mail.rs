//! The mails of extranet registration. Their text is in `templates/<name>.<fr|en|es>.txt` (`mail::templates`).
use serde::Serialize;

/// The templates of the module, given to `mail::templates::install` (`app::modules`).
pub const TEMPLATES: &[crate::mail::templates::TemplateFiles] = crate::mail_templates!("extranet": "registration_received", "registration_to_review", "registration_validated", "registration_rejected");

/// A mail of the module: the variant names its template, the fields are its variables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "template", rename_all = "snake_case")]
pub enum ExtranetMail {
    /// Extranet registration: received (to the applicant), to review (to the secretariat),
    /// validated, rejected with the reason.
    RegistrationReceived,
    RegistrationToReview {
        person: String,
        organisation: String,
        link: String,
    },
    RegistrationValidated {
        sign_in_link: String,
    },
    RegistrationRejected {
        reason: String,
    },
}

impl crate::mail::templates::Mail for ExtranetMail {}
