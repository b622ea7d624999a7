//! How this module's changes read in a history (`ui::history`, registered by `app::modules`).
use crate::i18n::*;
use crate::ui::history::HistoryWords;

pub const WORDS: HistoryWords = HistoryWords {
    module: "uploads",
    action,
    code,
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
