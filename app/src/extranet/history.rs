//! How this module's changes read in a history (`ui::history`, registered by `app::modules`).
use crate::i18n::*;
use crate::ui::history::HistoryWords;

pub const WORDS: HistoryWords = HistoryWords {
    module: "extranet",
    action,
    code,
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
