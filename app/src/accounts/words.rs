//! The words this module gives the shared screens (`crate::words`, registered by `app::modules`):
//! its audit actions and the codes its changes carry (histories), its error codes (forms).
use crate::i18n::*;
use crate::words::ModuleWords;

pub const WORDS: ModuleWords = ModuleWords {
    module: "accounts",
    action,
    code,
    error,
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

/// The messages of this module's error codes.
fn error(l: Locale, code: &str) -> Option<&'static str> {
    crate::error_words!(l, code; login_required, password_required, login_failed, registration_pending, registration_rejected, email_taken, password_too_short, password_too_long, password_common, username_too_short, username_too_long, username_invalid, username_taken, code_malformed, code_wrong, code_voided, code_expired, sign_up_expired, reset_link_used, reset_link_expired, current_password_wrong)
}
