//! The words this module gives the shared screens (`crate::words`, registered by `app::modules`):
//! its audit actions and the codes its changes carry (histories), its error codes (forms).
use crate::i18n::*;
use crate::words::ModuleWords;

pub const WORDS: ModuleWords = ModuleWords {
    module: "uploads",
    action,
    code,
    error,
    typed: &[],
};

/// The words of this module's audit actions.
fn action(l: Locale, name: &str) -> Option<&'static str> {
    crate::audit_words!(l, name; file_uploaded)
}

/// The words of the codes this module's changes carry.
fn code(l: Locale, code: &str) -> Option<String> {
    Some(match code {
        "designation_photo" => td_string!(l, audit_state.designation_photo).to_string(),
        _ => return None,
    })
}

/// The messages of this module's error codes.
fn error(l: Locale, code: &str) -> Option<&'static str> {
    crate::error_words!(l, code; photo_too_large, photo_wrong_type, document_too_large, document_wrong_type, file_required, file_empty)
}
