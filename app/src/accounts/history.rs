//! How this module's changes read in a history (`ui::history`, registered by `app::modules`).
use crate::i18n::*;
use crate::ui::history::HistoryWords;

pub const WORDS: HistoryWords = HistoryWords {
    module: "accounts",
    action,
    code,
    typed: &["accounts.username_changed", "accounts.email_changed"],
};

/// The words of this module's audit actions.
fn action(l: Locale, name: &str) -> Option<&'static str> {
    crate::audit_words!(l, name; signed_up, details_updated, username_changed, email_changed, password_changed, password_reset, newsletter_subscribed, newsletter_unsubscribed, created_as_platform_admin, password_reset_by_command)
}

/// This module's changes carry no codes of their own.
fn code(_: Locale, _: &str) -> Option<String> {
    None
}
