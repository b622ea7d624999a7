//! The words this module gives the shared screens (`crate::words`, registered by `app::modules`):
//! its audit actions and the codes its changes carry (histories), its error codes (forms).
use crate::i18n::*;
use crate::words::ModuleWords;

pub const WORDS: ModuleWords = ModuleWords {
    module: "staff",
    action,
    code,
    error,
    typed: &[],
};

/// The words of this module's audit actions.
fn action(l: Locale, name: &str) -> Option<&'static str> {
    crate::audit_words!(l, name; staff_role_granted, staff_role_removed)
}

/// The words of the codes this module's changes carry.
fn code(l: Locale, code: &str) -> Option<String> {
    Some(match code {
        "accreditation_officer" => td_string!(l, staff.accreditation_officer).to_string(),
        "agency_officer" => td_string!(l, staff.agency_officer).to_string(),
        "help_desk" => td_string!(l, staff.help_desk).to_string(),
        "extranet_secretariat" => td_string!(l, staff.extranet_secretariat).to_string(),
        "platform_admin" => td_string!(l, staff.platform_admin).to_string(),
        _ => return None,
    })
}

/// The messages of this module's error codes.
fn error(l: Locale, code: &str) -> Option<&'static str> {
    crate::error_words!(l, code; scope_duty_station, scope_agency, scope_none, user_unknown, last_platform_admin)
}
