//! Who may do what on which record: pure decisions from facts the server loaded (the person's
//! staff roles, their role in the organisation concerned). Every server function asks here;
//! none decides on its own, and none trusts an id from the client without loading these facts.
use crate::AppError;
use crate::organisations::domain::MemberRole;
use crate::staff::domain::StaffRoleKind;

/// A staff role as stored: role code and scope (a duty station, an agency, or empty).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StaffRole {
    pub role: String,
    pub scope: String,
}

pub const PLATFORM_ADMIN: &str = "platform_admin";

pub fn is_platform_admin(roles: &[StaffRole]) -> bool {
    roles.iter().any(|r| r.role == PLATFORM_ADMIN)
}

/// The signed-in person acting, with their staff roles.
#[derive(Debug, Clone)]
pub struct Actor {
    pub user_id: i64,
    pub staff: Vec<StaffRole>,
}

impl Actor {
    pub fn has(&self, kind: StaffRoleKind) -> bool {
        self.staff.iter().any(|r| r.role == kind.code())
    }

    pub fn is_platform_admin(&self) -> bool {
        self.has(StaffRoleKind::PlatformAdmin)
    }

    /// Whether this person holds `kind` for `scope` (a platform administrator holds every scope).
    pub fn has_scoped(&self, kind: StaffRoleKind, scope: &str) -> bool {
        self.is_platform_admin()
            || self
                .staff
                .iter()
                .any(|r| r.role == kind.code() && r.scope == scope)
    }
}

fn allow(yes: bool) -> Result<(), AppError> {
    if yes {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

/// The outbox (mail kept when no SMTP server is configured, every mail job and its state): reading
/// it and retrying a failed mail. Platform administrators.
pub fn may_manage_outbox(roles: &[StaffRole]) -> Result<(), AppError> {
    allow(is_platform_admin(roles))
}

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

/// Designating representatives, submitting and withdrawing designations: the organisation's
/// administrators and editors (seed 000: readers only read).
pub fn may_designate(role: Option<MemberRole>) -> Result<(), AppError> {
    allow(role.is_some_and(MemberRole::edits))
}

/// Reading an organisation's designations: its members, accreditation officers (any station:
/// they see the whole file), the help desk and platform administrators.
pub fn may_read_designations(actor: &Actor, role: Option<MemberRole>) -> Result<(), AppError> {
    allow(
        role.is_some()
            || actor.has(StaffRoleKind::AccreditationOfficer)
            || actor.has(StaffRoleKind::HelpDesk)
            || actor.is_platform_admin(),
    )
}

/// The secretariat's designation queue: accreditation officers and platform administrators.
pub fn may_review_designations(actor: &Actor) -> Result<(), AppError> {
    allow(actor.has(StaffRoleKind::AccreditationOfficer) || actor.is_platform_admin())
}

/// Approving, rejecting or revoking a designation at `duty_station`: the accreditation officers
/// of that station (and platform administrators).
pub fn may_decide_designation(actor: &Actor, duty_station: &str) -> Result<(), AppError> {
    allow(actor.has_scoped(StaffRoleKind::AccreditationOfficer, duty_station))
}

/// Leaving an organisation: its members.
pub fn may_leave(role: Option<MemberRole>) -> Result<(), AppError> {
    allow(role.is_some())
}

/// Recording ECOSOC consultative status: platform administrators.
pub fn may_set_consultative_status(actor: &Actor) -> Result<(), AppError> {
    allow(actor.is_platform_admin())
}

/// Validating or rejecting extranet registrations: the extranet secretariat.
pub fn may_review_extranet_registrations(actor: &Actor) -> Result<(), AppError> {
    allow(actor.is_platform_admin() || actor.has(StaffRoleKind::ExtranetSecretariat))
}

/// Granting and removing staff roles: platform administrators.
pub fn may_manage_staff(actor: &Actor) -> Result<(), AppError> {
    allow(actor.is_platform_admin())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn role(r: &str, s: &str) -> StaffRole {
        StaffRole {
            role: r.into(),
            scope: s.into(),
        }
    }

    fn actor(roles: &[(&str, &str)]) -> Actor {
        Actor {
            user_id: 1,
            staff: roles.iter().map(|(r, s)| role(r, s)).collect(),
        }
    }

    #[test]
    fn only_platform_administrators_read_the_outbox() {
        assert_eq!(may_manage_outbox(&[role("platform_admin", "")]), Ok(()));
        assert_eq!(
            may_manage_outbox(&[
                role("help_desk", ""),
                role("accreditation_officer", "geneva")
            ]),
            Err(AppError::Forbidden)
        );
        assert_eq!(may_manage_outbox(&[]), Err(AppError::Forbidden));
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
    fn staff_see_only_their_scope() {
        let geneva = actor(&[("accreditation_officer", "geneva")]);
        assert!(geneva.has_scoped(StaffRoleKind::AccreditationOfficer, "geneva"));
        assert!(!geneva.has_scoped(StaffRoleKind::AccreditationOfficer, "new_york"));
        assert!(may_review_extranet_registrations(&geneva).is_err());
        assert!(may_review_extranet_registrations(&actor(&[("extranet_secretariat", "")])).is_ok());
        assert!(may_manage_staff(&actor(&[("extranet_secretariat", "")])).is_err());
        assert!(may_read_organisation(&actor(&[("help_desk", "")]), None).is_ok());
        assert!(may_read_organisation(&geneva, None).is_err());
        assert!(may_read_organisation(&nobody(), Some(MemberRole::Reader)).is_ok());
    }

    fn nobody() -> Actor {
        actor(&[])
    }
}
