//! Who is acting: the signed-in person with their staff roles (PRODUCT.md §1), as every module's
//! `policy` reads them. Pure; `server` (server only) builds it — the one place an `Actor` is built
//! (server functions, and the plain axum handlers: badge download, exports, file serving, the
//! outbox).
use crate::AppError;
use serde::{Deserialize, Serialize};

#[cfg(feature = "ssr")]
pub mod server;

/// The five staff roles.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum StaffRoleKind {
    /// Scoped to one duty station.
    AccreditationOfficer,
    /// Scoped to one agency.
    AgencyOfficer,
    HelpDesk,
    ExtranetSecretariat,
    /// Everything, plus staff management.
    PlatformAdmin,
}

impl StaffRoleKind {
    pub const ALL: [StaffRoleKind; 5] = [
        Self::AccreditationOfficer,
        Self::AgencyOfficer,
        Self::HelpDesk,
        Self::ExtranetSecretariat,
        Self::PlatformAdmin,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Self::AccreditationOfficer => "accreditation_officer",
            Self::AgencyOfficer => "agency_officer",
            Self::HelpDesk => "help_desk",
            Self::ExtranetSecretariat => "extranet_secretariat",
            Self::PlatformAdmin => "platform_admin",
        }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code.trim())
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
