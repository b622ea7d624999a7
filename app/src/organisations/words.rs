//! The words this module gives the shared screens (`crate::words`, registered by `app::modules`):
//! its audit actions and the codes its changes carry (histories), its error codes (forms).
use crate::i18n::*;
use crate::words::ModuleWords;

pub const WORDS: ModuleWords = ModuleWords {
    module: "organisations",
    action,
    code,
    error,
    typed: &[],
};

/// The words of this module's audit actions.
fn action(l: Locale, name: &str) -> Option<&'static str> {
    crate::audit_words!(l, name; member_attached_at_sign_up, created, country_office_added, profile_updated, member_added, member_removed, member_left, member_role_changed, join_requested, join_request_decided, consultative_status_set)
}

/// The words of the codes this module's changes carry.
fn code(l: Locale, code: &str) -> Option<String> {
    Some(match code {
        "pending" => td_string!(l, status_pending).to_string(),
        "declined" => td_string!(l, status_declined).to_string(),
        "none" => td_string!(l, status_none).to_string(),
        "general" => td_string!(l, status_general).to_string(),
        "special" => td_string!(l, status_special).to_string(),
        "roster" => td_string!(l, status_roster).to_string(),
        "administrator" => td_string!(l, role_administrator).to_string(),
        "editor" => td_string!(l, role_editor).to_string(),
        "reader" => td_string!(l, role_reader).to_string(),
        "active" => td_string!(l, audit_state.active).to_string(),
        "ended" => td_string!(l, audit_state.ended).to_string(),
        "listed" => td_string!(l, audit_state.listed).to_string(),
        "logo" => td_string!(l, audit_state.logo).to_string(),
        "certificate" => td_string!(l, audit_state.certificate).to_string(),
        _ => return None,
    })
}

/// The messages of this module's error codes.
fn error(l: Locale, code: &str) -> Option<&'static str> {
    crate::error_words!(l, code; kind_invalid, organisation_exists, office_needs_international_hq, office_kind_mismatch, role_invalid, already_member, last_administrator, organisation_unknown, admin_email_wrong, join_request_pending, decision_invalid, already_decided, status_invalid, year_invalid, likely_duplicate)
}
