//! Who may do what with the mail queue: pure decisions from facts the server loaded (the `Actor` with its
//! staff roles). Every server function of the module asks here; none decides on its own.
use crate::AppError;
use crate::actor::{StaffRole, allow, is_platform_admin};

/// The outbox (mail kept when no SMTP server is configured, every mail job and its state): reading
/// it and retrying a failed mail. Platform administrators.
pub fn may_manage_outbox(roles: &[StaffRole]) -> Result<(), AppError> {
    allow(is_platform_admin(roles))
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
}
