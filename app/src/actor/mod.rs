//! Who is acting: the signed-in person with their staff roles (PRODUCT.md §1), as every module's
//! `policy` reads them. Pure; `server` (server only) builds it — the one place an `Actor` is built
//! (server functions, and the plain axum handlers: badge download, exports, file serving, the
//! outbox).
use crate::AppError;
use crate::code_enum;

#[cfg(feature = "ssr")]
pub mod server;

code_enum! {
    /// The five staff roles.
    StaffRoleKind {
        /// Scoped to one duty station.
        AccreditationOfficer = "accreditation_officer",
        /// Scoped to one agency.
        AgencyOfficer = "agency_officer",
        HelpDesk = "help_desk",
        ExtranetSecretariat = "extranet_secretariat",
        /// Everything, plus staff management.
        PlatformAdmin = "platform_admin",
    }
}

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
        self.staff.iter().any(|r| r.role == kind.as_str())
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
                .any(|r| r.role == kind.as_str() && r.scope == scope)
    }
}

/// `Ok` when `yes`, else `Forbidden`: how every `may_*` answers.
pub fn allow(yes: bool) -> Result<(), AppError> {
    if yes {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn staff_see_only_their_scope() {
        let geneva = Actor {
            user_id: 1,
            staff: vec![StaffRole {
                role: "accreditation_officer".into(),
                scope: "geneva".into(),
            }],
        };
        assert!(geneva.has_scoped(StaffRoleKind::AccreditationOfficer, "geneva"));
        assert!(!geneva.has_scoped(StaffRoleKind::AccreditationOfficer, "new_york"));
        assert!(!geneva.is_platform_admin());
    }
}
