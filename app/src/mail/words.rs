//! The words this module gives the shared screens (`crate::words`, registered by `app::modules`):
//! its audit actions and the codes its changes carry (histories), its error codes (forms).
use crate::i18n::*;
use crate::words::ModuleWords;

pub const WORDS: ModuleWords = ModuleWords {
    module: "mail",
    action,
    code,
    error: ModuleWords::no_action,
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
