//! The mails of accounts: sign-up codes, recovery, changes of address and password. Their text is in `templates/<name>.<fr|en|es>.txt` (`mail::templates`).
use serde::Serialize;

/// The templates of the module, given to `mail::templates::install` (`app::modules`).
pub const TEMPLATES: &[crate::mail::templates::TemplateFiles] = crate::mail_templates!("accounts": "verification_code", "account_exists", "password_reset", "organisation_recovery", "email_changed", "password_changed");

/// A mail of the module: the variant names its template, the fields are its variables.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "template", rename_all = "snake_case")]
pub enum AccountMail {
    /// The 6-digit code that proves an address (sign-up, change of address).
    VerificationCode {
        code: String,
        minutes_valid: u32,
    },
    /// Someone asked for a sign-up code for an address that already has an account.
    AccountExists {
        sign_in_link: String,
        reset_link: String,
    },
    /// Forgotten login details: the username and a single-use link to choose a new password.
    PasswordReset {
        username: String,
        link: String,
        minutes_valid: u32,
    },
    /// Sent to an organisation's headquarters address: its administrators' accounts, each with
    /// a reset link.
    OrganisationRecovery {
        organisation: String,
        accounts: Vec<(String, String)>,
        minutes_valid: u32,
    },
    /// To the old address after a change of address, and to the person after a password change.
    EmailChanged {
        new_address: String,
    },
    PasswordChanged,
}

impl crate::mail::templates::Mail for AccountMail {}
