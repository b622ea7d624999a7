//! The words this module gives the shared screens (`crate::words`, registered by `app::modules`):
//! its audit actions and the codes its changes carry (histories), its error codes (forms).
use crate::i18n::*;
use crate::words::ModuleWords;

pub const WORDS: ModuleWords = ModuleWords {
    module: "extranet",
    action,
    code,
    error,
    typed: &[],
};

/// The words of this module's audit actions.
fn action(l: Locale, name: &str) -> Option<&'static str> {
    crate::audit_words!(l, name; registered, decided, created_at_registration)
}

/// The words of the codes this module's changes carry.
fn code(l: Locale, code: &str) -> Option<String> {
    Some(match code {
        "validated" => td_string!(l, status_validated).to_string(),
        _ => return None,
    })
}

/// The messages of this module's error codes.
fn error(l: Locale, code: &str) -> Option<&'static str> {
    crate::error_words!(l, code; group_invalid, organisation_other_group, reason_required)
}
