//! Who may do what: pure decisions from facts the server loaded (roles, memberships). Every
//! server function asks here; none decides on its own.
use crate::AppError;

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

/// Reading the outbox (mail kept when no SMTP server is configured): platform administrators.
pub fn may_read_outbox(roles: &[StaffRole]) -> Result<(), AppError> {
    if is_platform_admin(roles) {
        Ok(())
    } else {
        Err(AppError::Forbidden)
    }
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

    #[test]
    fn only_platform_administrators_read_the_outbox() {
        assert_eq!(may_read_outbox(&[role("platform_admin", "")]), Ok(()));
        assert_eq!(
            may_read_outbox(&[
                role("help_desk", ""),
                role("accreditation_officer", "geneva")
            ]),
            Err(AppError::Forbidden)
        );
        assert_eq!(may_read_outbox(&[]), Err(AppError::Forbidden));
    }
}
