//! The words drafts give the shared screens (`crate::words`, registered by `app::modules`): the
//! messages of their error codes.
use crate::i18n::*;
use crate::words::ModuleWords;

pub const WORDS: ModuleWords = ModuleWords {
    module: "drafts",
    action: ModuleWords::no_action,
    code: ModuleWords::no_code,
    error,
    typed: &[],
};

/// The messages of the drafts' error codes.
fn error(l: Locale, code: &str) -> Option<&'static str> {
    crate::error_words!(l, code; form_unknown, draft_too_large, draft_malformed, draft_secret)
}
