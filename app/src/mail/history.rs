//! How this module's changes read in a history (`ui::history`, registered by `app::modules`).
use crate::i18n::*;
use crate::ui::history::HistoryWords;

pub const WORDS: HistoryWords = HistoryWords {
    module: "mail",
    action,
    code,
    typed: &[],
};

/// The words of this module's audit actions.
fn action(l: Locale, name: &str) -> Option<&'static str> {
    crate::audit_words!(l, name; mail_retried)
}

/// This module's changes carry no codes of their own.
fn code(_: Locale, _: &str) -> Option<String> {
    None
}
