//! Who may do what on an organisation: pure decisions from facts the server loaded (the `Actor` with its
//! staff roles, the caller's role in the organisation concerned). Every server function of the module asks here; none decides on its own.
use crate::AppError;
use crate::actor::{Actor, StaffRoleKind, allow};
use crate::organisations::domain::MemberRole;

/// Reading an organisation's members, requests and history: its members, the help desk and
/// platform administrators.
pub fn may_read_organisation(actor: &Actor, role: Option<MemberRole>) -> Result<(), AppError> {
    allow(role.is_some() || actor.is_platform_admin() || actor.has(StaffRoleKind::HelpDesk))
}

/// Adding people, changing roles, deciding join requests: the organisation's administrators
/// (and platform administrators, who can rescue an organisation).
pub fn may_manage_members(actor: &Actor, role: Option<MemberRole>) -> Result<(), AppError> {
    allow(role.is_some_and(MemberRole::manages_members) || actor.is_platform_admin())
}

/// Creating a country office under a headquarters: its administrators and editors.
pub fn may_add_country_office(
    actor: &Actor,
    role_in_hq: Option<MemberRole>,
) -> Result<(), AppError> {
    allow(role_in_hq.is_some_and(MemberRole::edits) || actor.is_platform_admin())
}

/// Editing an organisation's profile and records: its administrators and editors (and platform
/// administrators).
pub fn may_edit_organisation(actor: &Actor, role: Option<MemberRole>) -> Result<(), AppError> {
    allow(role.is_some_and(MemberRole::edits) || actor.is_platform_admin())
}

/// Leaving an organisation: its members.
pub fn may_leave(role: Option<MemberRole>) -> Result<(), AppError> {
    allow(role.is_some())
}

/// Recording ECOSOC consultative status: platform administrators.
pub fn may_set_consultative_status(actor: &Actor) -> Result<(), AppError> {
    allow(actor.is_platform_admin())
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
    fn members_are_managed_by_administrators_only() {
        let nobody = actor(&[]);
        assert!(may_manage_members(&nobody, Some(MemberRole::Administrator)).is_ok());
        assert!(may_manage_members(&nobody, Some(MemberRole::Editor)).is_err());
        assert!(may_manage_members(&nobody, None).is_err());
        assert!(may_manage_members(&actor(&[("platform_admin", "")]), None).is_ok());
        assert!(may_manage_members(&actor(&[("help_desk", "")]), None).is_err());
    }

    #[test]
    fn the_help_desk_and_members_read_an_organisation_officers_do_not() {
        assert!(may_read_organisation(&actor(&[("help_desk", "")]), None).is_ok());
        assert!(
            may_read_organisation(&actor(&[("accreditation_officer", "geneva")]), None).is_err()
        );
        assert!(may_read_organisation(&actor(&[]), Some(MemberRole::Reader)).is_ok());
    }
}
