//! How this module's changes read in a history (`ui::history`, registered by `app::modules`).
use crate::i18n::*;
use crate::ui::history::HistoryWords;

pub const WORDS: HistoryWords = HistoryWords {
    module: "staff",
    action,
    code,
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
