//! Who may do what on a partner profile: pure decisions from the `Actor` (staff roles, an agency
//! officer's agency) and the caller's role in the organisation concerned, as the server loaded
//! them. Every server function of the module asks here.
use crate::AppError;
use crate::actor::{Actor, StaffRoleKind, allow};
use crate::organisations::domain::MemberRole;
use crate::partners::domain::agencies::Agency;

/// Reading a profile (its sections, completeness, spending): its members, every agency officer
/// (the profile is one that every participating agency reads), the help desk and platform
/// administrators.
pub fn may_read_profile(actor: &Actor, role: Option<MemberRole>) -> Result<(), AppError> {
    allow(
        role.is_some()
            || actor.has(StaffRoleKind::AgencyOfficer)
            || actor.has(StaffRoleKind::HelpDesk)
            || actor.is_platform_admin(),
    )
}

/// Editing a profile's sections: the organisation's administrators and editors (and platform
/// administrators); never a reader, never an agency.
pub fn may_edit_profile(actor: &Actor, role: Option<MemberRole>) -> Result<(), AppError> {
    allow(role.is_some_and(MemberRole::edits) || actor.is_platform_admin())
}

/// The agencies an officer acts for (platform administrators act for every agency).
pub fn agencies_of(actor: &Actor) -> Vec<Agency> {
    Agency::ALL
        .iter()
        .copied()
        .filter(|a| actor.has_scoped(StaffRoleKind::AgencyOfficer, &a.scope()))
        .collect()
}

/// Linking a profile to a partner code, importing spending: officers of that agency only.
pub fn may_act_for_agency(actor: &Actor, agency: Agency) -> Result<(), AppError> {
    allow(actor.has_scoped(StaffRoleKind::AgencyOfficer, &agency.scope()))
}

/// The agencies' partner search and dashboard: agency officers and platform administrators.
pub fn may_search_partners(actor: &Actor) -> Result<(), AppError> {
    allow(actor.has(StaffRoleKind::AgencyOfficer) || actor.is_platform_admin())
}

/// Seeing a profile's flags: agency officers (and platform administrators); never the partner,
/// nor the help desk.
pub fn may_see_flags(actor: &Actor) -> Result<(), AppError> {
    allow(actor.has(StaffRoleKind::AgencyOfficer) || actor.is_platform_admin())
}

/// The help desk's work on support requests (the queue, taking one in hand, resolving,
/// replying): the help desk and platform administrators.
pub fn may_handle_support(actor: &Actor) -> Result<(), AppError> {
    allow(actor.has(StaffRoleKind::HelpDesk) || actor.is_platform_admin())
}

/// Asking for help about an organisation: its members, whatever their role.
pub fn may_ask_for_help(role: Option<MemberRole>) -> Result<(), AppError> {
    allow(role.is_some())
}

/// Following a support request (reading it, writing on it, adding files): its requester and
/// the help desk.
pub fn may_follow_request(actor: &Actor, requester_id: i64) -> Result<(), AppError> {
    allow(actor.user_id == requester_id || may_handle_support(actor).is_ok())
}

/// Writing, publishing and finalising an agency's calls for expression of interest: officers of
/// that agency (platform administrators act for every agency).
pub fn may_manage_calls(actor: &Actor, agency: Agency) -> Result<(), AppError> {
    may_act_for_agency(actor, agency)
}

/// Reading a call: once published, everyone, signed in or not (the public list); a draft, only
/// those who manage its agency's calls.
pub fn may_read_call(
    actor: Option<&Actor>,
    agency: Agency,
    state: crate::partners::domain::calls::CallState,
) -> Result<(), AppError> {
    use crate::partners::domain::calls::CallState;
    allow(state != CallState::Draft || actor.is_some_and(|a| may_manage_calls(a, agency).is_ok()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actor::StaffRole;

    fn actor(roles: &[(&str, &str)]) -> Actor {
        Actor {
            user_id: 1,
            staff: roles
                .iter()
                .map(|(r, s)| StaffRole {
                    role: r.to_string(),
                    scope: s.to_string(),
                })
                .collect(),
        }
    }

    #[test]
    fn agencies_read_profiles_and_act_only_for_their_own_agency() {
        let unicef = actor(&[("agency_officer", "UNICEF")]);
        assert!(may_read_profile(&unicef, None).is_ok());
        assert!(may_edit_profile(&unicef, None).is_err());
        assert!(may_act_for_agency(&unicef, Agency::Unicef).is_ok());
        assert!(may_act_for_agency(&unicef, Agency::Unfpa).is_err());
        assert_eq!(agencies_of(&unicef), [Agency::Unicef]);
        assert_eq!(
            agencies_of(&actor(&[("platform_admin", "")])).len(),
            Agency::ALL.len()
        );
        assert!(agencies_of(&actor(&[("help_desk", "")])).is_empty());
        assert!(may_see_flags(&unicef).is_ok());
        assert!(may_see_flags(&actor(&[("help_desk", "")])).is_err());
        assert!(may_see_flags(&actor(&[])).is_err());
    }

    #[test]
    fn calls_are_managed_by_their_agency_and_drafts_read_by_it_only() {
        use crate::partners::domain::calls::CallState;
        let unicef = actor(&[("agency_officer", "UNICEF")]);
        let admin = actor(&[("platform_admin", "")]);
        assert!(may_manage_calls(&unicef, Agency::Unicef).is_ok());
        assert!(may_manage_calls(&unicef, Agency::Unfpa).is_err());
        assert!(may_manage_calls(&admin, Agency::Unfpa).is_ok());
        assert!(may_manage_calls(&actor(&[("help_desk", "")]), Agency::Unfpa).is_err());
        for state in [
            CallState::Published,
            CallState::Closed,
            CallState::Finalised,
        ] {
            assert!(may_read_call(None, Agency::Unfpa, state).is_ok());
        }
        assert!(may_read_call(None, Agency::Unicef, CallState::Draft).is_err());
        assert!(may_read_call(Some(&unicef), Agency::Unicef, CallState::Draft).is_ok());
        assert!(may_read_call(Some(&unicef), Agency::Unfpa, CallState::Draft).is_err());
        assert!(may_read_call(Some(&actor(&[])), Agency::Unicef, CallState::Draft).is_err());
    }

    #[test]
    fn readers_read_and_editors_edit() {
        let nobody = actor(&[]);
        assert!(may_read_profile(&nobody, Some(MemberRole::Reader)).is_ok());
        assert!(may_edit_profile(&nobody, Some(MemberRole::Reader)).is_err());
        assert!(may_edit_profile(&nobody, Some(MemberRole::Editor)).is_ok());
        assert!(may_read_profile(&nobody, None).is_err());
        assert!(may_read_profile(&actor(&[("accreditation_officer", "geneva")]), None).is_err());
    }

    #[test]
    fn support_requests_are_asked_by_members_and_followed_by_their_requester_and_the_help_desk() {
        let nobody = actor(&[]);
        assert!(may_ask_for_help(Some(MemberRole::Reader)).is_ok());
        assert!(may_ask_for_help(None).is_err());
        assert!(may_follow_request(&nobody, 1).is_ok(), "the requester");
        assert!(may_follow_request(&nobody, 2).is_err());
        assert!(may_follow_request(&actor(&[("help_desk", "")]), 2).is_ok());
        assert!(may_follow_request(&actor(&[("agency_officer", "UNFPA")]), 2).is_err());
        assert!(may_handle_support(&actor(&[("platform_admin", "")])).is_ok());
        assert!(may_handle_support(&nobody).is_err());
    }
}
