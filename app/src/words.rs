//! The words a module gives the shared screens, registered by `app::modules::install` on both
//! sides (`ModuleWords`, one per module, in `<module>/words.rs`): the words of its audit actions
//! and of the codes its changes carry (for `ui::history`), and the messages of its error codes
//! (for `ui::forms::error_message`). The shared screens know no module.
use crate::i18n::Locale;

pub struct ModuleWords {
    /// The module's prefix of its action codes (`accreditation`).
    pub module: &'static str,
    /// The words of one of its audit actions, by name (`designation_submitted`); `None` if not its own.
    pub action: fn(Locale, &str) -> Option<&'static str>,
    /// The word of a code its changes carry (a state, role, station…); `None` if not its own.
    pub code: fn(Locale, &str) -> Option<String>,
    /// Actions whose from/to is what a person typed (an address), shown as it is.
    pub typed: &'static [&'static str],
    /// The message of one of its error codes; `None` if not its own.
    pub error: fn(Locale, &str) -> Option<&'static str>,
}

impl ModuleWords {
    /// Words for none (a module without actions, codes or errors of its own).
    pub fn no_action(_: Locale, _: &str) -> Option<&'static str> {
        None
    }

    pub fn no_code(_: Locale, _: &str) -> Option<String> {
        None
    }
}

static WORDS: std::sync::OnceLock<Vec<ModuleWords>> = std::sync::OnceLock::new();

/// Registers every module's words (once per process; later calls change nothing).
pub fn install(words: Vec<ModuleWords>) {
    let _ = WORDS.set(words);
}

/// Every module's words.
pub fn words() -> &'static [ModuleWords] {
    WORDS.get().map_or(&[], Vec::as_slice)
}

/// The words of an action's name, for a module's `ModuleWords::action`: `audit.<name>` in the
/// locales, for the names listed.
#[macro_export]
macro_rules! audit_words {
    ($l:expr, $name:expr; $($code:ident),* $(,)?) => {{
        #[allow(unused_imports)]
        use $crate::i18n::*;
        match $name {
            $(stringify!($code) => Some(td_string!($l, audit.$code)),)*
            _ => None,
        }
    }};
}

/// The message of an error code, for a module's `ModuleWords::error`: `err.<code>` in the
/// locales, for the codes listed.
#[macro_export]
macro_rules! error_words {
    ($l:expr, $code:expr; $($c:ident),* $(,)?) => {{
        #[allow(unused_imports)]
        use $crate::i18n::*;
        match $code {
            $(stringify!($c) => Some(td_string!($l, err.$c)),)*
            _ => None,
        }
    }};
}
